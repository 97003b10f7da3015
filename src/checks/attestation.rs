//! Rule kind `attestation`: an item only a person can confirm (access revoked, sessions held,
//! work handed over). No fact in a repository proves it, so in a scan it always reports `skip`
//! with the way to confirm it; `exitready signoff` matches it with a named person's attestation.
//!
//! Statuses: `skip` only. No parameters; the item's title and remediation say what to attest.

use serde::Deserialize;

use super::rule::{Context, Outcome, Rule};
use crate::facts::RepoFacts;

/// The reason every attestation item gives in a scan.
pub const NEEDS_ATTESTATION: &str = "needs a person's attestation: exitready signoff";

/// Parameters (none).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attestation {}

impl Rule for Attestation {
    fn evaluate(&self, _facts: &RepoFacts, _context: &Context) -> Outcome {
        Outcome::skip(NEEDS_ATTESTATION)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn takes_no_parameters() {
        let mut params = toml::Table::new();
        params.insert("min".into(), toml::Value::Integer(1));
        assert!(super::super::build_rule("attestation", params).is_err());
        assert!(super::super::build_rule("attestation", toml::Table::new()).is_ok());
    }
}
