//! Reading a report back: the input of `scan --baseline`, `diff`, `merge` and `signoff`.
//!
//! A report file is untrusted input: it may be another tool's JSON, a report of another major
//! `schema_version`, or cut short by a full disk. Each case is refused with an error naming the
//! file (exit 2), before any work starts. Readers accept any report of the same major version
//! (DESIGN §7): unknown fields are ignored, missing additive fields take their defaults.

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
    serde_json::from_value(value).map_err(|e| Error::Input {
        path: path.to_path_buf(),
        message: format!("not a valid exitready report: {e}"),
    })
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
}
