//! What the freshness stage measures of each document: plain data with no limit and no clock
//! in it. `checks::staleness` compares it with the kind's limits and the report clock.

use jiff::civil::Date;

use crate::base::signal::Reason;

/// The freshness measurements of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measures {
    /// Whether freshness applies at all: not under test/fixture folders, not a template.
    pub judged: bool,
    /// A record of the past (changelog, licence, postmortem, decided ADR): judged neither by
    /// age nor by drift, and allowed to cite deleted files.
    pub historical: bool,
    /// Dead links, anchors and code-span paths, in document order.
    pub dead_references: Vec<Reason>,
    /// Front matter, or review dates in it, that could not be read.
    pub front_matter: Vec<Reason>,
    /// The review the document states, when it states one.
    pub review: Option<Review>,
    /// The status an ADR states (ADRs only, templates left out).
    pub adr: Option<AdrStatus>,
    /// A gap in its folder's numbering just before this ADR.
    pub adr_gap: Option<Reason>,
    /// Per scope of code it covers, the content commits after its last change.
    pub drift: Vec<DriftScope>,
}

/// A review date a document states about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// What states it (`review_by 2026-01-01`, `last_reviewed_on 2025-10-01 + review_in 6 months`).
    pub stated: String,
    /// When the review is due.
    pub due: ReviewDue,
}

/// When a stated review is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewDue {
    /// On this day.
    On(Date),
    /// The kind's age limit after this day of review (no period stated).
    LimitAfter(Date),
}

/// A decision's lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdrState {
    /// Under discussion.
    Proposed,
    /// In force.
    Accepted,
    /// Turned down.
    Rejected,
    /// No longer in force.
    Deprecated,
    /// Replaced by a later decision.
    Superseded,
}

impl AdrState {
    /// A decided record is history: not judged by age or drift, may cite deleted files.
    pub fn is_decided(self) -> bool {
        self != AdrState::Proposed
    }
}

/// The status an ADR states, as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdrStatus {
    /// The state, when recognised.
    pub state: Option<AdrState>,
    /// The text as written (empty when no status was found at all).
    pub raw: String,
    /// Where it was found (`front matter status`, `## Status section`, `Status: line`).
    pub source: &'static str,
    /// The line it was found on (front matter fields carry none).
    pub line: Option<u32>,
    /// The successor it names, for superseded or deprecated records.
    pub successor: Option<String>,
}

/// One scope of code a document covers (its service, its folder, a path it names) and the
/// content commits on it after the document's last change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriftScope {
    /// The scope's path (`svc/pay`, `lib/util.go`).
    pub path: String,
    /// How reasons name it (`service pay (svc/pay)`, `lib/`).
    pub label: String,
    /// The times (unix seconds) of the non-bot, not blame-ignored commits that changed a
    /// source file of the scope after the document's last content change, one per commit.
    pub commit_times: Vec<i64>,
}
