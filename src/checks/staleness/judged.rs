//! One document being judged: the document with its measurements, its kind's age limit and
//! the report clock, as every signal's judge reads them.

use crate::facts::document::Document;
use crate::facts::documents::DocKind;
use crate::settings::Thresholds;

/// One document being judged, with its kind's limit and the clock.
pub(crate) struct Judged<'a> {
    /// The document, with its measurements.
    pub doc: &'a Document,
    /// Its kind's age limit.
    pub limit: Limit,
    /// The report clock.
    pub now: jiff::Timestamp,
}

/// A kind's age limit, with the words that name it in reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    /// Days.
    pub days: u32,
    /// Whether it is the runbook limit (else the document limit).
    pub runbook: bool,
}

impl Limit {
    /// The limit for a kind: runbooks have their own, every other kind the document one.
    pub fn of(kind: DocKind, thresholds: &Thresholds) -> Limit {
        let runbook = kind == DocKind::Runbook;
        Limit {
            days: if runbook {
                thresholds.runbook_max_age_days
            } else {
                thresholds.doc_max_age_days
            },
            runbook,
        }
    }

    /// "the 180-day limit for runbooks".
    pub fn words(self) -> String {
        let of = if self.runbook { "runbooks" } else { "documents" };
        format!("the {}-day limit for {of}", self.days)
    }
}
