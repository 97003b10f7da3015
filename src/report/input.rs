//! Reading a report back: the input of `scan --baseline`, `diff`, `merge` and `signoff`.
//!
//! A report file is untrusted input: it may be another tool's JSON, a report of another major
//! `schema_version`, or cut short by a full disk. Each case is refused with an error naming the
//! file (exit 2), before any work starts. Readers accept any report of the same major version
//! (DESIGN §7): unknown fields are ignored, missing additive fields take their defaults.
//!
//! Links are checked again as `scan` checks them (`links::web_url`): a repository's `web_url`
//! that is not the page of a repository on a known web host (`javascript:alert(1)//`, another
//! scheme or host), or that comes with a HEAD that is not a commit id, is dropped with a
//! warning, so that `render` and `merge` never write a link a report file made up.

use std::path::Path;

use super::model::{Report, SCHEMA_VERSION};
use crate::error::{Error, Problem, Result};

/// Reads and validates an exitready JSON report.
pub fn read(path: &Path) -> Result<Report> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    parse(path, &bytes)
}

/// Parses the bytes of a report file (`path` names it in errors).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Report> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        let message = if e.is_eof() {
            "not a complete JSON document (truncated?); expected an exitready JSON report".to_string()
        } else {
            format!("not JSON ({e}); expected an exitready JSON report")
        };
        Error::invalid(Problem {
            file: path.to_path_buf(),
            line: (e.line() > 0).then_some(e.line()),
            column: (e.column() > 0).then_some(e.column()),
            key: None,
            message,
        })
    })?;
    let tool = value.pointer("/tool/name").and_then(|v| v.as_str());
    let version = value.get("schema_version").and_then(|v| v.as_u64());
    let (Some("exitready"), Some(version)) = (tool, version) else {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "not an exitready report (no tool.name \"exitready\" and schema_version)".to_string(),
        });
    };
    if version != u64::from(SCHEMA_VERSION) {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "report schema_version {version} is not supported: this exitready reads schema_version {SCHEMA_VERSION}"
            ),
        });
    }
    let mut report: Report = serde_json::from_value(value).map_err(|e| Error::Input {
        path: path.to_path_buf(),
        message: format!("not a valid exitready report: {e}"),
    })?;
    check_links(path, &mut report);
    Ok(report)
}

/// Drops every `web_url` that `scan` would not have written (see the module doc), saying so.
fn check_links(path: &Path, report: &mut Report) {
    for repo in &mut report.repositories {
        let Some(url) = &repo.web_url else { continue };
        let known = super::links::web_url(url).is_some_and(|checked| &checked == url);
        let commit = repo
            .head
            .as_ref()
            .is_some_and(|h| matches!(h.len(), 40 | 64) && h.chars().all(|c| c.is_ascii_hexdigit()));
        if !(known && commit) {
            log::warn!(
                "{}: repository {}: web_url {url:?} dropped: {}",
                path.display(),
                repo.name,
                if known {
                    "its head is not a commit id"
                } else {
                    "not the page of a repository on github.com, gitlab.com or bitbucket.org"
                }
            );
            repo.web_url = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_foreign_truncated_and_other_major() {
        let p = Path::new("old.json");
        let err = parse(p, b"{\"schema_version\": 1, \"tool\": {\"na")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("old.json:1:"), "{err}");
        assert!(err.contains("truncated"), "{err}");
        let err = parse(p, b"{\"name\": \"x\"}").unwrap_err().to_string();
        assert_eq!(
            err,
            "old.json: not an exitready report (no tool.name \"exitready\" and schema_version)"
        );
        let err = parse(p, b"{\"schema_version\": 2, \"tool\": {\"name\": \"exitready\"}}")
            .unwrap_err()
            .to_string();
        assert!(err.contains("schema_version 2 is not supported"), "{err}");
    }

    #[test]
    fn links_are_checked_as_scan_checks_them() {
        let report = |web: &str, head: &str| {
            let json = format!(
                r#"{{"schema_version": 1, "tool": {{"name": "exitready", "version": "0"}}, "generated_at": "x",
                "checklists": [], "score": {{"overall": null, "grade": null, "categories": {{}}}}, "checks": [],
                "warning_counts": {{}}, "repositories": [{{"name": "r", "path": "/r", "kind": "work_tree",
                "head": "{head}", "branch": null, "partial_history": false,
                "score": {{"overall": null, "grade": null, "categories": {{}}}}, "checks": [], "inventory": {{}},
                "documents": [], "services": [], "warnings": [], "web_url": "{web}"}}]}}"#
            );
            parse(Path::new("r.json"), json.as_bytes()).unwrap().repositories[0]
                .web_url
                .clone()
        };
        let commit = "a".repeat(40);
        assert_eq!(
            report("https://github.com/a/b", &commit).as_deref(),
            Some("https://github.com/a/b")
        );
        assert_eq!(report("javascript:alert(1)//", &commit), None);
        assert_eq!(report("https://evil.example/a/b", &commit), None);
        assert_eq!(report("https://github.com/a/b", "main/../../evil"), None);
    }
}
