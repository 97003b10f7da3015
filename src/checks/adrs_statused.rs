//! Rule kind `adrs_statused`: every architecture decision record states where it stands.
//!
//! Reads each ADR's `adr_status` reasons (issue 5: no status or a status nobody recognises),
//! `adr_open` (still Proposed past the document age limit: an open decision, issue 15),
//! `adr_superseded` (superseded or deprecated, with
//! the successor: shown as information) and `adr_gap` (numbering gaps: shown as evidence, not
//! scored, since a withdrawn number is sometimes deleted on purpose). Score: the share of ADRs
//! without an `adr_status` or `adr_open` reason. Skip when there is no ADR. No parameters.

use serde::Deserialize;

use super::freshness_evidence::{against, judged, reasons_in};
use super::rule::{Context, Evidence, Outcome, Rule};
use crate::base::signal::Signal;
use crate::facts::RepoFacts;
use crate::facts::documents::DocKind;

/// Parameters (none).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdrsStatused {}

impl Rule for AdrsStatused {
    fn evaluate(&self, facts: &RepoFacts, context: &Context) -> Outcome {
        let mut evidence = Vec::new();
        let (mut total, mut statused, mut gaps) = (0, 0, 0);
        for (doc, verdict) in judged(facts, context, &[DocKind::Adr]) {
            total += 1;
            let before = evidence.len();
            evidence.extend(
                reasons_in(verdict, |s| matches!(s, Signal::AdrStatus | Signal::AdrOpen)).map(|r| against(doc, r)),
            );
            if evidence.len() == before {
                statused += 1;
            }
            for reason in reasons_in(verdict, |s| s == Signal::AdrGap) {
                gaps += 1;
                evidence.push(against(doc, reason));
            }
            for reason in reasons_in(verdict, |s| s == Signal::AdrSuperseded) {
                evidence.push(Evidence {
                    negative: false,
                    ..against(doc, reason)
                });
            }
        }
        if total == 0 {
            return Outcome::skip("no architecture decision record");
        }
        Outcome::partial(
            statused,
            total,
            format!("{statused} of {total} ADR(s) state a settled or current status; {gaps} numbering gap(s)"),
            evidence,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{facts, reason, with};
    use super::*;
    use crate::checks::Status;
    use pretty_assertions::assert_eq;

    #[test]
    fn statuses_gaps_and_successors() {
        let facts = facts(vec![
            with(
                "docs/adr/0001-a.md",
                DocKind::Adr,
                vec![reason("adr_superseded", "superseded by 0003-c.md", Some(5))],
            ),
            with(
                "docs/adr/0003-c.md",
                DocKind::Adr,
                vec![reason(
                    "adr_gap",
                    "numbering gap: 0002 missing between 0001 and 0003",
                    None,
                )],
            ),
            with(
                "docs/adr/0004-d.md",
                DocKind::Adr,
                vec![reason("adr_status", "no status", None)],
            ),
        ]);
        let outcome = facts.evaluate(&AdrsStatused {});
        assert_eq!(outcome.status, Status::Warn);
        assert_eq!(
            outcome.reason,
            "2 of 3 ADR(s) state a settled or current status; 1 numbering gap(s)"
        );
        let found: Vec<(bool, &str)> = outcome
            .evidence
            .iter()
            .map(|e| (e.negative, e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    false,
                    "adr docs/adr/0001-a.md (adr_superseded): superseded by 0003-c.md"
                ),
                (
                    true,
                    "adr docs/adr/0003-c.md (adr_gap): numbering gap: 0002 missing between 0001 and 0003"
                ),
                (true, "adr docs/adr/0004-d.md (adr_status): no status"),
            ]
        );
        assert_eq!(
            super::super::testkit::facts(vec![]).evaluate(&AdrsStatused {}).status,
            Status::Skip
        );
    }
}
