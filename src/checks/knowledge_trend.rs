//! Rule kind `knowledge_trend`: knowledge transfer is happening: the share of source files
//! someone in-house knows is rising (or already at `target`) over the last `quarters`.
//!
//! Reads `knowledge.trend` (per calendar quarter). Compares the in-house known share of the last
//! quarter with the one `quarters` earlier (4 in the built-in checklist; the oldest available when fewer): pass
//! when it rose or is at `target` (0.8 in the built-in checklist), warn (0.5) when flat within 1 point, fail when it
//! fell. Evidence gives both shares and the pairing rate. Skip without history, without a
//! configured vendor, or with fewer than two quarters.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use super::vendor_exit::NO_ORGANISATIONS;
use crate::facts::RepoFacts;
use crate::facts::knowledge::Role;
use crate::load::in_range;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeTrend {
    /// Quarters to look back (1 to 40).
    pub quarters: usize,
    /// An in-house known share at or above this passes whatever the trend (0 to 1).
    pub target: f64,
}

impl Rule for KnowledgeTrend {
    fn validate(&self) -> Result<(), String> {
        in_range("quarters", self.quarters, 1..=40)?;
        in_range("target", self.target, 0.0..=1.0)
    }

    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let Some(knowledge) = &facts.knowledge else {
            return Outcome::skip("no git history was read for this root");
        };
        if !knowledge.organisations.iter().any(|o| o.role == Role::Vendor) {
            return Outcome::skip(NO_ORGANISATIONS);
        }
        let trend = &knowledge.trend;
        if trend.len() < 2 {
            return Outcome::skip("fewer than two quarters of history");
        }
        let last = &trend[trend.len() - 1];
        let first = &trend[trend.len().saturating_sub(self.quarters + 1)];
        let pairing = last.pairing_rate.map_or("no vendor commits".to_string(), |p| {
            format!("pairing rate {:.0}%", 100.0 * p)
        });
        let message = format!(
            "in-house people know {:.0}% of source files in {} against {:.0}% in {} ({pairing} in {})",
            100.0 * last.inhouse_known_share,
            last.quarter,
            100.0 * first.inhouse_known_share,
            first.quarter,
            last.quarter
        );
        let change = last.inhouse_known_share - first.inhouse_known_share;
        if last.inhouse_known_share >= self.target || change > 0.01 {
            Outcome::pass(message.clone(), vec![Evidence::supporting(None, message)])
        } else if change >= -0.01 {
            Outcome::partial(1, 2, message.clone(), vec![Evidence::against(None, message)])
        } else {
            Outcome::fail(message.clone(), vec![Evidence::against(None, message)])
        }
    }
}
