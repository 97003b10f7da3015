use serde_json::Value;

use crate::util::{ALICE, BOB, Repo, check, scan_json};

const ORGS: &str = "[organisations]\nvendor = [\"@acme-outsourcing.com\"]\ninternal = [\"@example.com\"]\n";

/// Alice (vendor) writes src/core in Q1 2025, Bob (in-house) writes app/ in Q2; Alice leaves a
/// branch unmerged.
fn handover() -> Repo {
    let repo = Repo::new();
    repo.commit(
        ALICE,
        "2025-01-15",
        &[
            ("src/core/a.rs", Some("a\n")),
            ("src/core/b.rs", Some("b\n")),
            ("src/core/c.rs", Some("c\n")),
            ("README.md", Some("# x\n")),
        ],
        "core",
    );
    repo.on_branch("vendor-wip", |r| {
        r.commit(ALICE, "2025-03-01", &[("src/core/d.rs", Some("d\n"))], "wip");
    });
    repo.commit(
        BOB,
        "2025-04-10",
        &[("app/x.rs", Some("x\n")), ("app/y.rs", Some("y\n"))],
        "app",
    );
    repo.config(ORGS);
    repo
}

#[test]
fn knowledge_figures_and_checks() {
    let repo = handover();
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
        "If acme-outsourcing.com left today, 60.0% of the source files would have nobody in-house who knows them."
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
    let repo = handover();
    std::fs::remove_file(repo.path().join("exitready.toml")).unwrap();
    let report = scan_json(repo.path(), &[]);
    let check = check(&report, "knowledge.vendor_exit");
    assert_eq!(check["status"], "skip");
    assert_eq!(check["reason"], "no [organisations] configured: run exitready init");
    assert_eq!(report["score"]["categories"]["knowledge"], Value::Null);
    let summary = crate::util::stdout(&crate::util::exitready(
        repo.path(),
        &["scan", ".", "--now", "2026-06-30"],
    ));
    assert!(
        summary.contains("hint: 11 of them need to know who the vendor is: `exitready init`"),
        "{summary}"
    );
}

#[test]
fn documents_are_dated_by_their_last_content_change() {
    let repo = handover();
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
    let repo = handover();
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
    let repo = handover();
    let cache = tempfile::tempdir().unwrap();
    let scan = |extra: &[&str]| {
        let mut args = vec!["scan", ".", "--format", "json", "--now", "2026-06-30", "-q"];
        args.extend_from_slice(extra);
        let output = crate::util::command()
            .env("EXITREADY_CACHE_DIR", cache.path())
            .current_dir(repo.path())
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
