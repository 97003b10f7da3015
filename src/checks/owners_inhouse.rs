//! Rule kind `owners_inhouse`: files owned only by the vendor are few; after the exit every
//! file needs an in-house owner.
//!
//! Reads `ownership.files` (owners as written) and resolves each owner through `[organisations]`
//! (owner entries such as `@acme-team`, emails by domain, `[people] handles`). A file is
//! vendor-only when it has owners and all of them are vendor. Pass at or under `max_percent`
//! (0 in the built-in checklist) of owned files; warn above with the score 1 − share; evidence lists the owners
//! concerned and how many files each holds alone. Skip without a configured vendor.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use super::vendor_exit::NO_ORGANISATIONS;
use crate::facts::RepoFacts;
use crate::facts::knowledge::Role;
use crate::facts::owners;
use crate::load::in_range;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnersInhouse {
    /// Share of owned files (percent) that may be vendor-only (0 to 100).
    pub max_percent: f64,
}

impl Rule for OwnersInhouse {
    fn validate(&self) -> Result<(), String> {
        in_range("max_percent", self.max_percent, 0.0..=100.0)
    }

    fn evaluate(&self, facts: &RepoFacts, context: &Context) -> Outcome {
        let Some(ownership) = &facts.ownership else {
            return Outcome::skip("ownership files were not read");
        };
        if !context.identities.organisations.iter().any(|s| s.role == Role::Vendor) {
            return Outcome::skip(NO_ORGANISATIONS);
        }
        let mut roles: BTreeMap<&str, Role> = BTreeMap::new();
        let mut vendor_only: BTreeMap<String, usize> = BTreeMap::new();
        let mut owned = 0;
        for file in ownership.files.iter().filter(|f| !f.owners.is_empty()) {
            owned += 1;
            let all_vendor = file.owners.iter().all(|o| {
                *roles
                    .entry(o.as_str())
                    .or_insert_with(|| owners::resolve(o, context.identities, None).role)
                    == Role::Vendor
            });
            if all_vendor {
                *vendor_only.entry(file.owners.join(" ")).or_insert(0) += 1;
            }
        }
        if owned == 0 {
            return Outcome::skip("no file has an owner");
        }
        let count: usize = vendor_only.values().sum();
        let percent = 100.0 * count as f64 / owned as f64;
        let evidence = vendor_only
            .iter()
            .map(|(owners, n)| Evidence::against(None, format!("{n} file(s) owned only by {owners}")))
            .collect();
        let reason = format!("{count} of {owned} owned files ({percent:.1}%) are owned only by the vendor");
        if percent <= self.max_percent {
            Outcome::pass(reason, evidence)
        } else {
            Outcome {
                score: 1.0 - percent / 100.0,
                ..Outcome::partial(1, 2, reason, evidence)
            }
        }
    }
}
