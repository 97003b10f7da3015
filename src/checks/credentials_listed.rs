//! Rule kind `credentials_listed`: every secret CI and deployment use is in the access
//! inventory, so that it can be rotated at exit; and no secret value is committed.
//!
//! Reads `exit.credentials` (secret names, where each is used, and where the access inventory
//! documents mention it) and `exit.committed_values` (value-looking literals, redacted). One
//! finding per name (supporting when listed, at the inventory's line; against when not, at its
//! first use) and one against per committed value. Score: the share of names listed; fail
//! whenever a value is committed (it must be rotated whatever the inventory says); pass when no
//! secret is used at all. Skip without a configured vendor.

use serde::Deserialize;

use super::exit_facts::inventory;
use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;
use crate::facts::exit::CredentialSource;

/// Parameters (none yet).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialsListed {}

fn source(source: CredentialSource) -> &'static str {
    match source {
        CredentialSource::GithubActions => "GitHub Actions secret",
        CredentialSource::GitlabCi => "GitLab CI variable",
        CredentialSource::Kubernetes => "Kubernetes secret",
        CredentialSource::Terraform => "sensitive Terraform variable",
        CredentialSource::EnvExample => "environment secret",
    }
}

impl Rule for CredentialsListed {
    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let exit = match inventory(facts) {
            Ok(exit) => exit,
            Err(skip) => return skip,
        };
        let mut evidence = Vec::new();
        let mut listed = 0;
        for credential in &exit.credentials {
            let Some(first) = credential.found.first() else {
                continue;
            };
            let what = source(first.source);
            let uses = credential.found.len();
            match &credential.listed_in {
                Some(at) => {
                    listed += 1;
                    evidence.push(
                        Evidence::supporting(
                            Some(&at.path),
                            format!(
                                "{} ({what}, used in {uses} place(s)) is in the access inventory",
                                credential.name
                            ),
                        )
                        .at_line(Some(at.line)),
                    );
                }
                None => evidence.push(
                    Evidence::against(
                        Some(&first.path),
                        format!(
                            "{} ({what}, used in {uses} place(s)) is not in the access inventory",
                            credential.name
                        ),
                    )
                    .at_line(Some(first.line)),
                ),
            }
        }
        for value in &exit.committed_values {
            let name = value.name.as_deref().map_or(String::new(), |n| format!(" for {n}"));
            evidence.push(
                Evidence::against(
                    Some(&value.path),
                    format!(
                        "a value-looking literal ({}: {}) is committed{name}: rotate it and move it to a secret store",
                        value.redacted, value.why
                    ),
                )
                .at_line(Some(value.line)),
            );
        }
        let total = exit.credentials.len();
        let committed = exit.committed_values.len();
        let reason = format!(
            "{listed} of {total} secret name(s) used by CI and deployment are in the access inventory; {committed} value-looking literal(s) committed"
        );
        if committed > 0 {
            Outcome::fail(reason, evidence)
        } else if total == 0 {
            Outcome::pass("no secret name is used by CI or deployment configs", evidence)
        } else {
            Outcome::partial(listed, total, reason, evidence)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::checks::exit_facts::testkit::facts;
    use crate::checks::testkit::context;
    use crate::facts::exit::{CommittedValue, Credential, CredentialUse, ExitInventory, Location};

    fn credential(name: &str, line: usize, listed: Option<usize>) -> Credential {
        Credential {
            name: name.into(),
            found: vec![CredentialUse {
                path: ".github/workflows/deploy.yml".into(),
                line,
                source: CredentialSource::GithubActions,
            }],
            listed_in: listed.map(|l| Location::new("docs/access.md", l)),
        }
    }

    #[test]
    fn listed_names_score_and_committed_values_fail() {
        let mut exit = ExitInventory {
            credentials: vec![
                credential("AWS_SECRET_ACCESS_KEY", 12, Some(5)),
                credential("DEPLOY_TOKEN", 11, Some(4)),
                credential("SLACK_WEBHOOK_URL", 13, None),
            ],
            ..ExitInventory::default()
        };
        let outcome = CredentialsListed::default().evaluate(&facts(exit.clone()), &context());
        assert_eq!(outcome.status, Status::Warn);
        assert!((outcome.score - 2.0 / 3.0).abs() < 1e-9);
        let items: Vec<(Option<&str>, Option<usize>, bool)> = outcome
            .evidence
            .iter()
            .map(|e| (e.path.as_deref(), e.line, e.negative))
            .collect();
        assert_eq!(
            items,
            vec![
                (Some("docs/access.md"), Some(5), false),
                (Some("docs/access.md"), Some(4), false),
                (Some(".github/workflows/deploy.yml"), Some(13), true),
            ]
        );
        assert_eq!(
            outcome.evidence[2].message,
            "SLACK_WEBHOOK_URL (GitHub Actions secret, used in 1 place(s)) is not in the access inventory"
        );
        exit.committed_values.push(CommittedValue {
            path: ".env.example".into(),
            line: 3,
            name: Some("STRIPE_API_KEY".into()),
            redacted: "sk_l…".into(),
            why: "a Stripe live key prefix".into(),
        });
        let outcome = CredentialsListed::default().evaluate(&facts(exit), &context());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(
            outcome.evidence[3].message,
            "a value-looking literal (sk_l…: a Stripe live key prefix) is committed for STRIPE_API_KEY: rotate it and move it to a secret store"
        );
        let none = CredentialsListed::default().evaluate(&facts(ExitInventory::default()), &context());
        assert_eq!(none.status, Status::Pass);
    }
}
