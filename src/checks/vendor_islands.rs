//! Rule kind `vendor_islands`: no large folder would be left with nobody who knows it if the
//! vendor(s) left ("knowledge islands", DESIGN §3).
//!
//! Reads `knowledge.islands` (computed for all vendors leaving at once). Islands with at least
//! `min_files` source files (5 in the built-in checklist) count. Pass when there are none; otherwise warn with the
//! score 1 − (orphaned files in those islands ÷ source files), or fail when that share reaches
//! `fail_share` (0.25 in the built-in checklist). One finding per island, largest first. Skip without history or
//! without a configured vendor.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use super::vendor_exit::NO_ORGANISATIONS;
use crate::facts::RepoFacts;
use crate::facts::knowledge::Role;
use crate::load::in_range;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorIslands {
    /// Islands smaller than this are not counted (1 to 1,000,000).
    pub min_files: usize,
    /// Share of source files in islands that fails outright (0 to 1).
    pub fail_share: f64,
}

impl Rule for VendorIslands {
    fn validate(&self) -> Result<(), String> {
        in_range("min_files", self.min_files, 1..=1_000_000)?;
        in_range("fail_share", self.fail_share, 0.0..=1.0)
    }

    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let Some(knowledge) = &facts.knowledge else {
            return Outcome::skip("no git history was read for this root");
        };
        if !knowledge.organisations.iter().any(|o| o.role == Role::Vendor) {
            return Outcome::skip(NO_ORGANISATIONS);
        }
        let islands: Vec<_> = knowledge.islands.iter().filter(|i| i.files >= self.min_files).collect();
        if islands.is_empty() {
            return Outcome::pass(
                format!("no folder of {}+ source files would be orphaned", self.min_files),
                Vec::new(),
            );
        }
        let orphaned: usize = islands.iter().map(|i| i.orphaned_files).sum();
        let share = orphaned as f64 / knowledge.source_files.max(1) as f64;
        let evidence = islands
            .iter()
            .map(|i| {
                Evidence::against(
                    Some(&i.path),
                    format!(
                        "{} of {} source files known only by the vendor",
                        i.orphaned_files, i.files
                    ),
                )
            })
            .collect();
        let reason = format!(
            "{} knowledge island(s) hold {orphaned} source files ({:.0}%) only the vendor knows",
            islands.len(),
            100.0 * share
        );
        if share >= self.fail_share {
            Outcome::fail(reason, evidence)
        } else {
            Outcome {
                score: 1.0 - share,
                ..Outcome::partial(1, 2, reason, evidence)
            }
        }
    }
}
