//! Rule kind `inhouse_truck_factor`: enough in-house people know the code that losing one or
//! two of them would not orphan half of it.
//!
//! Reads `knowledge.inhouse_truck_factor` (DESIGN §3: the greedy truck factor with every vendor
//! identity removed first). Pass at or over `min` (2 in the built-in checklist), warn with partial credit above 0,
//! fail at 0. Skip without history or without a configured internal organisation.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use super::vendor_exit::NO_ORGANISATIONS;
use crate::facts::RepoFacts;
use crate::load::in_range;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InhouseTruckFactor {
    /// The truck factor needed (1 to 1,000).
    pub min: u32,
}

impl Rule for InhouseTruckFactor {
    fn validate(&self) -> Result<(), String> {
        in_range("min", self.min, 1..=1_000)
    }

    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let Some(knowledge) = &facts.knowledge else {
            return Outcome::skip("no git history was read for this root");
        };
        let Some(inhouse) = knowledge.inhouse_truck_factor else {
            return Outcome::skip(NO_ORGANISATIONS);
        };
        let history = facts.history.as_ref();
        let evidence = vec![Evidence {
            negative: inhouse < self.min,
            ..Evidence::supporting(
                None,
                format!(
                    "in-house truck factor {inhouse} (overall {}{})",
                    knowledge.truck_factor,
                    truck_names(knowledge, history)
                ),
            )
        }];
        let reason = format!("in-house truck factor is {inhouse}, {} needed", self.min);
        Outcome::partial(inhouse.min(self.min) as usize, self.min as usize, reason, evidence)
    }
}

/// ": removing A, B" — the people whose departure makes up the overall truck factor.
fn truck_names(
    knowledge: &crate::facts::knowledge::KnowledgeFacts,
    history: Option<&crate::facts::history::HistoryFacts>,
) -> String {
    let Some(history) = history else { return String::new() };
    let names: Vec<&str> = knowledge
        .truck_authors
        .iter()
        .filter_map(|i| history.identities.get(*i))
        .map(|p| p.name.as_str())
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!(": {}", names.join(", "))
    }
}
