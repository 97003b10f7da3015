//! `[[waiver]]`: a finding set aside until its waiver expires, listed in every output.

use std::sync::LazyLock;

use pretty_assertions::assert_eq;
use serde_json::Value;

use super::{SERVICES, services};
use crate::util::{DEV, Repo, check, code, exitready_at, scan_json_at, stdout};

const WAIVER: &str = r#"[[waiver]]
check = "documentation.service_runbooks"
path = "services/billing"
reason = "billing is retired in Q3"
expires = 2027-01-31
"#;

/// `services` with billing's missing runbook waived until 2027-01-31.
fn waived() -> Repo {
    let mut fixture = services();
    fixture.commit(
        DEV,
        "2026-01-03",
        &[("exitready.toml", Some(WAIVER))],
        "Waive billing's runbook",
    );
    fixture
}

/// `waived`, built once: its tests only read it.
static WAIVED: LazyLock<Repo> = LazyLock::new(waived);

// These tests set the clock themselves, not at `NOW`: a waiver applies or not by the day, so
// each run names its day against the waiver's expiry (2026-06-01 and 2026-02-01 before it,
// 2027-01-31, 2027-02-01 and 2026-03-01 on or after it).

#[test]
fn without_a_waiver_the_missing_runbook_counts() {
    let report = scan_json_at("2026-06-01", SERVICES.path(), &[]);
    let services = check(&report, "documentation.service_runbooks");
    assert_eq!(
        (services["status"].as_str(), services["score"].as_f64()),
        (Some("warn"), Some(0.5))
    );
    assert_eq!(report["waivers"], Value::Array(vec![]));
}

#[test]
fn an_active_waiver_sets_the_finding_aside_and_is_listed() {
    let fixture = &*WAIVED;
    let report = scan_json_at("2026-06-01", fixture.path(), &[]);
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
    let text = stdout(&exitready_at("2026-06-01", fixture.path(), &["scan"]));
    assert!(
        text.contains("waiver: documentation.service_runbooks services/billing until 2027-01-31 sets aside 1 finding(s): billing is retired in Q3\n"),
        "{text}"
    );
    let markdown = stdout(&exitready_at(
        "2026-06-01",
        fixture.path(),
        &["scan", "--format", "md", "-q"],
    ));
    assert!(markdown.contains("## Waivers"), "{markdown}");
    assert!(
        markdown.contains(
            "| documentation.service_runbooks | services/billing | billing is retired in Q3 | 2027-01-31 | 1 |"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("(waived: billing is retired in Q3)"), "{markdown}");
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("report.html");
    exitready_at(
        "2026-06-01",
        fixture.path(),
        &["scan", "-q", "-o", html.to_str().unwrap()],
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
        &exitready_at("2026-06-01", fixture.path(), &["scan", "--format", "sarif", "-q"]).stdout,
    )
    .unwrap();
    // The check passes, so its waived finding is no result; the waiver is still listed.
    assert_eq!(sarif["runs"][0]["properties"]["waivers"][0]["applied_to"], 1);
}

#[test]
fn an_expired_waiver_no_longer_applies_and_warns() {
    let fixture = &*WAIVED;
    let report = scan_json_at("2027-01-31", fixture.path(), &[]);
    let services = check(&report, "documentation.service_runbooks");
    assert_eq!(services["status"], "warn");
    assert_eq!(report["waivers"][0]["expired"], true);
    assert_eq!(report["waivers"][0]["applied_to"], 0);
    assert_eq!(report["warning_counts"]["waiver_expired"], 1);
    let text = stdout(&exitready_at("2027-02-01", fixture.path(), &["scan"]));
    assert!(
        text.contains("waiver expired: documentation.service_runbooks services/billing (expired 2027-01-31, no longer applies): billing is retired in Q3\n"),
        "{text}"
    );
    assert!(text.contains("1 × waiver_expired"), "{text}");
}

#[test]
fn a_waiver_of_the_gate_rule_passes_the_gate_until_it_expires() {
    let mut fixture = services();
    fixture.branch("feature");
    fixture.commit(DEV, "2026-01-03", &[
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
    let output = exitready_at("2026-02-01", fixture.path(), &["gate", "--changed-since", "main", "-q"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let output = exitready_at("2026-03-01", fixture.path(), &["gate", "--changed-since", "main", "-q"]);
    assert_eq!(code(&output), 1);
    assert_eq!(
        stdout(&output),
        "waiver expired: documentation.runbook_updated services/billing/** (expired 2026-03-01, no longer applies): runbook rewrite in PR 12\n\
         FAIL documentation.runbook_updated: 0 of 1 changed service(s) updated their runbook (since main)\n  \
         billing: services/billing/main.go changed and the service has no runbook: add one at services/billing/RUNBOOK.md or declare [[services]] runbook\n".to_string()
            + &super::ways_out("billing", "services/billing")
    );
}
