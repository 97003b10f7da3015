//! A problem met while gathering facts that did not stop the scan: counted per kind in the
//! summary, listed in the report, so that what is partial is said.

/// A problem met while gathering, that did not stop the scan (the report says what is partial).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Warning {
    /// A short kind (`unreadable`, `invalid_utf8`, `shallow`, …), counted in the summary.
    pub kind: String,
    /// The repository-relative path concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The 1-based line concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
}

impl Warning {
    /// A warning about a path (or the whole root).
    pub fn new(kind: &str, path: Option<&str>, message: &str) -> Warning {
        Warning {
            kind: kind.to_string(),
            path: path.map(str::to_string),
            line: None,
            message: message.to_string(),
        }
    }

    /// A warning about one line of a file.
    pub fn at(kind: &str, path: &str, line: usize, message: &str) -> Warning {
        Warning {
            line: Some(line),
            ..Warning::new(kind, Some(path), message)
        }
    }
}
