//! Rule kind `ownership_valid`: the ownership files parse cleanly and every CODEOWNERS rule
//! still matches something.
//!
//! Reads `ownership.errors` (file, line, column, message) and `ownership.dead_rules` (rules that
//! match no tracked file, often left behind by a rename). Score: the share of rules that are
//! neither broken nor dead. Pass with none; one finding per error and per dead rule. Skip when
//! there is no ownership file.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;

/// Parameters (none).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnershipValid {}

impl Rule for OwnershipValid {
    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let Some(ownership) = &facts.ownership else {
            return Outcome::skip("ownership files were not read");
        };
        if ownership.sources.is_empty() {
            return Outcome::skip("no ownership file to validate");
        }
        let rules: usize = ownership.sources.iter().map(|s| s.rules.len()).sum();
        let mut evidence: Vec<Evidence> = ownership
            .errors
            .iter()
            .map(|e| {
                let column = e.column.map_or(String::new(), |c| format!(" (column {c})"));
                Evidence::against(Some(&e.path), format!("{}{column}", e.message))
                    .at_line((e.line > 0).then_some(e.line as usize))
            })
            .collect();
        evidence.extend(ownership.dead_rules.iter().map(|d| {
            Evidence::against(Some(&d.file), format!("rule `{}` matches no tracked file", d.pattern))
                .at_line(Some(d.line as usize))
        }));
        let problems = evidence.len();
        let total = rules.max(problems);
        let reason = format!(
            "{} error(s) and {} dead rule(s) in {} ownership rule(s)",
            ownership.errors.len(),
            ownership.dead_rules.len(),
            rules
        );
        Outcome::partial(total - problems, total, reason, evidence)
    }
}
