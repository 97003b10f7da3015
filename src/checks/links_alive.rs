//! Rule kind `links_alive`: documents of the given kinds have no dead reference.
//!
//! Reads each document's `dead_link`, `dead_anchor` and `dead_path` reasons (issue 5: links to
//! files missing at HEAD, anchors to missing headings, code-span paths that no longer exist;
//! external URLs are never checked). Score: the share of documents without one (pass all, warn
//! some, fail none); one finding per dead reference, at its line. Parameters: `kinds` (every
//! kind when empty). Skip when no document of those kinds exists.

use serde::Deserialize;

use super::freshness_evidence::{against, judged, reasons_in};
use super::rule::{Context, Outcome, Rule};
use crate::base::signal::Signal;
use crate::facts::RepoFacts;
use crate::facts::documents::DocKind;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinksAlive {
    /// The kinds judged; empty means every kind.
    #[serde(default)]
    pub kinds: Vec<DocKind>,
}

impl Rule for LinksAlive {
    fn evaluate(&self, facts: &RepoFacts, context: &Context) -> Outcome {
        let mut evidence = Vec::new();
        let (mut total, mut clean, mut dead) = (0, 0, 0);
        for (doc, verdict) in judged(facts, context, &self.kinds) {
            total += 1;
            let before = evidence.len();
            evidence.extend(reasons_in(verdict, Signal::is_dead_reference).map(|r| against(doc, r)));
            dead += evidence.len() - before;
            if evidence.len() == before {
                clean += 1;
            }
        }
        if total == 0 {
            return Outcome::skip("no document of the judged kinds");
        }
        Outcome::partial(
            clean,
            total,
            format!("{clean} of {total} document(s) have no dead reference ({dead} dead reference(s) found)"),
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
    fn dead_references_in_the_judged_kinds() {
        let facts = facts(vec![
            with(
                "README.md",
                DocKind::Onboarding,
                vec![
                    reason(
                        "dead_link",
                        "link to a.md points to a.md, which does not exist at HEAD",
                        Some(3),
                    ),
                    reason(
                        "dead_anchor",
                        "link to #x has no heading with anchor #x in README.md",
                        Some(4),
                    ),
                    reason("age", "not counted here", None),
                ],
            ),
            with("docs/runbooks/a.md", DocKind::Runbook, vec![]),
            with(
                "docs/notes.md",
                DocKind::Other,
                vec![reason("dead_link", "elsewhere", Some(1))],
            ),
        ]);
        let rule = LinksAlive {
            kinds: vec![DocKind::Onboarding, DocKind::Runbook],
        };
        let outcome = facts.evaluate(&rule);
        assert_eq!((outcome.status, outcome.score), (Status::Warn, 0.5));
        assert_eq!(
            outcome.reason,
            "1 of 2 document(s) have no dead reference (2 dead reference(s) found)"
        );
        let found: Vec<(Option<usize>, &str)> = outcome.evidence.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(
            found,
            vec![
                (
                    Some(3),
                    "onboarding README.md (dead_link): link to a.md points to a.md, which does not exist at HEAD"
                ),
                (
                    Some(4),
                    "onboarding README.md (dead_anchor): link to #x has no heading with anchor #x in README.md"
                ),
            ]
        );
    }
}
