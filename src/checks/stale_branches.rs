//! Rule kind `stale_branches`: no vendor work is left in flight: branches whose tip is not
//! reachable from HEAD, last committed by a vendor identity more than `max_age_days` ago
//! (30 in the built-in checklist), are work that will be lost or that nobody in-house can finish.
//!
//! Reads `history.in_flight` and the identities' organisations. Score: the share of vendor
//! branches that are not stale; one finding per vendor branch. Skip without history or without
//! a configured vendor; pass when the vendor has no branch in flight.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use super::vendor_exit::NO_ORGANISATIONS;
use crate::facts::RepoFacts;
use crate::facts::knowledge::Role;
use crate::load::in_range;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaleBranches {
    /// Days after which a vendor branch counts as stale (0 to 36,500).
    pub max_age_days: i64,
}

impl Rule for StaleBranches {
    fn validate(&self) -> Result<(), String> {
        in_range("max_age_days", self.max_age_days, 0..=36_500)
    }

    fn evaluate(&self, facts: &RepoFacts, context: &Context) -> Outcome {
        let (Some(history), Some(knowledge)) = (&facts.history, &facts.knowledge) else {
            return Outcome::skip("no git history was read for this root");
        };
        if !knowledge.organisations.iter().any(|o| o.role == Role::Vendor) {
            return Outcome::skip(NO_ORGANISATIONS);
        }
        let now = context.now.as_second();
        let mut evidence = Vec::new();
        let mut fresh = 0;
        for branch in &history.in_flight {
            let org = knowledge
                .identity_organisations
                .get(branch.last_author)
                .and_then(|o| knowledge.organisations.get(*o));
            if org.map(|o| o.role) != Some(Role::Vendor) {
                continue;
            }
            let author = history
                .identities
                .get(branch.last_author)
                .map_or("?", |p| p.name.as_str());
            let days = (now - branch.last_commit_time) / 86_400;
            let message = format!(
                "{} by {author}: {} commit(s) ahead, last {days} days ago",
                branch.branch, branch.commits_ahead
            );
            if days > self.max_age_days {
                evidence.push(Evidence::against(None, message));
            } else {
                fresh += 1;
                evidence.push(Evidence::supporting(None, message));
            }
        }
        let total = evidence.len();
        let reason = format!(
            "{} of {total} vendor branch(es) in flight untouched for over {} days",
            total - fresh,
            self.max_age_days
        );
        Outcome::partial(fresh, total, reason, evidence)
    }
}
