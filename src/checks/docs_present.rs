//! Rule kind `docs_present`: at least `min` documents of a kind exist.
//!
//! Reads `documents` (kind and path); look-alikes (templates, fixtures, index pages, stubs) are
//! not counted (issue 12). Pass with one supporting finding per document found;
//! warn with partial credit when some but fewer than `min` exist; fail with one explicit
//! negative finding when there are none. Defaults: `min = 1`. Evidence quotes the document's
//! title at most, never its body (access inventories may hold secrets).

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;
use crate::facts::documents::DocKind;
use crate::load::in_range;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsPresent {
    /// The document kind looked for.
    pub kind: DocKind,
    /// How many are needed (1 to 10,000).
    #[serde(default = "one")]
    pub min: usize,
}

fn one() -> usize {
    1
}

impl Rule for DocsPresent {
    fn validate(&self) -> Result<(), String> {
        in_range("min", self.min, 1..=10_000)
    }

    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let found: Vec<Evidence> = facts
            .documents_of(self.kind)
            .filter(|d| d.counted())
            .map(|d| {
                let title = d.parsed.title.as_deref().unwrap_or("untitled");
                Evidence::supporting(
                    Some(&d.path),
                    format!("{} document \"{}\" ({})", self.kind, title, d.kind_reason),
                )
            })
            .collect();
        let count = found.len();
        if count == 0 {
            return Outcome::fail(
                format!("no {} document found", self.kind),
                vec![Evidence::against(
                    None,
                    format!("no document was classified as {}", self.kind),
                )],
            );
        }
        let reason = format!("{count} {} document(s) found, {} needed", self.kind, self.min);
        Outcome::partial(count.min(self.min), self.min, reason, found)
    }
}

#[cfg(test)]
mod tests {
    use super::super::rule::Status;
    use super::super::testkit::{facts, with};
    use super::*;
    use crate::facts::documents::{Lookalike, LookalikeKind};

    /// Look-alikes (templates, fixtures, index pages, stubs) are listed but not counted
    /// (issue 12): a repository whose only ADR is a template has no ADR.
    #[test]
    fn look_alikes_are_not_counted() {
        let rule = DocsPresent {
            kind: DocKind::Adr,
            min: 1,
        };
        let mut template = with("docs/adr/template.md", DocKind::Adr, vec![]);
        template.0.lookalike = Some(Lookalike {
            kind: LookalikeKind::Template,
            reason: "name template.md".to_string(),
        });
        let real = with("docs/adr/0001-use-x.md", DocKind::Adr, vec![]);
        let cases = [
            (vec![template.clone()], Status::Fail),
            (vec![template, real], Status::Pass),
        ];
        for (documents, status) in cases {
            let outcome = facts(documents).evaluate(&rule);
            assert_eq!(outcome.status, status, "{}", outcome.reason);
            assert!(
                outcome
                    .evidence
                    .iter()
                    .all(|e| e.path.as_deref() != Some("docs/adr/template.md"))
            );
        }
    }
}
