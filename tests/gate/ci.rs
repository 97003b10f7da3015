//! CI integrations: GitHub Actions workflow commands (`GITHUB_ACTIONS=true`) and the GitLab Code
//! Quality report.

use std::sync::LazyLock;

use pretty_assertions::assert_eq;
use serde_json::Value;

use super::{SERVICES, services};
use crate::util::{DEV, Repo, code, command, exitready, stdout};

/// `services` and a feature branch changing both services, one file with `,` and `:` in its name.
fn comma_branch() -> Repo {
    let mut fixture = services();
    fixture.branch("feature");
    fixture.commit(
        DEV,
        "2026-01-03",
        &[
            ("services/payments/x, y:z.py", Some("Z = 1\n")),
            ("services/billing/main.go", Some("package main // 2\n")),
        ],
        "Odd names",
    );
    fixture
}

/// `comma_branch`, built once: its tests only read it.
static COMMA_BRANCH: LazyLock<Repo> = LazyLock::new(comma_branch);

#[test]
fn in_github_actions_gate_failures_are_annotated_and_escaped() {
    let fixture = &*COMMA_BRANCH;
    let output = command()
        .env("GITHUB_ACTIONS", "true")
        .current_dir(fixture.path())
        .args(["gate", "--changed-since", "main", "-q"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 1);
    let annotations: Vec<String> = stdout(&output)
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        annotations,
        vec![
            "::error file=services/billing/main.go,title=Runbooks change with their service's code (documentation.runbook_updated)::billing: services/billing/main.go changed and the service has no runbook: add one at services/billing/RUNBOOK.md or declare [[services]] runbook",
            "::error file=services/payments/x%2C y%3Az.py,title=Runbooks change with their service's code (documentation.runbook_updated)::payments: services/payments/x, y:z.py changed without its runbook docs/runbooks/payments.md",
        ]
    );
    let plain = exitready(fixture.path(), &["gate", "--changed-since", "main", "-q"]);
    assert!(!stdout(&plain).contains("::"), "{}", stdout(&plain));
}

#[test]
fn in_github_actions_scan_warnings_are_annotated() {
    let output = command()
        .env("GITHUB_ACTIONS", "true")
        .current_dir(SERVICES.path())
        .args(["scan", "-q"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0);
    let text = stdout(&output);
    assert!(
        text.contains("::warning file=services/billing,title=Every service has a runbook (documentation.service_runbooks)::service billing (services/billing, found by Dockerfile) has no runbook\n"),
        "{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("::error title=")), "{text}");
}

#[test]
fn gitlab_code_quality_lists_each_finding_with_a_stable_fingerprint() {
    let fixture = &*COMMA_BRANCH;
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("gl-code-quality-report.json");
    let output = exitready(
        fixture.path(),
        &["gate", "--changed-since", "main", "-q", "-o", path.to_str().unwrap()],
    );
    assert_eq!(code(&output), 1);
    let first: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let issues = first.as_array().unwrap();
    assert_eq!(issues.len(), 2);
    assert_eq!(issues[1]["check_name"], "documentation.runbook_updated");
    assert_eq!(issues[1]["severity"], "major");
    assert_eq!(issues[1]["location"]["path"], "services/payments/x, y:z.py");
    assert_eq!(issues[1]["location"]["lines"]["begin"], 1);
    let fingerprint = issues[1]["fingerprint"].as_str().unwrap();
    assert_eq!(fingerprint.len(), 64);
    assert_ne!(fingerprint, issues[0]["fingerprint"].as_str().unwrap());
    let again = exitready(
        fixture.path(),
        &["gate", "--changed-since", "main", "-q", "--format", "codequality"],
    );
    let second: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(first, second);
}

#[test]
fn code_quality_leaves_waived_findings_out() {
    let mut fixture = services();
    let output = exitready(fixture.path(), &["scan", "-q", "--format", "codequality"]);
    let before: Value = serde_json::from_slice(&output.stdout).unwrap();
    let billing = |issues: &Value| {
        issues
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["location"]["path"] == "services/billing")
            .count()
    };
    assert_eq!(billing(&before), 1);
    fixture.commit(
        DEV,
        "2026-01-03",
        &[(
            "exitready.toml",
            Some("[[waiver]]\ncheck = \"documentation.service_runbooks\"\npath = \"services/billing\"\nreason = \"r\"\nexpires = 2999-01-01\n"),
        )],
        "Waive",
    );
    let output = exitready(fixture.path(), &["scan", "-q", "--format", "codequality"]);
    let after: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(billing(&after), 0);
}
