//! One document as a fact: its path, kind and the rule that decided it, what was parsed from
//! it, when its content last changed, and what the freshness stage measured of it. No
//! judgement: whether it is stale is decided by `checks::staleness`.

use super::documents::{DocKind, ParsedDoc};
use super::freshness::measures::Measures;

/// One document with its kind and what was parsed and measured of it.
#[derive(Debug, Clone)]
pub struct Document {
    /// Repository-relative path.
    pub path: String,
    /// Its kind.
    pub kind: DocKind,
    /// Which classification rule fired.
    pub kind_reason: String,
    /// What the parser found: title, headings, front matter, links…
    pub parsed: ParsedDoc,
    /// Last content change (RFC 3339), from git, or from mtime for plain folders.
    pub last_changed: Option<String>,
    /// `git` or `mtime`: where `last_changed` comes from.
    pub last_changed_from: Option<String>,
    /// Under a test/fixture/example folder: probably not a real document (not judged fresh or stale).
    pub in_test_folder: bool,
    /// What the freshness stage measured (empty until it ran).
    pub measures: Measures,
}

impl Document {
    /// The last content change, in unix seconds, when known.
    pub fn last_changed_second(&self) -> Option<i64> {
        self.last_changed
            .as_deref()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .map(|t| t.as_second())
    }

    /// Whether `last_changed` comes from git (else from the file's mtime).
    pub fn dated_by_git(&self) -> bool {
        self.last_changed_from.as_deref() == Some("git")
    }
}
