use std::sync::LazyLock;

use serde_json::{Value, json};

use crate::util::{BOB, Repo, check, exitready, scan_json, stdout, vendor_core};

const CODEOWNERS: &str = "*            @acme-team\n/app/        @example/platform carol@example.com\n/src/core/c.rs\n/old/        @acme-team\n";
const CONFIG: &str = "[organisations]\nvendor = [\"@acme-outsourcing.com\", \"@acme-team\"]\ninternal = [\"@example.com\", \"@example/platform\"]\n";

/// Alice (vendor) writes src/core, Bob (in-house) writes app/ and a CODEOWNERS that leaves
/// src/core/c.rs explicitly unowned and keeps a rule for a folder that is gone.
fn owned() -> Repo {
    let mut repo = vendor_core();
    repo.commit(
        BOB,
        "2025-04-10",
        &[
            ("app/x.rs", Some("x\n")),
            ("app/y.rs", Some("y\n")),
            (".github/CODEOWNERS", Some(CODEOWNERS)),
        ],
        "app",
    );
    repo.write(&[("exitready.toml", Some(CONFIG))]);
    repo
}

/// `owned`, built once for the tests that only read it.
static OWNED: LazyLock<Repo> = LazyLock::new(owned);

#[test]
fn ownership_measures_and_checks() {
    let repo = &*OWNED;
    let report = scan_json(repo.path(), &[]);
    let ownership = &report["repositories"][0]["ownership"];
    assert_eq!(ownership["sources"], json!([".github/CODEOWNERS"]));
    assert_eq!(ownership["coverage_percent"], 85.71);
    assert_eq!(ownership["specific_coverage_percent"], 28.57);
    assert_eq!(ownership["unowned_files"], 1);
    assert_eq!(ownership["explicitly_unowned_files"], 1);
    assert_eq!(ownership["unowned_paths"], json!(["src/core/c.rs"]));
    assert_eq!(
        ownership["dead_rules"],
        json!([{"file": ".github/CODEOWNERS", "line": 4, "pattern": "/old/"}])
    );
    let got: Vec<(String, f64)> = [
        "ownership.coverage",
        "ownership.specific_coverage",
        "ownership.valid_rules",
        "ownership.inhouse_owners",
        "ownership.active_owners",
    ]
    .iter()
    .map(|id| {
        let c = check(&report, id);
        (c["status"].as_str().unwrap().to_string(), c["score"].as_f64().unwrap())
    })
    .collect();
    let expected = [
        ("warn", 0.952),
        ("warn", 0.357),
        ("warn", 0.75),
        ("warn", 0.333),
        ("fail", 0.0),
    ];
    assert_eq!(
        got,
        expected.iter().map(|(s, v)| (s.to_string(), *v)).collect::<Vec<_>>()
    );
    let inhouse = check(&report, "ownership.inhouse_owners");
    assert_eq!(inhouse["evidence"][0]["message"], "4 file(s) owned only by @acme-team");
    let active = check(&report, "ownership.active_owners");
    assert_eq!(
        active["evidence"][0]["message"],
        "carol@example.com (carol@example.com) has no commit in this repository"
    );
}

#[test]
fn explain_a_file_names_owners_rule_and_who_knows_it() {
    let repo = &*OWNED;
    let output = exitready(repo.path(), &["explain", "app/x.rs", "--format", "json"]);
    assert!(output.status.success());
    let explanation: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(explanation["path"], "app/x.rs");
    assert_eq!(explanation["owners"], json!(["@example/platform", "carol@example.com"]));
    assert_eq!(
        explanation["ownership_rule"],
        json!({"file": ".github/CODEOWNERS", "line": 2})
    );
    assert_eq!(explanation["known_by"][0]["email"], "bob@example.com");
    assert_eq!(
        explanation["authors"],
        json!([{"name": "Bob Inhouse", "email": "bob@example.com", "organisation": "example.com", "role": "internal", "fa": true, "dl": 0, "ac": 0, "doa": 4.391, "active": false, "last_commit": "2025-04-10T12:00:00Z"}])
    );
    let unowned = exitready(repo.path(), &["explain", "src/core/c.rs", "--format", "json"]);
    let unowned: Value = serde_json::from_slice(&unowned.stdout).unwrap();
    assert_eq!(unowned["owners"], json!([]));
    // Both answers are valid against `exitready schema explain`.
    let schema: Value = serde_json::from_slice(&exitready(repo.path(), &["schema", "explain"]).stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for answer in [&explanation, &unowned] {
        let errors: Vec<String> = validator.iter_errors(answer).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
    let text = stdout(&exitready(repo.path(), &["explain", "app/x.rs"]));
    assert!(
        text.contains("owners: @example/platform carol@example.com (.github/CODEOWNERS:2)"),
        "{text}"
    );
}

#[test]
fn explain_an_untracked_path_exits_2() {
    let mut repo = owned();
    repo.write(&[("scratch.txt", Some("x"))]);
    let output = exitready(repo.path(), &["explain", "scratch.txt"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn services_show_their_owners_and_who_knows_them() {
    let mut repo = owned();
    repo.commit(
        BOB,
        "2025-05-01",
        &[("app/Dockerfile", Some("FROM scratch\n"))],
        "deploy",
    );
    let report = scan_json(repo.path(), &[]);
    let service = &report["repositories"][0]["services"][0];
    assert_eq!(service["name"], "app");
    assert_eq!(service["owners"], json!(["@example/platform", "carol@example.com"]));
    assert_eq!(service["source_files"], 3);
    assert_eq!(
        service["known_by"],
        json!([{"organisation": "example.com", "role": "internal", "files_known": 3}])
    );
}
