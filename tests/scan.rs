use std::sync::LazyLock;

use serde_json::Value;

use crate::util::{
    ALICE, BOB, CAROL, Repo, assert_snapshot, check, escaped_path, exitready, on_terminal, render_markdown, scan_json,
    stderr, stdout,
};

const RUNBOOK: &str = "# Payments runbook\n\n## Symptoms\n\nAlert `PaymentsDown` fires.\n\n## Diagnosis\n\nCheck the logs.\n\n## Mitigation\n\nRestart.\n\n## Escalation\n\nPage the on-call.\n";

/// A small estate: three services (one without a runbook), a test fixture that looks
/// deployable, vendored and binary files, ADRs, a README naming two of three owners.
fn shop() -> Repo {
    // Named: the snapshot replaces the folder's name, which must not be a word of the report.
    let mut repo = Repo::named("shop");
    repo.commit(
        ALICE,
        "2025-01-10",
        &[
            ("README.md", Some("# Shop\n\nHow to build and run.\n\nEngineering owner: Bob Inhouse\n\n| Delivery lead | Carol Inhouse |\n| --- | --- |\n")),
            ("services/payments/Dockerfile", Some("FROM scratch\n")),
            ("services/payments/main.go", Some("package main\n\nfunc main() {}\n")),
            ("services/search/Dockerfile", Some("FROM scratch\n")),
            ("services/search/cmd/tool/main.go", Some("// tool\npackage main\n")),
            ("tests/fixtures/app/Dockerfile", Some("FROM scratch\n")),
            ("web/package.json", Some("{\"name\": \"web\", \"main\": \"index.js\"}\n")),
            ("web/index.js", Some("console.log(1)\n")),
            ("vendor/lib/x.go", Some("package main\n")),
            ("Cargo.lock", Some("# lock\n")),
        ],
        "initial",
    );
    repo.commit_bytes(
        BOB,
        "2025-02-01",
        &[("logo.png", Some(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"))],
        "logo",
    );
    repo.commit(
        CAROL,
        "2025-03-01",
        &[
            ("docs/runbooks/payments.md", Some(RUNBOOK)),
            ("web/docs/runbook.md", Some(&RUNBOOK.replace("Payments", "Web"))),
            ("docs/adr/0001-use-postgres.md", Some("# 1. Use Postgres\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a database.\n\n## Decision\n\nPostgres.\n\n## Consequences\n\nOps.\n")),
            ("docs/adr/0002-use-go.md", Some("# 2. Use Go\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\nGo.\n\n## Consequences\n\ny\n")),
            ("SECURITY.md", Some("# Security policy\n\nReport vulnerabilities to security@example.com.\n")),
        ],
        "docs",
    );
    repo
}

/// `shop`, built once for the tests that only read it.
static SHOP: LazyLock<Repo> = LazyLock::new(shop);

fn status_score(report: &Value, id: &str) -> (String, f64) {
    let c = check(report, id);
    (c["status"].as_str().unwrap().to_string(), c["score"].as_f64().unwrap())
}

#[test]
fn services_are_found_and_mapped_to_runbooks() {
    let repo = &*SHOP;
    let report = scan_json(repo.path(), &[]);
    let services: Vec<(String, String, String, Value)> = report["repositories"][0]["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().into(),
                s["path"].as_str().unwrap().into(),
                s["found_by"].as_str().unwrap().into(),
                s["runbook"].clone(),
            )
        })
        .collect();
    assert_eq!(
        services,
        vec![
            (
                "payments".into(),
                "services/payments".into(),
                "Dockerfile".into(),
                Value::from("docs/runbooks/payments.md")
            ),
            (
                "search".into(),
                "services/search".into(),
                "Dockerfile".into(),
                Value::Null
            ),
            (
                "web".into(),
                "web".into(),
                "package.json main/bin".into(),
                Value::from("web/docs/runbook.md")
            ),
        ]
    );
}

/// Issue 15, items 15 and 16: development-only folders with a Dockerfile are not services;
/// platform manifests (Procfile, Cloud Foundry, App Engine, Fly, Render, a Kubernetes
/// Deployment folder) declare one.
#[test]
fn dev_folders_are_not_services_and_platform_manifests_are() {
    let mut repo = Repo::new();
    repo.commit(
        ALICE,
        "2026-01-02",
        &[
            (
                ".devcontainer/Dockerfile",
                Some("FROM mcr.microsoft.com/devcontainers/base\n"),
            ),
            (".devcontainer/devcontainer.json", Some("{}\n")),
            (".github/actions/lint/Dockerfile", Some("FROM alpine\n")),
            (".gitlab/ci/Dockerfile", Some("FROM alpine\n")),
            ("tools/builder/Dockerfile", Some("FROM rust\n")),
            (".github/workflows/ci.yml", Some("on: push\njobs: {}\n")),
            (
                "api/Procfile",
                Some("web: gunicorn app:app\nworker: celery -A app worker\n"),
            ),
            ("api/app.py", Some("app = 1\n")),
            (
                "billing/manifest.yml",
                Some("---\napplications:\n- name: billing-app\n  memory: 512M\n"),
            ),
            ("billing/main.py", Some("x = 1\n")),
            ("frontend/app.yaml", Some("runtime: nodejs20\nservice: frontend\n")),
            ("edge/fly.toml", Some("app = \"edge-proxy\"\n")),
            (
                "worker/render.yaml",
                Some("services:\n  - type: worker\n    name: mailer\n"),
            ),
            (
                "deploy/k8s/cart.yaml",
                Some("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\n"),
            ),
            (
                "deploy/k8s/cart-svc.yaml",
                Some("apiVersion: v1\nkind: Service\nmetadata:\n  name: cart\n"),
            ),
        ],
        "layout",
    );
    let report = scan_json(repo.path(), &[]);
    let services: Vec<(String, String, String)> = report["repositories"][0]["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().into(),
                s["path"].as_str().unwrap().into(),
                s["found_by"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expect = |name: &str, path: &str, found_by: &str| (name.to_string(), path.to_string(), found_by.to_string());
    assert_eq!(
        services,
        vec![
            expect("api", "api", "Procfile"),
            expect("billing-app", "billing", "Cloud Foundry manifest"),
            expect("cart", "deploy/k8s", "Kubernetes Deployment"),
            expect("edge-proxy", "edge", "fly.toml"),
            expect("frontend", "frontend", "App Engine app.yaml"),
            expect("mailer", "worker", "render.yaml"),
        ]
    );
}

#[test]
fn inventory_classes_are_counted() {
    let repo = &*SHOP;
    let report = scan_json(repo.path(), &[]);
    let inventory = &report["repositories"][0]["inventory"];
    assert_eq!(inventory["vendored"], 1);
    assert_eq!(inventory["lock"], 1);
    assert_eq!(inventory["binary"], 1);
    assert_eq!(inventory["document"], 6);
    assert_eq!(inventory["source"], 7);
}

#[test]
fn check_statuses_and_scores() {
    let repo = &*SHOP;
    let report = scan_json(repo.path(), &[]);
    let got: Vec<(String, f64)> = [
        "documentation.runbooks",
        "documentation.service_runbooks",
        "documentation.onboarding",
        "documentation.decisions",
        "documentation.operations",
        "exit.security_doc",
        "exit.access_inventory",
        "exit.handoff_plan",
        "exit.named_owners",
    ]
    .iter()
    .map(|id| status_score(&report, id))
    .collect();
    let expected = [
        ("pass", 1.0),
        ("warn", 0.667),
        ("pass", 1.0),
        ("warn", 0.667),
        ("fail", 0.0),
        ("pass", 1.0),
        ("fail", 0.0),
        ("fail", 0.0),
        ("warn", 0.667),
    ];
    let expected: Vec<(String, f64)> = expected.iter().map(|(s, v)| (s.to_string(), *v)).collect();
    assert_eq!(got, expected);
    // documentation: (3·1 + 3·⅔ + 2·1 + 1·⅔ + 2·0) / 11 = 69.7; exit: (2·1 + 3·0 + 3·0 + 3·⅔) / 11 = 36.4
    assert_eq!(report["score"]["categories"]["documentation"], 69.7);
    assert_eq!(report["score"]["categories"]["exit"], 36.4);
    // freshness (issue 5): runbooks and docs past their age limits, links and ADRs fine:
    // (3·0 + 2·0 + 2·1 + 1·1) / 8 = 37.5
    assert_eq!(report["score"]["categories"]["freshness"], 37.5);
    // ownership: no ownership file, so coverage and specific coverage fail: (3·0 + 2·0) / 5 = 0
    assert_eq!(report["score"]["categories"]["ownership"], 0.0);
    // (69.7 + 37.5 + 0 + 36.4) / 4
    assert_eq!(report["score"]["overall"], 35.9);
    assert_eq!(report["score"]["grade"], "F");
    let named = check(&report, "exit.named_owners");
    let messages: Vec<&str> = named["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "engineering: Bob Inhouse (engineering owner)",
            "delivery: Carol Inhouse (delivery lead)",
            "no named security owner in any document or [accountability]"
        ]
    );
}

#[test]
fn json_shape_is_stable_and_deterministic() {
    let repo = &*SHOP;
    let first = scan_json(repo.path(), &[]);
    let second = scan_json(repo.path(), &[]);
    assert_eq!(first, second);
    assert_eq!(first["schema_version"], 1);
    assert_eq!(first["tool"]["name"], "exitready");
    assert_eq!(first["generated_at"], "2026-06-30T00:00:00Z");
    let head = first["repositories"][0]["head"].as_str().unwrap();
    assert_eq!(head.len(), 40);
    for key in ["name", "path", "head", "partial_history", "documents", "services"] {
        assert!(first["repositories"][0].get(key).is_some(), "repositories[0].{key}");
    }
    for check in first["checks"].as_array().unwrap() {
        for key in ["id", "title", "category", "status", "score", "evidence"] {
            assert!(check.get(key).is_some(), "checks[].{key}");
        }
    }
}

#[test]
fn missing_path_exits_2_before_any_work() {
    let repo = &*SHOP;
    let output = exitready(repo.path(), &["scan", ".", "no-such-dir", "-o", "out.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), "exitready: no-such-dir: no such file or directory\n");
    assert!(!repo.path().join("out.json").exists());
}

#[test]
fn malformed_config_names_file_line_and_key() {
    let mut repo = shop();
    repo.write(&[(
        "exitready.toml",
        Some("[thresholds]\nrunbook_max_age = 3\n\n[organisations]\nvendor = 3\n"),
    )]);
    let output = exitready(repo.path(), &["scan", "."]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("exitready.toml:2:1: thresholds: unknown field `runbook_max_age`"),
        "{err}"
    );
    assert!(
        err.contains("exitready.toml:5:10: organisations: invalid type: integer `3`, expected a sequence"),
        "{err}"
    );
}

#[test]
fn plain_folder_is_scanned_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("runbooks")).unwrap();
    std::fs::write(dir.path().join("runbooks/payments.md"), RUNBOOK).unwrap();
    std::fs::write(dir.path().join("notes.bin"), b"\0\0\0").unwrap();
    std::fs::write(dir.path().join("latin1.md"), b"# Caf\xe9\n").unwrap();
    let report = scan_json(dir.path(), &[]);
    let repository = &report["repositories"][0];
    assert_eq!(repository["kind"], "folder");
    assert_eq!(repository["head"], Value::Null);
    let docs: Vec<&str> = repository["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["latin1.md", "runbooks/payments.md"]);
    assert_eq!(repository["documents"][1]["last_changed_from"], "mtime");
    assert_eq!(repository["inventory"]["binary"], 1);
    let warnings = repository["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["kind"] == "invalid_utf8" && w["path"] == "latin1.md"),
        "{warnings:?}"
    );
    assert_eq!(status_score(&report, "documentation.runbooks").0, "pass");
}

#[test]
fn outputs_by_extension_and_summary() {
    let repo = &*SHOP;
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("q3.json");
    let md = out.path().join("q3.md");
    let output = exitready(
        repo.path(),
        &["scan", ".", "-o", json.to_str().unwrap(), "-o", md.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Score 35.9 / 100, grade F"), "{text}");
    assert!(
        text.contains("fail Deployment and operations are documented (documentation.operations)"),
        "{text}"
    );
    let report: Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(report["score"]["grade"], "F");
    let markdown = std::fs::read_to_string(&md).unwrap();
    assert!(markdown.starts_with("# Exit-readiness report\n"));
    assert!(
        markdown.contains("| search | services/search | Dockerfile | **none** |"),
        "{markdown}"
    );
    let unknown = exitready(repo.path(), &["scan", ".", "-o", "report.xyz"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("-o report.xyz: unknown extension"));
    // Issue 15, item 12: HTML is a file.
    let html = exitready(repo.path(), &["scan", ".", "--format", "html"]);
    assert_eq!(html.status.code(), Some(2));
    assert!(stderr(&html).contains("--format html: the HTML report is a file, not a stream: use -o report.html"));
    // Issue 15, item 9: the risks the summary leaves out are in the report written, or the
    // summary says how to write one.
    assert!(
        text.contains(&format!("  … and 5 more in {}\n", md.display())),
        "{text}"
    );
    let alone = stdout(&exitready(repo.path(), &["scan", "."]));
    assert!(
        alone.contains("  … and 5 more: write the full report with `-o report.html` (or .md, .json)\n"),
        "{alone}"
    );
}

/// Issue 15, item 10: `explain CHECK-ID` outside a repository asks for `--repo`; an unknown
/// check id lists the valid ones, closest first; a typo in a category suggests the check.
#[test]
fn explain_check_outside_a_repository_and_unknown_ids() {
    let outside = tempfile::tempdir().unwrap();
    let output = exitready(outside.path(), &["explain", "documentation.runbooks"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "the current folder is not a git repository; give the repository to evaluate the check on with --repo PATH"
        ),
        "{}",
        stderr(&output)
    );
    let repo = &*SHOP;
    let output = exitready(
        outside.path(),
        &[
            "explain",
            "documentation.runbooks",
            "--repo",
            repo.path().to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = exitready(repo.path(), &["explain", "documentation.runbook"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "no check `documentation.runbook` in exit-readiness; the checks, closest first: documentation.runbooks, "
        ),
        "{}",
        stderr(&output)
    );
    let output = exitready(repo.path(), &["explain", "documentaton.runbooks"]);
    assert!(
        stderr(&output).ends_with("did you mean documentation.runbooks?\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn hostile_names_are_escaped_in_markdown() {
    let mut repo = Repo::new();
    repo.commit(
        ALICE,
        "2025-01-10",
        &[(
            "docs/runbooks/<img src=x onerror=alert(1)>|x.md",
            Some("# <script>alert(1)</script> | [link](http://evil)\n"),
        )],
        "x",
    );
    let output = exitready(repo.path(), &["scan", ".", "--format", "md"]);
    let markdown = stdout(&output);
    let rendered = render_markdown(&markdown);
    assert!(rendered.html.is_empty(), "{markdown}");
    assert!(rendered.links.is_empty(), "{markdown}");
    assert!(
        rendered
            .text
            .contains("docs/runbooks/<img src=x onerror=alert(1)>|x.md | runbook |"),
        "{}",
        rendered.text
    );
    // The title, its markup stripped when it was read, in the fourth cell.
    assert!(
        rendered.text.contains(
            "\ndocs/runbooks/<img src=x onerror=alert(1)>|x.md | runbook | folder runbooks/; stub: only points to http://evil | alert(1) | link | \n"
        ),
        "{}",
        rendered.text
    );
}

#[test]
fn document_kinds_with_decoys() {
    let mut repo = Repo::new();
    repo.commit(
        ALICE,
        "2025-01-10",
        &[
            ("README.md", Some("# Shop\n\n## Runbook\n\nSee docs/runbooks.\n")),
            ("CHANGELOG.md", Some("# Changelog\n\n## 1.2\n\n- Added the payments runbook.\n")),
            ("docs/blog/how-we-write-runbooks.md", Some("# How we write runbooks\n\nA note about our runbook culture and why runbooks matter.\n")),
            ("docs/adr/template.md", Some("# NNNN. Title\n\n## Status\n\n{proposed}\n\n## Context\n\nTODO\n")),
            ("docs/adr/0001-record-decisions.md", Some("# 1. Record architecture decisions\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\ny\n\n## Consequences\n\nz\n")),
            ("docs/postmortems/2024-03-outage.md", Some("# Outage 2024-03\n\n## Timeline\n\n10:00 alert.\n\n## Root cause\n\nDisk.\n\n## Mitigation\n\nResized.\n")),
            ("docs/runbooks/payments.md", Some(RUNBOOK)),
            ("docs/runbooks/README.md", Some("# Runbooks\n\n- [Payments](payments.md)\n- [Search](search.md)\n")),
            ("SECURITY.md", Some("# Security policy\n\nReport to security@example.com.\n")),
            ("docs/handoff.md", Some("# Knowledge transfer plan\n\nSessions.\n")),
            ("docs/ops/deploy.html.md.erb", Some("# Deploying\n\nRun the pipeline.\n")),
            ("site/getting-started.mdx", Some("import X from './x'\n\n# Getting started\n\nInstall.\n")),
        ],
        "docs",
    );
    let report = scan_json(repo.path(), &[]);
    // Look-alikes keep the kind they imitate and say why no check counts them (issue 12): the
    // ADR template is an `adr`, the runbooks index a `runbook`, neither counted.
    let kinds: Vec<(String, String, Option<String>)> = report["repositories"][0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["counted"].as_bool(), Some(d["not_counted"].is_null()), "{d}");
            (
                d["path"].as_str().unwrap().to_string(),
                d["kind"].as_str().unwrap().to_string(),
                d["not_counted"].as_str().map(str::to_string),
            )
        })
        .collect();
    let expected = [
        ("CHANGELOG.md", "changelog", None),
        ("README.md", "onboarding", None),
        ("SECURITY.md", "security", None),
        ("docs/adr/0001-record-decisions.md", "adr", None),
        ("docs/adr/template.md", "adr", Some("template: name template.md")),
        ("docs/blog/how-we-write-runbooks.md", "other", None),
        ("docs/handoff.md", "handoff", None),
        ("docs/ops/deploy.html.md.erb", "operations", None),
        ("docs/postmortems/2024-03-outage.md", "postmortem", None),
        (
            "docs/runbooks/README.md",
            "runbook",
            Some("index page: index of runbooks/"),
        ),
        ("docs/runbooks/payments.md", "runbook", None),
        ("site/getting-started.mdx", "onboarding", None),
    ];
    let expected: Vec<(String, String, Option<String>)> = expected
        .iter()
        .map(|(p, k, n)| (p.to_string(), k.to_string(), n.map(str::to_string)))
        .collect();
    assert_eq!(kinds, expected);
    let reasons: Vec<&str> = report["repositories"][0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind_reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "name CHANGELOG.md",
            "root README",
            "name SECURITY.md",
            "folder adr/ + numbered name 0001 + Status/Context/Decision/Consequences headings",
            "folder adr/ + a decision status; template: name template.md",
            "folder blog/ + title \"How we write runbooks\" is about such documents",
            "name or title handoff.md",
            "name deploy.html.md.erb + folder ops/",
            "folder postmortems/ + headings Timeline/Root cause",
            "README of runbooks/ + title \"Runbooks\"; index page: index of runbooks/",
            "folder runbooks/ + title \"Payments runbook\" + headings Symptoms/Diagnosis/Mitigation/Escalation",
            "name getting-started.mdx + headings Getting started",
        ]
    );
}

#[test]
fn markdown_report_snapshot() {
    let repo = &*SHOP;
    let output = exitready(repo.path(), &["scan", ".", "--format", "md", "-q"]);
    assert!(output.status.success());
    // The work tree's path and HEAD change with every run; everything else is pinned.
    let head = repo.rev("HEAD");
    let markdown = stdout(&output)
        .replace(&head, "<HEAD>")
        .replace(&escaped_path(repo.path()), "<REPO>")
        .replace(
            &exitready::report::render::escape_markdown(&repo.path().file_name().unwrap().to_string_lossy()),
            "<NAME>",
        );
    assert_snapshot("shop.md", &markdown);
    // Issue 15, item 8: a blank line before every heading.
    let lines: Vec<&str> = markdown.lines().collect();
    for (i, line) in lines.iter().enumerate().skip(1) {
        if line.starts_with('#') {
            assert_eq!(lines[i - 1], "", "no blank line before {line:?}");
        }
    }
}

#[test]
fn huge_files_are_not_read_and_said_so() {
    let mut repo = Repo::new();
    let huge = "x".repeat(6 * 1024 * 1024);
    repo.commit(
        ALICE,
        "2025-01-10",
        &[("docs/dump.md", Some(&huge)), ("README.md", Some("# r\n"))],
        "x",
    );
    let report = scan_json(repo.path(), &[]);
    let repository = &report["repositories"][0];
    assert_eq!(repository["inventory"]["huge"], 1);
    let warning = repository["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["kind"] == "huge")
        .unwrap();
    assert_eq!(warning["path"], "docs/dump.md");
    assert_eq!(
        warning["message"],
        "6 MiB, over the 5 MiB read limit: not read, not measured"
    );
    assert_eq!(report["warning_counts"]["huge"], 1);
}

#[test]
fn web_links_come_from_origin_without_credentials() {
    let mut repo = shop();
    repo.git()
        .remote("origin", "https://user:token@github.com/acme/shop.git")
        .unwrap();
    let report = scan_json(repo.path(), &[]);
    assert_eq!(
        report["repositories"][0]["remote_url"],
        "https://github.com/acme/shop.git"
    );
    assert_eq!(report["repositories"][0]["web_url"], "https://github.com/acme/shop");
    assert!(!report.to_string().contains("token"));
}

/// Issue 15, item 14: the history pass shows a progress bar on stderr when it is a terminal
/// (after ~2 s; the delay is set to 0 here), never with `-q` and never on a pipe.
#[test]
fn progress_bar_on_a_terminal_only() {
    let repo = &*SHOP;
    let now = [("EXITREADY_PROGRESS_AFTER_MS", "0")];
    let Some(shown) = on_terminal(repo.path(), &["scan", ".", "--no-cache"], &now) else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    assert!(shown.contains("history [") && shown.contains(" commits"), "{shown}");
    assert!(shown.contains("Score 35.9 / 100"), "{shown}");
    let quiet = on_terminal(
        repo.path(),
        &["-q", "scan", ".", "--no-cache", "--format", "json"],
        &now,
    )
    .unwrap();
    assert!(!quiet.contains("history ["), "{quiet}");
    let piped = crate::util::command()
        .current_dir(repo.path())
        .args(["scan", ".", "--no-cache"])
        .env("EXITREADY_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    assert!(!stderr(&piped).contains("history ["), "{}", stderr(&piped));
    assert!(!stdout(&piped).contains("history ["));
}
