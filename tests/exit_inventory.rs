//! The exit inventory (issue 14): vendor hosts, vendor people in operations, vendor
//! infrastructure, secret names and committed values, rebuild readiness, and `--tickets`, on a
//! repository built in a temporary folder; and no secret value in any output.
//! See: issue 14.

use serde_json::Value;

use crate::util::{ALICE, BOB, Repo, check, exitready, scan_json, stderr};

const CONFIG: &str = "[organisations]\nvendor = [\"@acme-outsourcing.com\", \"@acme-team\", \"@alice-acme\"]\ninternal = [\"@example.com\", \"@example/platform\"]\n";

/// Values committed in the fixture: none may appear in any output, beyond four characters.
const SECRET_VALUES: [&str; 2] = [
    "sk_live_51HxYzAbCdEfGhIjKlMnOpQr",
    "9f8e7d6c5b4a39281706f5e4d3c2b1a0aa11bb22",
];

const RUNBOOK: &str = "# Payments runbook\n\n## Symptoms\n\nAlert `PaymentsDown` fires.\n\n## Diagnosis\n\nSee the [history](https://wiki.acme-outsourcing.com/display/PAY/Payments+Runbook).\n\n## Mitigation\n\nRestart.\n\n## Escalation\n\nPage the on-call.\n";

const ALERTMANAGER: &str = "route:\n  receiver: payments-oncall\nreceivers:\n  - name: platform\n    email_configs:\n      - to: platform@example.com\n  - name: payments-oncall\n    email_configs:\n      - to: oncall@acme-outsourcing.com\n";

const WORKFLOW: &str = "name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n  deploy:\n    needs: test\n    runs-on: [self-hosted, acme-outsourcing-runner]\n    env:\n      SENTRY_AUTH_TOKEN: 9f8e7d6c5b4a39281706f5e4d3c2b1a0aa11bb22\n    steps:\n      - run: ./deploy.sh\n        env:\n          DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n          SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}\n";

const ACCESS: &str = "# Access inventory\n\n| System / secret | Holder | Where stored | Rotation |\n| --- | --- | --- | --- |\n| GitHub Actions: DEPLOY_TOKEN | Bob Inhouse | GitHub secrets | 90 days |\n| AWS: AWS_SECRET_ACCESS_KEY | Bob Inhouse | GitHub secrets | 90 days |\n| Postgres: DATABASE_URL | Bob Inhouse | Vault | yearly |\n";

/// The issue's fixture: a runbook linking to the vendor's wiki, an Alertmanager receiver with a
/// vendor email, a workflow on a vendor runner with three `secrets.X`, a Terraform backend on a
/// vendor host, a `.env.example`, and an access inventory listing two of the three secrets.
fn payments() -> Repo {
    let mut repo = Repo::new();
    repo.commit(
        ALICE,
        "2026-01-10",
        &[
            ("README.md", Some("# Payments\n\nPayments service.\n\n## Build\n\n```sh\nmake build\n```\n")),
            ("docs/runbooks/payments.md", Some(RUNBOOK)),
            ("monitoring/alertmanager.yml", Some(ALERTMANAGER)),
            (".github/CODEOWNERS", Some("* @example/platform @acme-team\n/infra/ @acme-team\n")),
            (".github/workflows/deploy.yml", Some(WORKFLOW)),
            (
                "infra/main.tf",
                Some("terraform {\n  backend \"http\" {\n    address = \"https://tfstate.acme-outsourcing.com/payments\"\n  }\n}\n"),
            ),
            (".env.example", Some("PORT=8080\nDATABASE_URL=\nSTRIPE_API_KEY=sk_live_51HxYzAbCdEfGhIjKlMnOpQr\n")),
            ("services/payments/Dockerfile", Some("FROM golang:1.22\n")),
            (
                "services/payments/main.go",
                Some("package main\n\nimport \"os\"\n\nfunc main() {\n\t_ = os.Getenv(\"DATABASE_URL\")\n\t_ = os.Getenv(\"PAYMENTS_TIMEOUT\")\n}\n"),
            ),
        ],
        "payments",
    );
    repo.commit(
        BOB,
        "2026-02-01",
        &[("docs/access.md", Some(ACCESS))],
        "access inventory",
    );
    repo.write(&[("exitready.toml", Some(CONFIG))]);
    repo
}

