//! SARIF 2.1.0: the report as static-analysis results, for GitHub code scanning and every other
//! CI that reads SARIF (DESIGN §7, issue 6).
//!
//! Stage: rendering; reads only the `Report`. One `reportingDescriptor` (rule) per checklist
//! item, with its title, why it matters and the remediation as help text; one `result` per
//! negative piece of evidence of a failing, erring or warning check (fail and error → level
//! `error`, warn → `warning`); waived evidence is kept as a result with an accepted external
//! suppression carrying the waiver's reason. Locations are repository-relative URIs against a
//! `uriBaseId` (`SRCROOT`, or `ROOT1`, `ROOT2`, … with several repositories) whose absolute
//! `file://` URI is in `originalUriBaseIds`; paths are percent-encoded (spaces, non-ASCII,
//! reserved characters). GitHub refuses a whole SARIF file when one result has no location, so
//! a finding about the repository as a whole (no path) is located at its `exitready.toml`, the
//! file where it is configured or waived. Items that erred without evidence become tool
//! execution notifications. The regulatory controls the checks give evidence for (issue 14) are
//! a taxonomy (`runs[].taxonomies`, one taxon per control); each rule names its controls as
//! `relationships` and each result its rule's controls as `taxa`. Nothing here reads a
//! repository.

use serde_json::{Value, json};

use super::model::Report;
use crate::checks::{Evidence, Status};
use crate::error::Result;

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

/// Where results about a whole repository are located (see the module doc).
const REPOSITORY_LEVEL_FILE: &str = "exitready.toml";

/// The name of the controls taxonomy.
const CONTROLS_TAXONOMY: &str = "exitready-controls";

/// Renders the report as a SARIF 2.1.0 log (pretty JSON with a final newline).
pub fn sarif(report: &Report) -> Result<String> {
    super::render::json(&log(report))
}

