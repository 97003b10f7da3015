//! GitLab Code Quality: the report as the JSON array GitLab shows in merge requests
//! (`--format codequality`, `-o FILE.codequality.json` or `-o gl-code-quality-report.json`).
//!
//! Stage: rendering; reads only the `Report`. One issue per counting finding of a failing,
//! erring or warning check: `description`, `check_name` (the item id), `fingerprint` (SHA-256
//! of check, repository, path and message: stable across runs, so GitLab can tell new findings
//! from old), `severity` (`major` for fail and error, `minor` for warn) and
//! `location.path`/`location.lines.begin` (line 1 when unknown; findings about the whole
//! repository are located at `exitready.toml`, as in SARIF). Waived findings are left out.

use serde_json::{Value, json};

use super::model::Report;
use crate::checks::Status;
use crate::error::Result;

/// Renders the Code Quality report (pretty JSON with a final newline).
pub fn codequality(report: &Report) -> Result<String> {
    super::render::json(&issues(report))
}

/// The Code Quality issues.
pub fn issues(report: &Report) -> Value {
    let mut issues = Vec::new();
    for check in &report.checks {
        let severity = match check.status {
            Status::Fail | Status::Error => "major",
            Status::Warn => "minor",
            Status::Pass | Status::Skip => continue,
        };
        for evidence in check.evidence.iter().filter(|e| e.negative && e.waived.is_none()) {
            issues.push(json!({
                "type": "issue",
                "description": format!("{}: {}", check.title, evidence.message),
                "check_name": check.id,
                "categories": ["Documentation"],
                "fingerprint": super::sarif::fingerprint(&check.id, evidence),
                "severity": severity,
                "location": {
                    "path": evidence.path.as_deref().unwrap_or("exitready.toml"),
                    "lines": { "begin": evidence.line.unwrap_or(1) },
                },
            }));
        }
    }
    Value::Array(issues)
}
