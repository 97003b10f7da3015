//! Freshness signals (DESIGN §4): the closed list of reasons a document can be stale or weak,
//! and one reason with its evidence. Facts produce the reasons that need no limit (dead
//! references, unreadable front matter, numbering gaps); `checks::staleness` adds the judged
//! ones (age, drift, overdue review, ADR status, hollow) and decides `stale`.

use std::fmt;

/// Why a document is stale or weak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Signal {
    /// Older than its kind's age limit.
    Age,
    /// The code it covers changed after it did.
    Drift,
    /// A relative link to a missing file.
    DeadLink,
    /// A link to a missing heading.
    DeadAnchor,
    /// A code span naming a path that existed but no longer does.
    DeadPath,
    /// A review date it states has passed.
    OverdueReview,
    /// Front matter or a review date that cannot be read.
    FrontMatter,
    /// An ADR with no status or one nobody recognises.
    AdrStatus,
    /// An ADR still Proposed beyond the document age limit: an open decision (issue 15).
    AdrOpen,
    /// A superseded or deprecated ADR, with its successor.
    AdrSuperseded,
    /// A gap in an ADR folder's numbering.
    AdrGap,
    /// A runbook that would not help during an incident.
    Hollow,
}

impl Signal {
    /// Every signal, in the order above.
    pub const ALL: [Signal; 12] = [
        Signal::Age,
        Signal::Drift,
        Signal::DeadLink,
        Signal::DeadAnchor,
        Signal::DeadPath,
        Signal::OverdueReview,
        Signal::FrontMatter,
        Signal::AdrStatus,
        Signal::AdrOpen,
        Signal::AdrSuperseded,
        Signal::AdrGap,
        Signal::Hollow,
    ];

    /// The snake_case name, as in JSON (`dead_link`).
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Age => "age",
            Signal::Drift => "drift",
            Signal::DeadLink => "dead_link",
            Signal::DeadAnchor => "dead_anchor",
            Signal::DeadPath => "dead_path",
            Signal::OverdueReview => "overdue_review",
            Signal::FrontMatter => "front_matter",
            Signal::AdrStatus => "adr_status",
            Signal::AdrOpen => "adr_open",
            Signal::AdrSuperseded => "adr_superseded",
            Signal::AdrGap => "adr_gap",
            Signal::Hollow => "hollow",
        }
    }

    /// Whether it makes a document stale (the others are weaknesses only).
    pub fn makes_stale(self) -> bool {
        matches!(
            self,
            Signal::Age
                | Signal::Drift
                | Signal::DeadLink
                | Signal::DeadAnchor
                | Signal::DeadPath
                | Signal::OverdueReview
                | Signal::AdrOpen
        )
    }

    /// Whether it is a dead reference (link, anchor or code-span path).
    pub fn is_dead_reference(self) -> bool {
        matches!(self, Signal::DeadLink | Signal::DeadAnchor | Signal::DeadPath)
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One signal about one document, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// The signal.
    pub signal: Signal,
    /// One sentence with the figures.
    pub message: String,
    /// The path the evidence points to (the dead target, the drifting code).
    pub path: Option<String>,
    /// The line in the document.
    pub line: Option<u32>,
}

impl Reason {
    /// A reason without path or line.
    pub fn new(signal: Signal, message: String) -> Reason {
        Reason {
            signal,
            message,
            path: None,
            line: None,
        }
    }

    /// The same reason at a line.
    pub fn at_line(mut self, line: Option<u32>) -> Reason {
        self.line = line;
        self
    }

    /// The same reason pointing to a path.
    pub fn with_path(mut self, path: Option<String>) -> Reason {
        self.path = path;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_stale_signals_are_the_seven() {
        let names: std::collections::BTreeSet<&str> = Signal::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names.len(), Signal::ALL.len());
        let stale: Vec<&str> = Signal::ALL
            .iter()
            .filter(|s| s.makes_stale())
            .map(|s| s.as_str())
            .collect();
        assert_eq!(
            stale,
            [
                "age",
                "drift",
                "dead_link",
                "dead_anchor",
                "dead_path",
                "overdue_review",
                "adr_open"
            ]
        );
    }
}