/// The SARIF log as a JSON value.
pub fn log(report: &Report) -> Value {
    let single = report.repositories.len() <= 1;
    let base_id = |index: usize| {
        if single {
            "SRCROOT".to_string()
        } else {
            format!("ROOT{}", index + 1)
        }
    };
    let mut bases = serde_json::Map::new();
    for (index, repository) in report.repositories.iter().enumerate() {
        bases.insert(
            base_id(index),
            json!({
                "uri": file_uri(&repository.path),
                "description": { "text": format!("The repository {}", repository.name) },
            }),
        );
    }
    let repository_index = |evidence: &Evidence| match &evidence.repository {
        Some(name) => report.repositories.iter().position(|r| &r.name == name).unwrap_or(0),
        None => 0,
    };
    let taxon_index = |id: &str| report.controls.iter().position(|c| c.id == id);
    let taxon_refs = |controls: &[String]| -> Vec<Value> {
        controls
            .iter()
            .filter_map(|id| {
                Some(json!({
                    "id": id,
                    "index": taxon_index(id)?,
                    "toolComponent": { "name": CONTROLS_TAXONOMY, "index": 0 },
                }))
            })
            .collect()
    };
    let rules: Vec<Value> = report
        .checks
        .iter()
        .map(|check| {
            let relationships: Vec<Value> = taxon_refs(&check.controls)
                .into_iter()
                .map(|target| json!({ "target": target, "kinds": ["relevant"] }))
                .collect();
            json!({
                "relationships": relationships,
                "id": check.id,
                "name": rule_name(&check.id),
                "shortDescription": { "text": check.title },
                "fullDescription": { "text": check.why },
                "help": {
                    "text": format!("{}\n\nRemediation: {}", check.why, check.remediation),
                },
                "defaultConfiguration": {
                    "level": if check.required { "error" } else { "warning" },
                },
                "properties": {
                    "category": check.category,
                    "rule_kind": check.rule,
                    "weight": check.weight,
                    "tags": ["exitready", check.category],
                },
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for (rule_index, check) in report.checks.iter().enumerate() {
        let level = match check.status {
            Status::Fail | Status::Error => "error",
            Status::Warn => "warning",
            Status::Pass | Status::Skip => continue,
        };
        let negative: Vec<&Evidence> = check.evidence.iter().filter(|e| e.negative).collect();
        if check.status == Status::Error && negative.is_empty() {
            notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {}", check.id, check.reason) },
                "descriptor": { "id": check.id },
            }));
            continue;
        }
        for evidence in negative {
            let index = repository_index(evidence);
            let path = evidence.path.as_deref().unwrap_or(REPOSITORY_LEVEL_FILE);
            let mut physical = json!({
                "artifactLocation": { "uri": percent_encode_path(path), "uriBaseId": base_id(index) },
            });
            if let Some(line) = evidence.line.filter(|l| *l > 0) {
                physical["region"] = json!({ "startLine": line });
            }
            let mut result = json!({
                "ruleId": check.id,
                "ruleIndex": rule_index,
                "level": level,
                "message": { "text": evidence.message },
                "locations": [{ "physicalLocation": physical }],
                "partialFingerprints": { "exitreadyFinding/v1": fingerprint(&check.id, evidence) },
            });
            if !check.controls.is_empty() {
                result["taxa"] = json!(taxon_refs(&check.controls));
            }
            if let Some(reason) = &evidence.waived {
                result["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": reason,
                }]);
            }
            results.push(result);
        }
    }
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "exitready",
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "rules": rules,
            }
        },
        "invocations": [{
            "executionSuccessful": true,
            "endTimeUtc": report.generated_at,
            "toolExecutionNotifications": notifications,
        }],
        "originalUriBaseIds": bases,
        "taxonomies": [{
            "name": CONTROLS_TAXONOMY,
            "version": report.tool.version,
            "shortDescription": { "text": "Regulatory controls the checks give supporting evidence for (DORA, RTS 2024/1773, PRA SS2/21, EBA/GL/2019/02, ISO/IEC 27001:2022). Supporting evidence for an auditor, not a legal opinion." },
            "taxa": report.controls.iter().map(|c| json!({
                "id": c.id,
                "name": format!("{} {}", c.framework, c.reference),
                "shortDescription": { "text": c.title },
                "helpUri": c.source,
            })).collect::<Vec<Value>>(),
        }],
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "checklists": report.checklists,
            "score": report.score.overall,
            "grade": report.score.grade,
            "waivers": report.waivers,
        },
    });
    if report.repositories.len() == 1 {
        let repository = &report.repositories[0];
        if let Some(head) = &repository.head {
            run["versionControlProvenance"] = json!([{
                "repositoryUri": file_uri(&repository.path),
                "revisionId": head,
                "branch": repository.branch,
                "mappedTo": { "uriBaseId": "SRCROOT" },
            }]);
            if repository.branch.is_none() {
                run["versionControlProvenance"][0]
                    .as_object_mut()
                    .map(|o| o.remove("branch"));
            }
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": SARIF_VERSION,
        "runs": [run],
    })
}

/// A stable fingerprint of one finding: its check, repository, path and message.
pub fn fingerprint(check: &str, evidence: &Evidence) -> String {
    crate::base::digest::sha256_hex_of_parts([
        check,
        evidence.repository.as_deref().unwrap_or(""),
        evidence.path.as_deref().unwrap_or(""),
        &evidence.message,
    ])
}

/// `documentation.runbook_updated` → `DocumentationRunbookUpdated` (SARIF's rule `name`).
fn rule_name(id: &str) -> String {
    id.split(['.', '_', '-'])
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// Percent-encodes a relative path for a URI: every byte except the RFC 3986 unreserved
/// characters and `/` (so spaces, `%`, `#`, `?` and non-ASCII letters are all encoded).
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// An absolute folder as a `file://` URI ending with `/`, as `originalUriBaseIds` requires.
fn file_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let encoded = percent_encode_path(path.trim_end_matches('/'));
    let leading = if encoded.starts_with('/') { "" } else { "/" };
    format!("file://{leading}{encoded}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            percent_encode_path("docs/run books/ünïcode.md"),
            "docs/run%20books/%C3%BCn%C3%AFcode.md"
        );
        assert_eq!(percent_encode_path("a%b#c?d"), "a%25b%23c%3Fd");
        assert_eq!(file_uri("/tmp/my repo"), "file:///tmp/my%20repo/");
    }

    #[test]
    fn rule_names_are_camel_case() {
        assert_eq!(
            rule_name("documentation.runbook_updated"),
            "DocumentationRunbookUpdated"
        );
    }
}
