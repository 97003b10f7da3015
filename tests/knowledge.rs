use std::sync::LazyLock;

use serde_json::Value;

use crate::util::{ALICE, BOB, Repo, check, command, exitready, scan_json, stdout, vendor_core};

/// Alice and Bob last committed in early 2025, over a year before the report clock (2026-06-30):
/// since issue 13 only active people count as knowing, so the window covers them.
const ORGS: &str = "[organisations]\nvendor = [\"@acme-outsourcing.com\"]\ninternal = [\"@example.com\"]\n\
                    [thresholds]\nknower_active_days = 730\n";

/// Alice (vendor) writes src/core in Q1 2025, Bob (in-house) writes app/ in Q2; Alice leaves a
/// branch unmerged.
fn handover() -> Repo {
    let mut repo = vendor_core();
    repo.on_branch("vendor-wip", |r| {
        r.commit(ALICE, "2025-03-01", &[("src/core/d.rs", Some("d\n"))], "wip");
    });
    repo.commit(
        BOB,
        "2025-04-10",
        &[("app/x.rs", Some("x\n")), ("app/y.rs", Some("y\n"))],
        "app",
    );
    repo.write(&[("exitready.toml", Some(ORGS))]);
    repo
}

/// `handover`, built once for the tests that only scan it.
static HANDOVER: LazyLock<Repo> = LazyLock::new(handover);