/// A check's evidence as (path, line, negative, message).
fn evidence(report: &Value, id: &str) -> Vec<(String, Option<u64>, bool, String)> {
    check(report, id)["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap_or("").to_string(),
                e["line"].as_u64(),
                e["negative"].as_bool().unwrap(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn status(report: &Value, id: &str) -> (String, f64) {
    let c = check(report, id);
    (c["status"].as_str().unwrap().to_string(), c["score"].as_f64().unwrap())
}

fn row(path: &str, line: u64, negative: bool, message: &str) -> (String, Option<u64>, bool, String) {
    (path.to_string(), Some(line), negative, message.to_string())
}

#[test]
fn exit_inventory_facts_with_file_and_line() {
    let repo = payments();
    let report = scan_json(repo.path(), &[]);
    let repository = &report["repositories"][0];
    assert_eq!(
        repository["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"] == "docs/access.md")
            .unwrap()["kind"],
        "access"
    );
    let exit = &repository["exit_inventory"];
    assert_eq!(exit["vendor_configured"], true);

    type Host = (String, String, Vec<(String, u64, String)>);
    let hosted: Vec<Host> = exit["hosted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["host"].as_str().unwrap().to_string(),
                h["kind"].as_str().unwrap().to_string(),
                h["references"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| {
                        (
                            r["path"].as_str().unwrap().to_string(),
                            r["line"].as_u64().unwrap(),
                            r["url"].as_str().unwrap().to_string(),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        hosted,
        vec![
            (
                "tfstate.acme-outsourcing.com".into(),
                "other".into(),
                vec![(
                    "infra/main.tf".into(),
                    3,
                    "https://tfstate.acme-outsourcing.com/payments".into()
                )]
            ),
            (
                "wiki.acme-outsourcing.com".into(),
                "wiki".into(),
                vec![(
                    "docs/runbooks/payments.md".into(),
                    9,
                    "https://wiki.acme-outsourcing.com/display/PAY/Payments+Runbook".into()
                )]
            ),
        ]
    );

    type Operation = (String, u64, String, String, Vec<(String, u64)>, bool);
    let operations: Vec<Operation> = exit["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["path"].as_str().unwrap().to_string(),
                o["line"].as_u64().unwrap(),
                o["context"].as_str().unwrap().to_string(),
                o["name"].as_str().unwrap().to_string(),
                o["vendor_people"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| (p["who"].as_str().unwrap().to_string(), p["line"].as_u64().unwrap()))
                    .collect(),
                o["vendor_only"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        operations,
        vec![
            (
                ".github/CODEOWNERS".into(),
                1,
                "ownership".into(),
                "*".into(),
                vec![("@acme-team".into(), 1)],
                false
            ),
            (
                ".github/CODEOWNERS".into(),
                2,
                "ownership".into(),
                "/infra/".into(),
                vec![("@acme-team".into(), 2)],
                true
            ),
            (
                "monitoring/alertmanager.yml".into(),
                7,
                "alert_route".into(),
                "receiver `payments-oncall`".into(),
                vec![("oncall@acme-outsourcing.com".into(), 9)],
                true
            ),
        ]
    );

    let infrastructure: Vec<(String, u64, String, String, bool)> = exit["infrastructure"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_string(),
                i["line"].as_u64().unwrap(),
                i["kind"].as_str().unwrap().to_string(),
                i["target"].as_str().unwrap().to_string(),
                i["vendor"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        infrastructure,
        vec![
            (
                ".github/workflows/deploy.yml".into(),
                12,
                "ci_runner".into(),
                "self-hosted, acme-outsourcing-runner".into(),
                true
            ),
            (
                "infra/main.tf".into(),
                3,
                "terraform_backend".into(),
                "https://tfstate.acme-outsourcing.com/payments".into(),
                true
            ),
        ]
    );

    type Named = (String, Vec<(String, u64, String)>, Option<(String, u64)>);
    let credentials: Vec<Named> = exit["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["found"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| {
                        (
                            f["path"].as_str().unwrap().to_string(),
                            f["line"].as_u64().unwrap(),
                            f["source"].as_str().unwrap().to_string(),
                        )
                    })
                    .collect(),
                c["listed_in"]
                    .as_object()
                    .map(|l| (l["path"].as_str().unwrap().to_string(), l["line"].as_u64().unwrap())),
            )
        })
        .collect();
    let workflow = ".github/workflows/deploy.yml";
    assert_eq!(
        credentials,
        vec![
            (
                "AWS_SECRET_ACCESS_KEY".into(),
                vec![(workflow.into(), 19, "github_actions".into())],
                Some(("docs/access.md".into(), 6))
            ),
            (
                "DATABASE_URL".into(),
                vec![(".env.example".into(), 2, "env_example".into())],
                Some(("docs/access.md".into(), 7))
            ),
            (
                "DEPLOY_TOKEN".into(),
                vec![(workflow.into(), 18, "github_actions".into())],
                Some(("docs/access.md".into(), 5))
            ),
            (
                "SLACK_WEBHOOK_URL".into(),
                vec![(workflow.into(), 20, "github_actions".into())],
                None
            ),
            (
                "STRIPE_API_KEY".into(),
                vec![(".env.example".into(), 3, "env_example".into())],
                None
            ),
        ]
    );
    let committed: Vec<(String, u64, String, String)> = exit["committed_values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["path"].as_str().unwrap().to_string(),
                v["line"].as_u64().unwrap(),
                v["name"].as_str().unwrap().to_string(),
                v["redacted"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        committed,
        vec![
            (".env.example".into(), 3, "STRIPE_API_KEY".into(), "sk_l…".into()),
            (workflow.into(), 14, "SENTRY_AUTH_TOKEN".into(), "9f8e…".into()),
        ]
    );

    let rebuild = &exit["rebuild"];
    assert_eq!(rebuild["build_instructions"][0]["path"], "README.md");
    assert_eq!(rebuild["build_instructions"][0]["line"], 5);
    assert_eq!(rebuild["base_images"][0]["image"], "golang:1.22");
    assert_eq!(rebuild["base_images"][0]["pin"], "tag");
    assert_eq!(rebuild["iac"][0]["kind"], "terraform");
    let env: Vec<(&str, &Value)> = rebuild["env_vars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["name"].as_str().unwrap(), &e["documented_in"]))
        .collect();
    assert_eq!(env.len(), 2);
    assert_eq!(env[0].0, "DATABASE_URL");
    assert_eq!(env[0].1["path"], ".env.example");
    assert_eq!((env[1].0, env[1].1), ("PAYMENTS_TIMEOUT", &Value::Null));
    assert_eq!(rebuild["ci"][0]["jobs"], 2);
    assert_eq!(rebuild["ci"][0]["vendor_jobs"], 1);
}

#[test]
fn exit_checks_statuses_and_evidence() {
    let repo = payments();
    let report = scan_json(repo.path(), &[]);

    assert_eq!(status(&report, "exit.vendor_hosted"), ("fail".into(), 0.0));
    assert_eq!(
        evidence(&report, "exit.vendor_hosted"),
        vec![row(
            "docs/runbooks/payments.md",
            9,
            true,
            "links to https://wiki.acme-outsourcing.com/display/PAY/Payments+Runbook (wiki on the vendor's host wiki.acme-outsourcing.com): it leaves with the vendor"
        )]
    );

    assert_eq!(status(&report, "exit.vendor_in_operations"), ("warn".into(), 0.333));
    assert_eq!(
        evidence(&report, "exit.vendor_in_operations"),
        vec![
            row(
                ".github/CODEOWNERS",
                1,
                false,
                "ownership rule * names vendor people (@acme-team) beside 1 other(s)"
            ),
            row(
                ".github/CODEOWNERS",
                2,
                true,
                "ownership rule /infra/ names only vendor people (@acme-team)"
            ),
            row(
                "monitoring/alertmanager.yml",
                9,
                true,
                "alert route receiver `payments-oncall` names only vendor people (oncall@acme-outsourcing.com)"
            ),
        ]
    );

    assert_eq!(status(&report, "exit.vendor_infrastructure"), ("fail".into(), 0.0));
    assert_eq!(
        evidence(&report, "exit.vendor_infrastructure"),
        vec![
            row(
                ".github/workflows/deploy.yml",
                12,
                true,
                "job `deploy` on the vendor's runners labelled `self-hosted, acme-outsourcing-runner`"
            ),
            row(
                "infra/main.tf",
                3,
                true,
                "Terraform state backend on the vendor's host tfstate.acme-outsourcing.com: https://tfstate.acme-outsourcing.com/payments"
            ),
        ]
    );

    assert_eq!(status(&report, "exit.credentials_listed"), ("fail".into(), 0.0));
    let workflow = ".github/workflows/deploy.yml";
    assert_eq!(
        evidence(&report, "exit.credentials_listed"),
        vec![
            row(
                "docs/access.md",
                6,
                false,
                "AWS_SECRET_ACCESS_KEY (GitHub Actions secret, used in 1 place(s)) is in the access inventory"
            ),
            row(
                "docs/access.md",
                7,
                false,
                "DATABASE_URL (environment secret, used in 1 place(s)) is in the access inventory"
            ),
            row(
                "docs/access.md",
                5,
                false,
                "DEPLOY_TOKEN (GitHub Actions secret, used in 1 place(s)) is in the access inventory"
            ),
            row(
                workflow,
                20,
                true,
                "SLACK_WEBHOOK_URL (GitHub Actions secret, used in 1 place(s)) is not in the access inventory"
            ),
            row(
                ".env.example",
                3,
                true,
                "STRIPE_API_KEY (environment secret, used in 1 place(s)) is not in the access inventory"
            ),
            row(
                ".env.example",
                3,
                true,
                "a value-looking literal (sk_l…: a Stripe live key prefix) is committed for STRIPE_API_KEY: rotate it and move it to a secret store"
            ),
            row(
                workflow,
                14,
                true,
                "a value-looking literal (9f8e…: a high-entropy literal) is committed for SENTRY_AUTH_TOKEN: rotate it and move it to a secret store"
            ),
        ]
    );
    assert_eq!(
        check(&report, "exit.credentials_listed")["reason"],
        "3 of 5 secret name(s) used by CI and deployment are in the access inventory; 2 value-looking literal(s) committed"
    );

    assert_eq!(status(&report, "exit.rebuild_ready"), ("warn".into(), 0.9));
    let against: Vec<_> = evidence(&report, "exit.rebuild_ready")
        .into_iter()
        .filter(|e| e.2)
        .collect();
    assert_eq!(
        against,
        vec![row(
            "services/payments/main.go",
            7,
            true,
            "reads PAYMENTS_TIMEOUT, documented nowhere (.env.example, Helm values, docs)"
        )]
    );

    assert_eq!(status(&report, "exit.open_tickets").0, "skip");
}

#[test]
fn exit_checks_skip_without_organisations() {
    let mut repo = payments();
    repo.write(&[("exitready.toml", None)]);
    let report = scan_json(repo.path(), &[]);
    for id in [
        "exit.vendor_hosted",
        "exit.vendor_in_operations",
        "exit.vendor_infrastructure",
        "exit.credentials_listed",
        "exit.rebuild_ready",
    ] {
        let c = check(&report, id);
        assert_eq!(
            (c["status"].as_str(), c["reason"].as_str()),
            (Some("skip"), Some("no [organisations] configured: run exitready init")),
            "{id}"
        );
    }
    let exit = &report["repositories"][0]["exit_inventory"];
    assert_eq!(exit["vendor_configured"], false);
    assert_eq!(exit["hosted"], serde_json::json!([]));
    assert_eq!(exit["credentials"].as_array().unwrap().len(), 5, "names need no vendor");
}

#[test]
fn no_secret_value_in_any_output() {
    let repo = payments();
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("x.html");
    let md = out.path().join("x.md");
    let sarif = out.path().join("x.sarif");
    let json = out.path().join("x.json");
    let output = exitready(
        repo.path(),
        &[
            "scan",
            repo.path().to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
            "-o",
            md.to_str().unwrap(),
            "-o",
            sarif.to_str().unwrap(),
            "-o",
            json.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let mut texts = vec![
        (
            "stdout".to_string(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        ),
        ("stderr".to_string(), stderr(&output)),
    ];
    for path in [&html, &md, &sarif, &json] {
        texts.push((path.display().to_string(), std::fs::read_to_string(path).unwrap()));
    }
    assert!(texts[5].1.contains("sk_l…"), "the JSON names the redacted value");
    for (name, text) in &texts {
        for value in SECRET_VALUES {
            assert!(!text.contains(value), "{name} contains a secret value");
            assert!(!text.contains(&value[3..11]), "{name} contains part of a secret value");
        }
    }
}

const JIRA: &str = "Summary,Issue key,Issue id,Status,Assignee,Reporter,Created,Resolution\n\
\"Fix retry, again\",PAY-123,10001,In Progress,alice@acme-outsourcing.com,bob,12/Mar/26 3:45 PM,\n\
Old bug,PAY-99,10002,Done,alice@acme-outsourcing.com,bob,01/Jan/25 9:00 AM,Done\n\
Nobody's,PAY-124,10003,To Do,,bob,2026-06-01 10:00,Unresolved\n\
In-house,PAY-125,10004,To Do,bob@example.com,bob,2026-06-01,\n";

const GH: &str = "[\n  {\"assignees\":[{\"login\":\"alice-acme\"}],\"createdAt\":\"2026-05-01T10:00:00Z\",\"labels\":[],\"number\":7,\"title\":\"Flaky deploy\",\"updatedAt\":\"2026-05-02T10:00:00Z\",\"url\":\"https://github.com/o/r/issues/7\"},\n  {\"assignees\":[{\"login\":\"bob-inhouse\"}],\"createdAt\":\"2026-06-01T10:00:00Z\",\"labels\":[],\"number\":8,\"title\":\"Docs\",\"updatedAt\":\"2026-06-01T10:00:00Z\",\"url\":\"https://github.com/o/r/issues/8\"}\n]\n";

#[test]
fn tickets_list_open_vendor_and_unassigned_items_with_their_branches() {
    let mut repo = payments();
    repo.on_branch("PAY-123-fix-retry", |r| {
        r.commit(
            ALICE,
            "2026-06-20",
            &[("services/payments/retry.go", Some("package main\n"))],
            "Retry with backoff",
        );
    });
    // Checking out the branch again removed the untracked config.
    repo.write(&[("exitready.toml", Some(CONFIG))]);
    std::fs::write(repo.path().join("jira.csv"), JIRA).unwrap();
    std::fs::write(repo.path().join("gh.json"), GH).unwrap();
    let report = scan_json(repo.path(), &["--tickets", "jira.csv", "--tickets", "gh.json"]);
    let tickets = &report["repositories"][0]["tickets"];
    assert_eq!(tickets["open_tickets"], 5);
    type Item = (String, String, u64, String, Option<i64>, Vec<String>);
    let items: Vec<Item> = tickets["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["key"].as_str().unwrap().to_string(),
                t["export"].as_str().unwrap().to_string(),
                t["line"].as_u64().unwrap(),
                t["assigned_to"].as_str().unwrap().to_string(),
                t["age_days"].as_i64(),
                t["in_flight"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| w["branch"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        items,
        vec![
            (
                "PAY-123".into(),
                "jira.csv".into(),
                2,
                "vendor".into(),
                Some(109),
                vec!["PAY-123-fix-retry".into()]
            ),
            (
                "PAY-124".into(),
                "jira.csv".into(),
                4,
                "nobody".into(),
                Some(28),
                vec![]
            ),
            ("#7".into(), "gh.json".into(), 2, "vendor".into(), Some(59), vec![]),
        ]
    );
    assert_eq!(status(&report, "exit.open_tickets"), ("warn".into(), 0.4));
    assert_eq!(
        evidence(&report, "exit.open_tickets"),
        vec![
            row(
                "jira.csv",
                2,
                true,
                "PAY-123 \"Fix retry, again\" assigned to the vendor (alice@acme-outsourcing.com), open 109 days; in flight on PAY-123-fix-retry"
            ),
            row(
                "jira.csv",
                4,
                true,
                "PAY-124 \"Nobody's\" assigned to nobody, open 28 days"
            ),
            row(
                "gh.json",
                2,
                true,
                "#7 \"Flaky deploy\" assigned to the vendor (@alice-acme), open 59 days"
            ),
        ]
    );
}

#[test]
fn a_malformed_ticket_export_exits_2_naming_the_expected_columns() {
    let repo = payments();
    std::fs::write(repo.path().join("export.csv"), "id,name,owner\n1,x,alice\n").unwrap();
    let output = exitready(
        repo.path(),
        &["scan", ".", "--tickets", "export.csv", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "no work is done");
    let err = stderr(&output);
    assert!(
        err.contains("export.csv:1: not a ticket export exitready reads: expected a Jira CSV export (columns Issue key, Summary, Status, Assignee, Created)"),
        "{err}"
    );
    let missing = exitready(repo.path(), &["scan", ".", "--tickets", "nope.csv"]);
    assert_eq!(missing.status.code(), Some(2));
}
