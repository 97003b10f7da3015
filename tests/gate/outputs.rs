//! SARIF 2.1.0 and JUnit XML for gate and scan reports: valid against the SARIF schema, parsed
//! as XML, with paths holding spaces, non-ASCII letters and XML/URI metacharacters.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use pretty_assertions::assert_eq;
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use serde_json::Value;

use super::services;
use crate::util::{DEV, Repo, code, exitready, stderr};

/// The odd service: a space, a non-ASCII letter, and `<&"` in a file name.
const ODD_DIR: &str = "services/café api";
const ODD_FILE: &str = "services/café api/a<b&\"c\".py";

/// `services`, a service with odd names added, and a feature branch changing it and payments.
fn odd_branch() -> Repo {
    let mut fixture = services();
    fixture.commit(
        DEV,
        "2026-01-03",
        &[
            (&format!("{ODD_DIR}/Dockerfile"), Some("FROM scratch\n")),
            (ODD_FILE, Some("X = 1\n")),
        ],
        "Café service",
    );
    fixture.branch("feature");
    fixture.commit(
        DEV,
        "2026-01-04",
        &[
            (ODD_FILE, Some("X = 2\n")),
            ("services/payments/app.py", Some("print('v2')\n")),
        ],
        "Change both",
    );
    fixture
}

/// `odd_branch`, built once: its tests only read it.
static ODD_BRANCH: LazyLock<Repo> = LazyLock::new(odd_branch);

/// The SARIF 2.1.0 schema from the shared folder beside the repository, when it is there
/// (`EXITREADY_SARIF_SCHEMA` names another copy, e.g. from a git worktree elsewhere).
fn sarif_schema() -> Option<Value> {
    let path = std::env::var_os("EXITREADY_SARIF_SCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-2.1.0.json"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).unwrap()),
        Err(_) => {
            eprintln!(
                "SKIPPED schema validation: {} not found (clone the shared/ folder beside the repository)",
                path.display()
            );
            None
        }
    }
}

fn assert_valid_sarif(log: &Value) {
    if let Some(errors) = sarif_errors(log) {
        assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
    }
}

/// The schema violations of a log (`None` when the schema is not available).
fn sarif_errors(log: &Value) -> Option<Vec<String>> {
    let mut schema = sarif_schema()?;
    // The published schema's `language` patterns (run, toolComponent) have a stray `]`
    // (`…{2}]?$`) that is not a valid ECMA 262 regex, so a validator that checks the schema's
    // own formats refuses it. Fix them in memory; nothing exitready writes uses `language`.
    for definition in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][definition]["properties"]["language"]["pattern"];
        if let Some(pattern) = language.as_str() {
            *language = Value::String(pattern.replace("]?$", "?$"));
        }
    }
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    Some(
        validator
            .iter_errors(log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect(),
    )
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn gate_sarif_is_valid_and_locates_each_failing_service() {
    let fixture = &*ODD_BRANCH;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out put");
    std::fs::create_dir(&out).unwrap();
    let sarif = out.join("gate.sarif");
    let output = exitready(
        fixture.path(),
        &["gate", "--changed-since", "main", "-q", "-o", sarif.to_str().unwrap()],
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let log = read_json(&sarif);
    assert_valid_sarif(&log);
    // The check is real: a wrong level is caught.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::String("fatal".into());
    if let Some(errors) = sarif_errors(&broken) {
        assert!(!errors.is_empty());
    }
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "exitready");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0]["id"], "documentation.runbook_updated");
    assert!(
        rules[0]["help"]["text"]
            .as_str()
            .unwrap()
            .contains("\n\nRemediation: Update the service's runbook")
    );
    let results = run["results"].as_array().unwrap();
    let located: Vec<(&str, &str, &str)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap(),
                r["level"].as_str().unwrap(),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(
        located,
        vec![
            (
                "documentation.runbook_updated",
                "error",
                "services/caf%C3%A9%20api/a%3Cb%26%22c%22.py"
            ),
            ("documentation.runbook_updated", "error", "services/payments/app.py"),
        ]
    );
    assert_eq!(
        results[0]["message"]["text"],
        format!(
            "café api: {ODD_FILE} changed and the service has no runbook: add one at {ODD_DIR}/RUNBOOK.md or declare [[services]] runbook"
        )
    );
    let base = run["originalUriBaseIds"]["SRCROOT"]["uri"].as_str().unwrap();
    assert!(base.starts_with("file:///") && base.ends_with("/repo/"), "{base}");
    assert!(!base.contains(' '), "{base}");
}

