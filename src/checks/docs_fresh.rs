//! Rule kind `docs_fresh`: documents of the given kinds are not stale.
//!
//! Reads each document's `stale` flag and reasons (issue 5: age, drift, dead reference,
//! overdue review). Score: the share of judged documents not stale (pass all, warn some, fail
//! none); one finding per staleness reason, and one per fresh document. Parameters: `kinds`,
//! the document kinds judged (every kind when empty; the default checklist names them).
//! Skip when no document of those kinds exists.

use serde::Deserialize;

use super::freshness_evidence::{against, judged, reasons_in};
use super::rule::{Context, Evidence, Outcome, Rule};
use crate::base::signal::Signal;
use crate::facts::RepoFacts;
use crate::facts::documents::DocKind;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsFresh {
    /// The kinds judged; empty means every kind.
    #[serde(default)]
    pub kinds: Vec<DocKind>,
}

impl Rule for DocsFresh {
    fn evaluate(&self, facts: &RepoFacts, context: &Context) -> Outcome {
        let mut evidence = Vec::new();
        let (mut total, mut fresh) = (0, 0);
        for (doc, verdict) in judged(facts, context, &self.kinds) {
            total += 1;
            if verdict.stale {
                evidence.extend(reasons_in(verdict, Signal::makes_stale).map(|r| against(doc, r)));
            } else {
                fresh += 1;
                evidence.push(Evidence::supporting(
                    Some(&doc.path),
                    format!("{} {} is not stale", doc.kind, doc.path),
                ));
            }
        }
        if total == 0 {
            return Outcome::skip("no document of the judged kinds");
        }
        Outcome::partial(
            fresh,
            total,
            format!("{fresh} of {total} document(s) are not stale"),
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
    fn share_of_documents_not_stale_with_a_kinds_filter() {
        let facts = facts(vec![
            with(
                "README.md",
                DocKind::Onboarding,
                vec![reason("drift", "src/ had 3 commits", None)],
            ),
            with(
                "docs/deploy.md",
                DocKind::Operations,
                vec![reason("hollow", "not counted here", None)],
            ),
            with("CHANGELOG.md", DocKind::Changelog, vec![]),
        ]);
        let rule = DocsFresh {
            kinds: vec![DocKind::Onboarding, DocKind::Operations],
        };
        let outcome = facts.evaluate(&rule);
        assert_eq!((outcome.status, outcome.score), (Status::Warn, 0.5));
        assert_eq!(outcome.reason, "1 of 2 document(s) are not stale");
        let messages: Vec<&str> = outcome.evidence.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "onboarding README.md (drift): src/ had 3 commits",
                "operations docs/deploy.md is not stale",
            ]
        );
        assert_eq!(
            facts.evaluate(&DocsFresh { kinds: vec![] }).reason,
            "2 of 3 document(s) are not stale"
        );
        let none = DocsFresh {
            kinds: vec![DocKind::Api],
        };
        assert_eq!(facts.evaluate(&none).status, Status::Skip);
    }
}
