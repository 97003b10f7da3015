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

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsPresent {
    /// The document kind looked for.
    pub kind: DocKind,
    /// How many are needed.
    #[serde(default = "one")]
    pub min: usize,
}

fn one() -> usize {
    1
}

impl Rule for DocsPresent {
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
