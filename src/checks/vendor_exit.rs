//! Rule kind `vendor_exit`: if the vendor(s) left today, the share of source files nobody left
//! would know stays under a bar.
//!
//! Reads `knowledge.organisations` (each vendor's `orphaned_*_if_leaves`) and `knowledge.islands`.
//! All vendors leave at once: the figure is the headline's. Pass at or under `max_percent`
//! (20 in the built-in checklist), fail at or over `fail_percent` (50 in the built-in checklist), warn in between with a score
//! falling linearly from 1 to 0. Skip without history or without a configured vendor.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;
use crate::facts::knowledge::Role;
use crate::load::in_range;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorExit {
    /// Orphaned share (percent) that still passes (0 to 100, at most `fail_percent`).
    pub max_percent: f64,
    /// Orphaned share (percent) that fails outright (0 to 100).
    pub fail_percent: f64,
}

/// The skip reason shared by every check that needs to know who the vendor is.
pub const NO_ORGANISATIONS: &str = "no [organisations] configured: run exitready init";

impl Rule for VendorExit {
    fn validate(&self) -> Result<(), String> {
        in_range("max_percent", self.max_percent, 0.0..=100.0)?;
        in_range("fail_percent", self.fail_percent, 0.0..=100.0)?;
        if self.max_percent > self.fail_percent {
            return Err(format!(
                "max_percent {} is above fail_percent {}: the share that passes must be at most the one that fails",
                self.max_percent, self.fail_percent
            ));
        }
        Ok(())
    }

    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let Some(knowledge) = &facts.knowledge else {
            return Outcome::skip("no git history was read for this root");
        };
        if !knowledge.organisations.iter().any(|o| o.role == Role::Vendor) {
            return Outcome::skip(NO_ORGANISATIONS);
        }
        let Some(headline) = &knowledge.headline else {
            return Outcome::skip("no source file with history to measure");
        };
        let percent = headline.orphaned_percent;
        let mut evidence: Vec<Evidence> = knowledge
            .islands
            .iter()
            .map(|i| {
                Evidence::against(
                    Some(&i.path),
                    format!(
                        "{} of {} source files would have nobody who knows them",
                        i.orphaned_files, i.files
                    ),
                )
            })
            .collect();
        evidence.insert(
            0,
            Evidence {
                negative: percent > self.max_percent,
                ..Evidence::supporting(
                    None,
                    format!(
                        "if {} left today, {percent:.1}% of {} source files would have nobody in-house who knows them",
                        headline.organisation, knowledge.source_files
                    ),
                )
            },
        );
        let reason = format!(
            "{percent:.1}% of source files would be orphaned if {} left (bar: {:.0}%)",
            headline.organisation, self.max_percent
        );
        if percent <= self.max_percent {
            Outcome::pass(reason, evidence)
        } else if percent >= self.fail_percent {
            Outcome::fail(reason, evidence)
        } else {
            let score = (self.fail_percent - percent) / (self.fail_percent - self.max_percent);
            Outcome {
                score,
                ..Outcome::partial(1, 2, reason, evidence)
            }
        }
    }
}
