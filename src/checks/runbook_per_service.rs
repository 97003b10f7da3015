//! Rule kind `runbook_per_service`: every service has a runbook.
//!
//! Reads `services` (each with its mapped runbook). Score: the share of services with a
//! runbook (pass all, warn some, fail none); one finding per service. Skip when the repository
//! has no service (nothing deployable was found or declared).

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;

/// Parameters (none).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunbookPerService {}

impl Rule for RunbookPerService {
    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        if facts.services.is_empty() {
            return Outcome::skip("no service found (no Dockerfile, chart, binary or [[services]] entry)");
        }
        let evidence: Vec<Evidence> = facts
            .services
            .iter()
            .map(|s| match &s.runbook {
                Some(runbook) => Evidence::supporting(
                    Some(runbook),
                    format!("service {} ({}) has runbook {runbook}", s.name, s.path),
                ),
                None => Evidence::against(
                    Some(&s.path),
                    format!(
                        "service {} ({}, found by {}) has no runbook",
                        s.name, s.path, s.found_by
                    ),
                ),
            })
            .collect();
        let with = facts.services.iter().filter(|s| s.runbook.is_some()).count();
        let total = facts.services.len();
        Outcome::partial(
            with,
            total,
            format!("{with} of {total} service(s) have a runbook"),
            evidence,
        )
    }
}
