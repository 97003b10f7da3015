//! `[[waiver]]`: a finding set aside until its waiver expires, listed in every output.

use crate::util::check;
use pretty_assertions::assert_eq;
use serde_json::Value;

use super::common::{Fixture, code, run, services, stdout};

const WAIVER: &str = r#"[[waiver]]
check = "documentation.service_runbooks"
path = "services/billing"
reason = "billing is retired in Q3"
expires = 2027-01-31
"#;

fn waived() -> Fixture {
    let mut fixture = services();
    fixture.commit_files(&[("exitready.toml", Some(WAIVER))], "Waive billing's runbook");
    fixture
}

fn scan_json(fixture: &Fixture, now: &str) -> Value {
    let output = run(&fixture.path(), &["scan", "--format", "json", "-q", "--now", now]);
    assert_eq!(code(&output), 0);
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn without_a_waiver_the_missing_runbook_counts() {
    let fixture = services();
    let report = scan_json(&fixture, "2026-06-01");
    let services = check(&report, "documentation.service_runbooks");
    assert_eq!(
        (services["status"].as_str(), services["score"].as_f64()),
        (Some("warn"), Some(0.5))
    );
    assert_eq!(report["waivers"], Value::Array(vec![]));
}

#[test]
fn an_active_waiver_sets_the_finding_aside_and_is_listed() {
    let fixture = waived();
    let report = scan_json(&fixture, "2026-06-01");
    let services = check(&report, "documentation.service_runbooks");
    assert_eq!(
        (services["status"].as_str(), services["score"].as_f64()),
        (Some("pass"), Some(1.0))
    );
    assert_eq!(
        services["reason"],
        "1 of 2 service(s) have a runbook (all 1 finding(s) waived)"
    );
    let billing = services["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == "services/billing")
        .unwrap();
    assert_eq!(billing["negative"], true);
    assert_eq!(billing["waived"], "billing is retired in Q3");
    assert_eq!(
        report["waivers"],
        serde_json::json!([{
            "check": "documentation.service_runbooks",
            "path": "services/billing",
            "reason": "billing is retired in Q3",
            "expires": "2027-01-31",
            "expired": false,
            "applied_to": 1
        }])
    );
    let text = stdout(&run(&fixture.path(), &["scan", "--now", "2026-06-01"]));
    assert!(
        text.contains("waiver: documentation.service_runbooks services/billing until 2027-01-31 sets aside 1 finding(s): billing is retired in Q3\n"),
        "{text}"
    );
    let markdown = stdout(&run(
        &fixture.path(),
        &["scan", "--format", "md", "-q", "--now", "2026-06-01"],
    ));
    assert!(markdown.contains("## Waivers"), "{markdown}");
    assert!(
        markdown.contains(
            "| documentation.service\\_runbooks | services/billing | billing is retired in Q3 | 2027-01-31 | 1 |"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("(waived: billing is retired in Q3)"), "{markdown}");
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("report.html");
    run(
        &fixture.path(),
        &["scan", "-q", "--now", "2026-06-01", "-o", html.to_str().unwrap()],
    );
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(
        html.contains("<section id=\"waivers\">"),
        "no waivers section in the HTML"
    );
    assert!(
        html.contains("<td>billing is retired in Q3</td><td>2027-01-31</td>"),
        "waiver row missing from the HTML"
    );
    let sarif: Value = serde_json::from_slice(
        &run(
            &fixture.path(),
            &["scan", "--format", "sarif", "-q", "--now", "2026-06-01"],
        )
        .stdout,
    )
    .unwrap();
    // The check passes, so its waived finding is no result; the waiver is still listed.
    assert_eq!(sarif["runs"][0]["properties"]["waivers"][0]["applied_to"], 1);
}

#[test]
fn an_expired_waiver_no_longer_applies_and_warns() {
    let fixture = waived();
    let report = scan_json(&fixture, "2027-01-31");
    let services = check(&report, "documentation.service_runbooks");
    assert_eq!(services["status"], "warn");
    assert_eq!(report["waivers"][0]["expired"], true);
    assert_eq!(report["waivers"][0]["applied_to"], 0);
    assert_eq!(report["warning_counts"]["waiver_expired"], 1);
    let text = stdout(&run(&fixture.path(), &["scan", "--now", "2027-02-01"]));
    assert!(
        text.contains("waiver expired: documentation.service_runbooks services/billing (expired 2027-01-31, no longer applies): billing is retired in Q3\n"),
        "{text}"
    );
    assert!(text.contains("1 × waiver_expired"), "{text}");
}

#[test]
fn a_waiver_of_the_gate_rule_passes_the_gate_until_it_expires() {
    let mut fixture = services();
    fixture.branch("feature", "main");
    fixture.commit_files(
        &[
            (
                "exitready.toml",
                Some(
                    "[[waiver]]\ncheck = \"documentation.runbook_updated\"\npath = \"services/billing/**\"\nreason = \"runbook rewrite in PR 12\"\nexpires = 2026-03-01\n",
                ),
            ),
            ("services/billing/main.go", Some("package main // v2\n")),
        ],
        "Billing change, runbook follows",
    );
    let output = run(
        &fixture.path(),
        &["gate", "--changed-since", "main", "-q", "--now", "2026-02-01"],
    );
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let output = run(
        &fixture.path(),
        &["gate", "--changed-since", "main", "-q", "--now", "2026-03-01"],
    );
    assert_eq!(code(&output), 1);
    assert_eq!(
        stdout(&output),
        "waiver expired: documentation.runbook_updated services/billing/** (expired 2026-03-01, no longer applies): runbook rewrite in PR 12\n\
         FAIL documentation.runbook_updated: 0 of 1 changed service(s) updated their runbook (since main)\n  \
         billing: services/billing/main.go changed and the service has no runbook: add one at services/billing/RUNBOOK.md or declare [[services]] runbook\n"
    );
}