#[test]
fn knowledge_figures_and_checks() {
    let repo = &*HANDOVER;
    let report = scan_json(repo.path(), &[]);
    let knowledge = &report["repositories"][0]["knowledge"];
    assert_eq!(knowledge["source_files"], 5);
    assert_eq!(knowledge["truck_factor"], 1);
    assert_eq!(knowledge["inhouse_truck_factor"], 0);
    let orgs: Vec<(String, String, u64, u64, f64)> = knowledge["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap().into(),
                o["role"].as_str().unwrap().into(),
                o["commits"].as_u64().unwrap(),
                o["files_known"].as_u64().unwrap(),
                o["orphaned_percent_if_leaves"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        orgs,
        vec![
            ("acme-outsourcing.com".into(), "vendor".into(), 1, 3, 60.0),
            ("example.com".into(), "internal".into(), 1, 2, 40.0)
        ]
    );
    assert_eq!(
        knowledge["islands"],
        serde_json::json!([{"path": "src", "files": 3, "orphaned_files": 3}])
    );
    let quarters: Vec<(&str, f64, f64)> = knowledge["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["quarter"].as_str().unwrap(),
                q["vendor_known_share"].as_f64().unwrap(),
                q["inhouse_known_share"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(quarters, vec![("2025-Q1", 1.0, 0.0), ("2025-Q2", 0.6, 0.4)]);
    assert_eq!(
        report["headline"],
        "If acme-outsourcing.com left today: 60.0 % of source files would have no active in-house knower (0.0 % are already known by nobody active; in-house people actively know 40.0 %)"
    );
    assert_eq!(report["repositories"][0]["partial_history"], false);
    let in_flight = &report["repositories"][0]["in_flight"];
    assert_eq!(in_flight.as_array().unwrap().len(), 1);
    assert_eq!(in_flight[0]["branch"], "vendor-wip");
    assert_eq!(in_flight[0]["role"], "vendor");
    assert_eq!(in_flight[0]["commits_ahead"], 1);
    assert_eq!(in_flight[0]["last_commit_date"], "2025-03-01T12:00:00Z");
    let statuses: Vec<String> = [
        "knowledge.vendor_exit",
        "knowledge.inhouse_truck_factor",
        "knowledge.transfer_trend",
        "knowledge.vendor_islands",
        "exit.in_flight_work",
    ]
    .iter()
    .map(|id| check(&report, id)["status"].as_str().unwrap().to_string())
    .collect();
    // The src island holds 3 files, under the default min_files of 5: not counted.
    assert_eq!(statuses, ["fail", "fail", "pass", "pass", "fail"]);
}

#[test]
fn without_organisations_vendor_checks_skip_with_the_fix() {
    let mut repo = handover();
    repo.write(&[("exitready.toml", None)]);
    let report = scan_json(repo.path(), &[]);
    let check = check(&report, "knowledge.vendor_exit");
    assert_eq!(check["status"], "skip");
    assert_eq!(check["reason"], "no [organisations] configured: run exitready init");
    assert_eq!(report["score"]["categories"]["knowledge"], Value::Null);
    let summary = stdout(&exitready(repo.path(), &["scan", "."]));
    assert!(
        summary.contains("hint: 11 of them need to know who the vendor is: `exitready init`"),
        "{summary}"
    );
}

#[test]
fn documents_are_dated_by_their_last_content_change() {
    let repo = &*HANDOVER;
    let report = scan_json(repo.path(), &[]);
    let readme = &report["repositories"][0]["documents"][0];
    assert_eq!(
        (
            readme["path"].as_str(),
            readme["last_changed"].as_str(),
            readme["last_changed_from"].as_str()
        ),
        (Some("README.md"), Some("2025-01-15T12:00:00Z"), Some("git"))
    );
}

#[test]
fn anonymize_hides_every_author_named_in_evidence() {
    let repo = &*HANDOVER;
    let report = scan_json(repo.path(), &["--anonymize"]);
    let text = report.to_string();
    for person in ["Alice Vendor", "Bob Inhouse", "alice@", "bob@"] {
        assert!(!text.contains(person), "{person} left in the anonymized report");
    }
    // Organisations stay.
    assert!(text.contains("acme-outsourcing.com"));
}

#[test]
fn a_rescan_from_the_history_cache_gives_the_same_report_and_sees_new_commits() {
    let mut repo = handover();
    let path = repo.path().to_path_buf();
    let cache = tempfile::tempdir().unwrap();
    let scan = |extra: &[&str]| {
        let mut args = vec!["scan", ".", "--format", "json", "-q"];
        args.extend_from_slice(extra);
        let output = command()
            .env("EXITREADY_CACHE_DIR", cache.path())
            .current_dir(&path)
            .args(&args)
            .output()
            .unwrap();
        assert!(output.status.success());
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let cold = scan(&["--no-cache"]);
    assert_eq!(
        std::fs::read_dir(cache.path()).unwrap().count(),
        0,
        "--no-cache writes no cache"
    );
    let first = scan(&[]);
    assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 1);
    let cached = scan(&[]);
    assert_eq!(cold, first);
    assert_eq!(first, cached);
    repo.commit(BOB, "2025-05-01", &[("src/core/a.rs", Some("a2\n"))], "bob edits core");
    let after = scan(&[]);
    let orgs = after["repositories"][0]["knowledge"]["organisations"]
        .as_array()
        .unwrap();
    let inhouse = orgs.iter().find(|o| o["name"] == "example.com").unwrap();
    assert_eq!(inhouse["commits"], 2, "the new commit is read despite the cache");
}

const VAL: crate::util::Author = ("Val Vendor", "val@acme-outsourcing.com");
const INA: crate::util::Author = ("Ina Inhouse", "ina@example.com");
const DON: crate::util::Author = ("Don Departed", "don@example.com");
const UMA: crate::util::Author = ("Uma Agency", "uma@other-agency.org");

/// Issue 13's repository, dated back from the report clock (2026-06-30): vendor Val (last commit
/// 50 days ago), Ina in-house and active (10 days), Don in-house but gone three years, Uma from an
/// unconfigured agency (200 days). core/a–c: Val only · core/d: Val, Ina · api/a: Uma, Val ·
/// api/b: Uma only · legacy/a–b: Don only · legacy/c: Don, Val · app/a–e: Ina only.
fn issue_13() -> Repo {
    let mut repo = Repo::new();
    let files = |paths: &[&'static str]| -> Vec<(&'static str, Option<&'static str>)> {
        paths.iter().map(|p| (*p, Some(*p))).collect()
    };
    repo.commit(
        DON,
        "2023-07-01",
        &files(&["legacy/a.rs", "legacy/b.rs", "legacy/c.rs"]),
        "legacy",
    );
    repo.commit(UMA, "2025-12-12", &files(&["api/a.rs", "api/b.rs"]), "api");
    repo.commit(
        VAL,
        "2026-05-01",
        &files(&["core/a.rs", "core/b.rs", "core/c.rs", "core/d.rs"]),
        "core",
    );
    repo.commit(VAL, "2026-05-10", &[("api/a.rs", Some("changed"))], "api");
    repo.commit(VAL, "2026-05-11", &[("legacy/c.rs", Some("changed"))], "legacy");
    repo.commit(
        INA,
        "2026-06-10",
        &files(&["app/a.rs", "app/b.rs", "app/c.rs", "app/d.rs", "app/e.rs"]),
        "app",
    );
    repo.commit(INA, "2026-06-20", &[("core/d.rs", Some("changed"))], "core");
    repo
}

fn configure(repo: &mut Repo, extra: &str) {
    let config =
        format!("[organisations]\nvendor = [\"@acme-outsourcing.com\"]\ninternal = [\"@example.com\"]\n{extra}");
    repo.write(&[("exitready.toml", Some(&config))]);
}

/// (lost_if_leaves, already orphaned, in-house known, in-house truck factor, headline).
fn headline_figures(report: &Value) -> (f64, f64, f64, u64, String) {
    let k = &report["repositories"][0]["knowledge"];
    let acme = k["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "acme-outsourcing.com")
        .unwrap();
    (
        acme["orphaned_percent_if_leaves"].as_f64().unwrap(),
        k["already_orphaned_percent"].as_f64().unwrap(),
        k["inhouse_known_percent"].as_f64().unwrap(),
        k["inhouse_truck_factor"].as_u64().unwrap(),
        report["headline"].as_str().unwrap().to_string(),
    )
}

/// See: issue 13, "Tests with known figures": departed people no longer count as knowing, and
/// an unconfigured organisation retains nothing unless `unknown_role = "internal"`.
#[test]
fn the_headline_counts_only_active_in_house_knowers() {
    let mut repo = issue_13();
    configure(&mut repo, "");
    let report = scan_json(repo.path(), &[]);
    assert_eq!(report["repositories"][0]["knowledge"]["knowers_active_days"], 365);
    assert_eq!(
        headline_figures(&report),
        (
            35.7,
            14.3,
            42.9,
            0,
            "If acme-outsourcing.com left today: 35.7 % of source files would have no active in-house knower \
             (14.3 % are already known by nobody active; in-house people actively know 42.9 %)"
                .to_string()
        )
    );
    configure(&mut repo, "unknown_role = \"internal\"\n");
    assert_eq!(
        headline_figures(&scan_json(repo.path(), &[])),
        (
            28.6,
            14.3,
            57.1,
            1,
            "If acme-outsourcing.com left today: 28.6 % of source files would have no active in-house knower \
             (14.3 % are already known by nobody active; in-house people actively know 57.1 %)"
                .to_string()
        )
    );
    configure(&mut repo, "[thresholds]\nknower_active_days = 2000\n");
    let figures = headline_figures(&scan_json(repo.path(), &[]));
    assert_eq!((figures.0, figures.1, figures.2, figures.3), (28.6, 0.0, 64.3, 1));
}

#[test]
fn the_plan_names_the_successor_and_explain_marks_who_is_active() {
    let mut repo = issue_13();
    configure(&mut repo, "");
    let output = exitready(repo.path(), &["plan", "--format", "json"]);
    assert!(output.status.success(), "{}", crate::util::stderr(&output));
    let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
    let core = plan
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "core")
        .expect("core is an island");
    assert_eq!(core["kind"], "island");
    assert_eq!(
        core["files_at_risk"],
        serde_json::json!(["core/a.rs", "core/b.rs", "core/c.rs"])
    );
    assert_eq!(core["vendor_knowers"][0]["name"], "Val Vendor");
    assert_eq!(core["successors"][0]["name"], "Ina Inhouse");
    let markdown = stdout(&exitready(repo.path(), &["plan"]));
    assert!(markdown.starts_with("# Knowledge-transfer plan: repo\n"), "{markdown}");
    assert!(
        markdown.contains("- [ ] Ina Inhouse pairs with Val Vendor on the next change to core\n"),
        "{markdown}"
    );
    let explained = stdout(&exitready(repo.path(), &["explain", "legacy/c.rs"]));
    assert!(
        explained.contains("knows it, active (last commit 2026-05-11)"),
        "{explained}"
    );
    assert!(
        explained.contains("knew it, departed (last commit 2023-07-01): no longer counts"),
        "{explained}"
    );
}
