//! Signal 5, ADR status: what each decision record says about itself (measured by
//! `facts::freshness`), judged. Superseded and deprecated records are reported with their
//! successor when they name one (`adr_superseded`, information only); a record without a
//! status or with a status nobody recognises is flagged (`adr_status`, a weakness). A record
//! still Proposed beyond the document age limit is an open decision (`adr_open`), and that
//! makes it stale: the one way a decision record goes stale, since no ADR is judged by age
//! (issue 15).

use super::judged::Judged;
use crate::base::dates::{day, days_since};
use crate::base::signal::{Reason, Signal};
use crate::facts::freshness::AdrState;

/// Adds the `adr_status`, `adr_open` or `adr_superseded` reason of one record.
pub(crate) fn judge(judged: &Judged, reasons: &mut Vec<Reason>) {
    let Some(found) = &judged.doc.measures.adr else {
        return;
    };
    let mut signal = Signal::AdrStatus;
    let message = match found.state {
        None if found.raw.is_empty() => {
            "no status: no front matter `status`, `## Status` section or `Status:` line".to_string()
        }
        None => format!(
            "status \"{}\" ({}) is none of Proposed, Accepted, Rejected, Deprecated, Superseded",
            found.raw, found.source
        ),
        Some(state @ (AdrState::Superseded | AdrState::Deprecated)) => {
            signal = Signal::AdrSuperseded;
            let word = if state == AdrState::Superseded {
                "superseded"
            } else {
                "deprecated"
            };
            match &found.successor {
                Some(next) => format!("{word} by {next}"),
                None => format!("{word}, no successor named"),
            }
        }
        Some(AdrState::Proposed) => {
            let Some(changed) = judged.doc.last_changed_second() else {
                return;
            };
            let days = days_since(changed, judged.now);
            if days <= i64::from(judged.limit.days) {
                return;
            }
            signal = Signal::AdrOpen;
            format!(
                "proposed since {}, never decided ({days} days, over {})",
                day(changed),
                judged.limit.words()
            )
        }
        Some(AdrState::Accepted | AdrState::Rejected) => return,
    };
    reasons.push(Reason::new(signal, message).at_line(found.line));
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{doc, signal_of};
    use super::*;
    use crate::facts::document::Document;
    use crate::facts::documents::DocKind;
    use pretty_assertions::assert_eq;

    fn adr(path: &str, text: &str, changed: &str) -> Document {
        doc(path, DocKind::Adr, text, Some(changed))
    }

    /// See: issue 15. A proposed record left open is stale as an open decision, saying so.
    #[test]
    fn proposed_records_left_open_are_stale_open_decisions() {
        let d = adr(
            "docs/adr/0007-x.md",
            "# 7. Use X\n\n## Status\n\nProposed\n",
            "2020-08-17T09:00:00Z",
        );
        assert_eq!(
            signal_of(d.clone(), judge),
            vec![
                "adr_open Some(3): proposed since 2020-08-17, never decided (2142 days, over the 365-day limit for documents)"
            ]
        );
        let verdict = crate::checks::staleness::judge(
            &crate::checks::staleness::testkit::measured(d),
            &crate::settings::Thresholds::default(),
            crate::checks::staleness::testkit::now(),
        );
        assert!(verdict.stale);
        assert!(verdict.reasons.iter().all(|r| r.signal != Signal::Age));
    }

    /// `line: message`, as the assertions below were written.
    fn reasons_of(d: &Document) -> Vec<String> {
        signal_of(d.clone(), judge)
            .into_iter()
            .map(|line| line.split_once(' ').unwrap().1.to_string())
            .collect()
    }

    const RECENT: &str = "2026-05-01T00:00:00Z";

    #[test]
    fn superseded_and_deprecated_name_their_successor() {
        let d = adr(
            "docs/adr/0001-x.md",
            "# 1. Use X\n\n## Status\n\nSuperceded by [3. Use Z](0003-use-z.md)\n\n## Context\n\nx\n",
            RECENT,
        );
        assert_eq!(reasons_of(&d), vec!["Some(3): superseded by 3. Use Z (0003-use-z.md)"]);
        let d = adr("docs/adr/0002-y.md", "---\nstatus: deprecated\n---\n# Y\n", RECENT);
        assert_eq!(reasons_of(&d), vec!["None: deprecated, no successor named"]);
        let d = adr(
            "docs/adr/0002-y.md",
            "# Y\n\n## Status\n\nSuperseded\n\nSee [4. W](0004-w.md).\n\n## Context\n\nx\n",
            RECENT,
        );
        assert_eq!(reasons_of(&d), vec!["Some(3): superseded by 0004-w.md"]);
    }

    #[test]
    fn missing_unknown_and_old_proposed_statuses() {
        let d = adr("docs/adr/0001-x.md", "# X\n\n## Context\n\nx\n", RECENT);
        assert_eq!(
            reasons_of(&d),
            vec!["None: no status: no front matter `status`, `## Status` section or `Status:` line"]
        );
        let d = adr("docs/adr/0001-x.md", "# X\n\nStatus: Maybe\n", RECENT);
        assert_eq!(
            reasons_of(&d),
            vec![
                "Some(3): status \"Maybe\" (`Status:` line) is none of Proposed, Accepted, Rejected, Deprecated, Superseded"
            ]
        );
        let d = adr(
            "docs/adr/0001-x.md",
            "# X\n\nStatus: Proposed\n",
            "2025-01-01T00:00:00Z",
        );
        assert_eq!(
            reasons_of(&d),
            vec!["Some(3): proposed since 2025-01-01, never decided (545 days, over the 365-day limit for documents)"]
        );
        assert!(reasons_of(&adr("docs/adr/0001-x.md", "# X\n\nStatus: Proposed\n", RECENT)).is_empty());
        assert!(reasons_of(&adr("docs/adr/template.md", "# X\n", RECENT)).is_empty());
    }
}
