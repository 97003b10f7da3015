//! Rule kind `owners_active`: the owners named in ownership files still work on the code.
//!
//! Reads the owners written in `ownership` and ties each to a git identity where it can (an
//! email owner, or a handle mapped by `[people] handles`); an owner whose last commit is older
//! than `thresholds.owner_inactive_days` (default 180), or who never committed, is inactive.
//! Score: the share of tied owners that are active; one finding per tied owner. Skip without
//! history, or when no owner can be tied to an identity (teams and unmapped handles cannot).

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::{RepoFacts, owners};

/// Parameters (the limit is `thresholds.owner_inactive_days` in exitready.toml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnersActive {}

impl Rule for OwnersActive {
    fn evaluate(&self, facts: &RepoFacts, context: &Context) -> Outcome {
        let (Some(ownership), Some(history)) = (&facts.ownership, &facts.history) else {
            return Outcome::skip("no ownership file or no git history");
        };
        let limit = context.thresholds.owner_inactive_days as i64;
        let now = context.now.as_second();
        let mut evidence = Vec::new();
        let mut active = 0;
        for written in ownership.all_owners() {
            let owner = owners::resolve(&written, context.identities, Some(history));
            let Some(email) = &owner.email else { continue };
            let last = owner
                .identity
                .and_then(|i| history.identities[i].last_commit.as_deref())
                .and_then(|t| t.parse::<jiff::Timestamp>().ok());
            match last {
                Some(last) if (now - last.as_second()) / 86_400 <= limit => {
                    active += 1;
                    evidence.push(Evidence::supporting(
                        None,
                        format!("{written} ({email}) last committed {}", &last.to_string()[..10]),
                    ));
                }
                Some(last) => evidence.push(Evidence::against(
                    None,
                    format!(
                        "{written} ({email}) has not committed since {} (over {limit} days)",
                        &last.to_string()[..10]
                    ),
                )),
                None => evidence.push(Evidence::against(
                    None,
                    format!("{written} ({email}) has no commit in this repository"),
                )),
            }
        }
        if evidence.is_empty() {
            return Outcome::skip("no owner can be tied to a git identity: map handles with [people] handles");
        }
        let total = evidence.len();
        Outcome::partial(
            active,
            total,
            format!("{active} of {total} owner(s) tied to a git identity committed in the last {limit} days"),
            evidence,
        )
    }
}
