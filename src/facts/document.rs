//! One document as a fact: its path, kind and the rule that decided it, what was parsed from
//! it, when its content last changed, and what the freshness stage measured of it. No
//! judgement: whether it is stale is decided by `checks::staleness`.

use super::documents::{DocKind, Lookalike, ParsedDoc, SectionKind, WeighedSignal};
use super::freshness::measures::Measures;

/// One document with its kind and what was parsed and measured of it.
#[derive(Debug, Clone)]
pub struct Document {
    /// Repository-relative path.
    pub path: String,
    /// Its kind.
    pub kind: DocKind,
    /// The top signals that decided the kind.
    pub kind_reason: String,
    /// How sure the classifier is of the kind, 0 to 1 (issue 12).
    pub kind_confidence: f64,
    /// Every signal the classifier weighed, heaviest first (for `explain`).
    pub kind_signals: Vec<WeighedSignal>,
    /// Set when the document only looks like one of its kind (template, fixture, index page,
    /// stub): listed, but counted by no check by default.
    pub lookalike: Option<Lookalike>,
    /// Sections clearly of another kind than the file (a README's runbook section).
    pub sections: Vec<SectionKind>,
    /// What the parser found: title, headings, front matter, links…
    pub parsed: ParsedDoc,
    /// Last content change (RFC 3339), from git, or from mtime for plain folders.
    pub last_changed: Option<String>,
    /// `git` or `mtime`: where `last_changed` comes from.
    pub last_changed_from: Option<String>,
    /// What the freshness stage measured (empty until it ran).
    pub measures: Measures,
}

impl Document {
    /// Whether checks count this document: not a template, fixture, index page or stub.
    pub fn counted(&self) -> bool {
        self.lookalike.is_none()
    }

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
