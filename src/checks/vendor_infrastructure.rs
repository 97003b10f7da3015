//! Rule kind `vendor_infrastructure`: the delivery chain does not run on the vendor's
//! infrastructure: CI runners, container and package registries, base images, Terraform state
//! backends, providers and modules, Helm repositories.
//!
//! Reads `exit.infrastructure`. Each item under a vendor domain or naming the vendor is a
//! finding against, with its file and line; self-hosted runners whose operator the repository
//! cannot tell are listed as supporting evidence to confirm. Hosts in `allow_hosts` (`host` or
//! `*.domain`) are set aside. Fail when any vendor item remains, pass otherwise. Skip without a
//! configured vendor.

use serde::Deserialize;

use super::exit_facts::{allowed, inventory};
use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;
use crate::facts::exit::InfraKind;

/// Parameters.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorInfrastructure {
    /// Vendor hosts accepted (kept after the exit by agreement): `host` or `*.domain`.
    #[serde(default)]
    pub allow_hosts: Vec<String>,
}

/// The host of an item's target (`https://h/x`, `h/x:1`, `h:path`), when it has one.
fn host_of(target: &str) -> &str {
    let rest = target.split_once("://").map_or(target, |(_, r)| r);
    rest.split(['/', ':']).next().unwrap_or(rest)
}

impl Rule for VendorInfrastructure {
    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let exit = match inventory(facts) {
            Ok(exit) => exit,
            Err(skip) => return skip,
        };
        let mut evidence = Vec::new();
        let mut vendor = 0;
        for item in &exit.infrastructure {
            if item.vendor && item.kind != InfraKind::CiRunner && allowed(host_of(&item.target), &self.allow_hosts) {
                continue;
            }
            let e = if item.vendor {
                vendor += 1;
                let message = if item.kind == InfraKind::CiRunner {
                    item.detail.clone()
                } else {
                    format!("{}: {}", item.detail, item.target)
                };
                Evidence::against(Some(&item.path), message)
            } else {
                Evidence::supporting(Some(&item.path), format!("{}: confirm who runs them", item.detail))
            };
            evidence.push(e.at_line(Some(item.line)));
        }
        if vendor == 0 {
            let unknown = evidence.len();
            return Outcome::pass(
                format!(
                    "no CI runner, registry, backend or repository of the vendor's found ({unknown} self-hosted runner setting(s) to confirm)"
                ),
                evidence,
            );
        }
        Outcome::fail(
            format!("{vendor} piece(s) of infrastructure run by the vendor must be moved or replaced"),
            evidence,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::checks::exit_facts::testkit::facts;
    use crate::checks::testkit::context;
    use crate::facts::exit::{ExitInventory, InfraItem};

    fn item(path: &str, line: usize, kind: InfraKind, target: &str, vendor: bool) -> InfraItem {
        InfraItem {
            path: path.into(),
            line,
            kind,
            target: target.into(),
            vendor,
            detail: format!("{kind:?}"),
        }
    }

    #[test]
    fn vendor_items_fail_unknown_runners_are_listed() {
        let exit = ExitInventory {
            infrastructure: vec![
                item(
                    ".github/workflows/ci.yml",
                    9,
                    InfraKind::CiRunner,
                    "self-hosted, acme-runner",
                    true,
                ),
                item(
                    ".github/workflows/ci.yml",
                    20,
                    InfraKind::CiRunner,
                    "self-hosted, gpu",
                    false,
                ),
                item(
                    "infra/main.tf",
                    3,
                    InfraKind::TerraformBackend,
                    "https://tf.acme.com/state",
                    true,
                ),
            ],
            ..ExitInventory::default()
        };
        let outcome = VendorInfrastructure::default().evaluate(&facts(exit.clone()), &context());
        assert_eq!(outcome.status, Status::Fail);
        let items: Vec<(Option<&str>, Option<usize>, bool)> = outcome
            .evidence
            .iter()
            .map(|e| (e.path.as_deref(), e.line, e.negative))
            .collect();
        assert_eq!(
            items,
            vec![
                (Some(".github/workflows/ci.yml"), Some(9), true),
                (Some(".github/workflows/ci.yml"), Some(20), false),
                (Some("infra/main.tf"), Some(3), true),
            ]
        );
        assert_eq!(
            outcome.evidence[2].message,
            "TerraformBackend: https://tf.acme.com/state"
        );
        let allowed = VendorInfrastructure {
            allow_hosts: vec!["tf.acme.com".into(), "self-hosted, acme-runner".into()],
        }
        .evaluate(&facts(exit), &context());
        assert_eq!(allowed.status, Status::Fail, "runner labels are no host");
        assert_eq!(host_of("registry.acme.com/x:1"), "registry.acme.com");
        assert_eq!(host_of("git.acme.com:team/x"), "git.acme.com");
    }
}
