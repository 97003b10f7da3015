//! Judging freshness (DESIGN §4): the one place that compares what `facts::freshness` measured
//! of each document with the limits of its kind (`[thresholds]`) and the report clock, and
//! decides whether it is stale.
//!
//! Age, drift, dead references and overdue reviews make a document stale; unreadable front
//! matter, ADR status and hollowness are weaknesses only (`Signal::makes_stale`); an ADR left
//! Proposed past the age limit is stale as an open decision. Historical documents (changelogs,
//! licences, postmortems, decided ADRs) are judged neither by age nor by drift and may cite
//! deleted files; no ADR is judged by age (issue 15); fixtures and templates are not judged. Pure: no I/O, no
//! clock read.

mod adr;
mod age;
mod drift;
mod hollow;
mod judged;
mod review;

pub(crate) use judged::{Judged, Limit};

use crate::base::signal::Reason;
use crate::facts::document::Document;
use crate::settings::Thresholds;

/// What the judgement says of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Verdict {
    /// Whether a staleness signal fired.
    pub stale: bool,
    /// Every staleness or weakness signal, with evidence, in signal order.
    pub reasons: Vec<Reason>,
}

/// Judges every document, in order.
pub fn judge_all(documents: &[Document], thresholds: &Thresholds, now: jiff::Timestamp) -> Vec<Verdict> {
    documents.iter().map(|doc| judge(doc, thresholds, now)).collect()
}

/// Judges one document's measurements.
pub fn judge(doc: &Document, thresholds: &Thresholds, now: jiff::Timestamp) -> Verdict {
    let measures = &doc.measures;
    if !measures.judged {
        return Verdict::default();
    }
    let judged = Judged {
        doc,
        limit: Limit::of(doc.kind, thresholds),
        now,
    };
    let mut reasons = Vec::new();
    age::judge(&judged, &mut reasons);
    if !measures.historical {
        reasons.extend(measures.dead_references.iter().cloned());
    }
    reasons.extend(measures.front_matter.iter().cloned());
    review::judge(&judged, &mut reasons);
    adr::judge(&judged, &mut reasons);
    hollow::judge(&judged, &mut reasons);
    drift::judge(&judged, thresholds.drift_grace_days, &mut reasons);
    reasons.extend(measures.adr_gap.iter().cloned());
    Verdict {
        stale: reasons.iter().any(|r| r.signal.makes_stale()),
        reasons,
    }
}

#[cfg(test)]
pub(crate) mod testkit {
    //! Documents built from text, measured and judged, for the unit tests of each signal.
    use super::*;
    pub use crate::facts::freshness::testkit::{doc, inventory, measured, now};

    /// A document measured alone and judged with the default thresholds: `signal line: message`.
    pub fn verdict_of(doc: Document) -> Vec<String> {
        let doc = measured(doc);
        lines(judge(&doc, &Thresholds::default(), now()).reasons)
    }

    /// What one signal's judge says of a document measured alone, with the default thresholds.
    pub fn signal_of(doc: Document, judge_one: fn(&Judged, &mut Vec<Reason>)) -> Vec<String> {
        let doc = measured(doc);
        let judged = Judged {
            doc: &doc,
            limit: Limit::of(doc.kind, &Thresholds::default()),
            now: now(),
        };
        let mut reasons = Vec::new();
        judge_one(&judged, &mut reasons);
        lines(reasons)
    }

    fn lines(reasons: Vec<Reason>) -> Vec<String> {
        reasons
            .into_iter()
            .map(|r| format!("{} {:?}: {}", r.signal, r.line, r.message))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::*;
    use super::*;
    use crate::facts::documents::DocKind;
    use pretty_assertions::assert_eq;

    #[test]
    fn stale_only_for_stale_signals() {
        let text = "# Run\n\nTODO\n\nSee [x](missing.md).\n";
        let got = verdict_of(doc(
            "docs/runbooks/a.md",
            DocKind::Runbook,
            text,
            Some("2026-06-01T00:00:00Z"),
        ));
        let signals: Vec<&str> = got.iter().map(|r| r.split(' ').next().unwrap()).collect();
        assert_eq!(signals, vec!["dead_link", "hollow", "hollow"]);
        let doc = measured(doc("docs/runbooks/a.md", DocKind::Runbook, "# Run\n\nTODO\n", None));
        assert!(!judge(&doc, &Thresholds::default(), now()).stale);
    }

    #[test]
    fn historical_documents_may_cite_deleted_files() {
        let text = "# 1. Use X\n\n## Status\n\nAccepted\n\nWe remove [old](../../src/old.rs).\n";
        assert!(verdict_of(doc("docs/adr/0001-x.md", DocKind::Adr, text, None)).is_empty());
        let proposed = "# 1. Use X\n\n## Status\n\nProposed\n\nWe remove [old](../../src/old.rs).\n";
        assert_eq!(
            verdict_of(doc("docs/adr/0001-x.md", DocKind::Adr, proposed, None)).len(),
            1
        );
    }

    #[test]
    fn limits_name_their_kind() {
        assert_eq!(
            Limit::of(DocKind::Runbook, &Thresholds::default()).words(),
            "the 180-day limit for runbooks"
        );
        assert_eq!(
            Limit::of(DocKind::Api, &Thresholds::default()).words(),
            "the 365-day limit for documents"
        );
    }
}