#[test]
fn scan_sarif_has_one_rule_per_item_and_results_only_for_negative_findings() {
    let fixture = &*ODD_BRANCH;
    let output = exitready(fixture.path(), &["scan", "--format", "sarif", "-q"]);
    assert_eq!(code(&output), 0);
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&log);
    let report: Value =
        serde_json::from_slice(&exitready(fixture.path(), &["scan", "--format", "json", "-q"]).stdout).unwrap();
    let checks = report["checks"].as_array().unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), checks.len());
    let expected: usize = checks
        .iter()
        .filter(|c| matches!(c["status"].as_str(), Some("fail" | "warn" | "error")))
        .map(|c| {
            c["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["negative"] == true)
                .count()
        })
        .sum();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), expected);
    assert!(expected > 0);
    // Findings about the repository as a whole are located at its config file.
    assert!(
        results
            .iter()
            .all(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].is_string())
    );
    let odd = results
        .iter()
        .find(|r| r["ruleId"] == "documentation.service_runbooks")
        .expect("the service without a runbook is a result");
    assert_eq!(odd["level"], "warning");
    // The regulatory controls are a taxonomy: each check's controls are its rule's
    // relationships and its results' taxa, pointing at the taxon by id and index.
    let taxa = log["runs"][0]["taxonomies"][0]["taxa"].as_array().unwrap();
    assert_eq!(taxa.len(), report["controls"].as_array().unwrap().len());
    let check = checks
        .iter()
        .find(|c| c["id"] == "documentation.service_runbooks")
        .unwrap();
    let controls: Vec<&str> = check["controls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(!controls.is_empty());
    let cited: Vec<&str> = odd["taxa"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(cited, controls);
    for reference in odd["taxa"].as_array().unwrap() {
        let index = reference["index"].as_u64().unwrap() as usize;
        assert_eq!(taxa[index]["id"], reference["id"]);
    }
    let rule = rules
        .iter()
        .find(|r| r["id"] == "documentation.service_runbooks")
        .unwrap();
    assert_eq!(rule["relationships"].as_array().unwrap().len(), controls.len());
}

/// What a JUnit file holds: the root's counts, and per test case its name and outcome.
#[derive(Debug, Default)]
struct Junit {
    root: Vec<(String, String)>,
    cases: Vec<(String, &'static str)>,
    failure_texts: Vec<String>,
}

fn parse_junit(xml: &str) -> Junit {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut junit = Junit::default();
    let mut in_failure = false;
    loop {
        match reader.read_event().expect("JUnit output is well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (
                            a.key.as_ref().to_string(),
                            a.normalized_value(XmlVersion::Implicit1_0).unwrap().into_owned(),
                        )
                    })
                    .collect();
                let get = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap();
                match e.name().as_ref() {
                    "testsuites" => junit.root = attrs.clone(),
                    "testcase" => junit.cases.push((get("name"), "pass")),
                    "failure" => {
                        junit.cases.last_mut().unwrap().1 = if get("type") == "error" { "error" } else { "fail" };
                        in_failure = true;
                        junit.failure_texts.push(String::new());
                    }
                    "skipped" => junit.cases.last_mut().unwrap().1 = "skip",
                    _ => {}
                }
            }
            Event::Text(t) if in_failure => junit.failure_texts.last_mut().unwrap().push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_failure => {
                let name = r.xml10_content().into_owned();
                let text = match name.as_str() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                junit.failure_texts.last_mut().unwrap().push_str(text);
            }
            Event::End(e) if e.name().as_ref() == "failure" => in_failure = false,
            Event::Eof => break,
            _ => {}
        }
    }
    junit
}

fn root_count(junit: &Junit, key: &str) -> usize {
    junit.root.iter().find(|(k, _)| k == key).unwrap().1.parse().unwrap()
}

#[test]
fn gate_junit_parses_with_one_failure_naming_the_odd_file() {
    let fixture = &*ODD_BRANCH;
    let output = exitready(
        fixture.path(),
        &["gate", "--changed-since", "main", "--format", "junit"],
    );
    assert_eq!(code(&output), 1);
    let xml = String::from_utf8(output.stdout.clone()).unwrap();
    let junit = parse_junit(&xml);
    assert_eq!(
        junit.cases,
        vec![(
            "documentation.runbook_updated: Runbooks change with their service's code".to_string(),
            "fail"
        )]
    );
    assert_eq!(
        (
            root_count(&junit, "tests"),
            root_count(&junit, "failures"),
            root_count(&junit, "skipped")
        ),
        (1, 1, 0)
    );
    assert!(
        junit.failure_texts[0].contains(&format!("✗ {ODD_FILE}: café api: {ODD_FILE} changed")),
        "{}",
        junit.failure_texts[0]
    );
    // The gate's own lines went to stderr, since stdout holds the format.
    assert!(stderr(&output).contains("FAIL documentation.runbook_updated"));
}

#[test]
fn scan_junit_counts_match_the_json_report() {
    let fixture = &*ODD_BRANCH;
    let dir = tempfile::tempdir().unwrap();
    let junit_path = dir.path().join("scan.junit.xml");
    let json_path = dir.path().join("scan.json");
    let output = exitready(
        fixture.path(),
        &[
            "scan",
            "-q",
            "-o",
            junit_path.to_str().unwrap(),
            "-o",
            json_path.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&output), 0);
    let junit = parse_junit(&std::fs::read_to_string(&junit_path).unwrap());
    let report = read_json(&json_path);
    let checks = report["checks"].as_array().unwrap();
    let statuses: Vec<&str> = checks
        .iter()
        .map(|c| match c["status"].as_str().unwrap() {
            "warn" => "pass",
            other => other,
        })
        .collect();
    assert_eq!(junit.cases.iter().map(|(_, s)| *s).collect::<Vec<_>>(), statuses);
    let failing = statuses.iter().filter(|s| matches!(**s, "fail" | "error")).count();
    assert_eq!(root_count(&junit, "tests"), checks.len());
    assert_eq!(root_count(&junit, "failures"), failing);
    assert_eq!(
        root_count(&junit, "skipped"),
        statuses.iter().filter(|s| **s == "skip").count()
    );
}
