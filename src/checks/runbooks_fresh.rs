//! Rule kind `runbooks_fresh`: runbooks are neither stale nor hollow.
//!
//! Reads each runbook's freshness reasons (issue 5): stale (age, drift, dead reference, overdue
//! review) or hollow (placeholders, empty sections, missing sections). Score: the share of
//! runbooks with neither (pass all, warn some, fail none), one finding per reason of each
//! failing runbook and one per sound runbook. Skip when there is no runbook (`docs_present`
//! judges that). No parameters: the age limits are `[thresholds]` in exitready.toml.

use serde::Deserialize;

use super::freshness_evidence::{against, judged, reasons_in};
use super::rule::{Context, Evidence, Outcome, Rule};
use crate::base::signal::Signal;
use crate::facts::RepoFacts;
use crate::facts::documents::DocKind;

/// Parameters (none).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunbooksFresh {}

impl Rule for RunbooksFresh {
    fn evaluate(&self, facts: &RepoFacts, context: &Context) -> Outcome {
        let mut evidence = Vec::new();
        let (mut total, mut sound) = (0, 0);
        for (doc, verdict) in judged(facts, context, &[DocKind::Runbook]) {
            total += 1;
            let before = evidence.len();
            let stale_or_hollow = |s: Signal| s.makes_stale() || s == Signal::Hollow;
            evidence.extend(reasons_in(verdict, stale_or_hollow).map(|r| against(doc, r)));
            if evidence.len() == before {
                sound += 1;
                evidence.push(Evidence::supporting(
                    Some(&doc.path),
                    format!("runbook {} is fresh and complete", doc.path),
                ));
            }
        }
        if total == 0 {
            return Outcome::skip("no runbook to judge");
        }
        Outcome::partial(
            sound,
            total,
            format!("{sound} of {total} runbook(s) are fresh and complete"),
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
    fn stale_or_hollow_runbooks_count_against() {
        let facts = facts(vec![
            with("docs/runbooks/a.md", DocKind::Runbook, vec![]),
            with(
                "docs/runbooks/b.md",
                DocKind::Runbook,
                vec![reason("hollow", "section \"Diagnosis\" is empty", Some(7))],
            ),
            with(
                "docs/runbooks/c.md",
                DocKind::Runbook,
                vec![reason("age", "last content change on 2025-01-01", None)],
            ),
            with(
                "docs/runbooks/d.md",
                DocKind::Runbook,
                vec![reason("adr_gap", "irrelevant", None)],
            ),
            with("README.md", DocKind::Onboarding, vec![reason("age", "old", None)]),
        ]);
        let outcome = facts.evaluate(&RunbooksFresh {});
        assert_eq!(outcome.status, Status::Warn);
        assert_eq!(outcome.score, 0.5);
        assert_eq!(outcome.reason, "2 of 4 runbook(s) are fresh and complete");
        let messages: Vec<(bool, Option<usize>, &str)> = outcome
            .evidence
            .iter()
            .map(|e| (e.negative, e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            vec![
                (false, None, "runbook docs/runbooks/a.md is fresh and complete"),
                (
                    true,
                    Some(7),
                    "runbook docs/runbooks/b.md (hollow): section \"Diagnosis\" is empty"
                ),
                (
                    true,
                    None,
                    "runbook docs/runbooks/c.md (age): last content change on 2025-01-01"
                ),
                (false, None, "runbook docs/runbooks/d.md is fresh and complete"),
            ]
        );
        assert_eq!(facts_none().evaluate(&RunbooksFresh {}).status, Status::Skip);
    }

    fn facts_none() -> super::super::testkit::Fixture {
        facts(vec![])
    }
}
