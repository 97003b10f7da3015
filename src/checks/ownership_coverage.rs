//! Rule kind `ownership_coverage`: enough of the tracked files have an owner in an ownership
//! file (CODEOWNERS, else OWNERS, else catalog-info).
//!
//! Reads `ownership` (the resolved owners of every tracked file). With `specific = true`, files
//! owned only through a catch-all rule (`*`, a rule matching everything, a root OWNERS) count as
//! unowned: a catch-all hides missing ownership. Pass at or over `min_percent` (90 in the built-in checklist);
//! otherwise warn with the score coverage ÷ `min_percent`, or fail at 0. Evidence: the unowned
//! paths (folders where a whole folder is unowned), at most 20, and how many more.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;
use crate::load::in_range;

/// How many unowned paths the evidence lists.
const LISTED: usize = 20;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnershipCoverage {
    /// The coverage needed, in percent (0 to 100).
    pub min_percent: f64,
    /// Leave out files owned only through catch-all rules.
    #[serde(default)]
    pub specific: bool,
}

impl Rule for OwnershipCoverage {
    fn validate(&self) -> Result<(), String> {
        in_range("min_percent", self.min_percent, 0.0..=100.0)
    }

    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let Some(ownership) = &facts.ownership else {
            return Outcome::skip("ownership files were not read");
        };
        if facts.tracked.is_empty() {
            return Outcome::skip("no tracked file");
        }
        let summary = ownership.summary(&facts.tracked);
        let percent = if self.specific {
            summary.specific_coverage_percent
        } else {
            summary.coverage_percent
        };
        let what = if self.specific {
            "specific ownership (catch-all rules not counted)"
        } else {
            "an owner"
        };
        let reason = format!(
            "{percent:.1}% of {} tracked files have {what} (bar: {:.0}%)",
            facts.tracked.len(),
            self.min_percent
        );
        if ownership.sources.is_empty() {
            return Outcome::fail(
                reason,
                vec![Evidence::against(
                    None,
                    "no CODEOWNERS, OWNERS or catalog-info.yaml file found",
                )],
            );
        }
        let mut evidence: Vec<Evidence> = summary
            .unowned_paths
            .iter()
            .take(LISTED)
            .map(|p| {
                Evidence::against(
                    Some(p),
                    if p.ends_with('/') {
                        "folder without an owner"
                    } else {
                        "file without an owner"
                    },
                )
            })
            .collect();
        if summary.unowned_paths_total > LISTED {
            evidence.push(Evidence::against(
                None,
                format!("… and {} more unowned path(s)", summary.unowned_paths_total - LISTED),
            ));
        }
        if summary.explicitly_unowned_files > 0 {
            evidence.push(Evidence::against(
                None,
                format!(
                    "{} file(s) explicitly left without owners by a rule with no owners",
                    summary.explicitly_unowned_files
                ),
            ));
        }
        if percent >= self.min_percent {
            Outcome::pass(reason, evidence)
        } else if percent <= 0.0 {
            Outcome::fail(reason, evidence)
        } else {
            Outcome {
                score: (percent / self.min_percent).min(1.0),
                ..Outcome::partial(1, 2, reason, evidence)
            }
        }
    }
}
