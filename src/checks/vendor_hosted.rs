//! Rule kind `vendor_hosted`: no system documentation lives only on the vendor's hosts.
//!
//! Reads `exit.hosted` (hosts under a vendor domain that documents and configs link to) and
//! leaves out references that `exit.infrastructure` already lists (registries, backends: judged
//! by `vendor_infrastructure`) and hosts in `allow_hosts` (`host` or `*.domain`, default none).
//! One finding per remaining reference, with its file and line. Fail when a wiki, drive,
//! tracker or unclassified vendor page is linked (documentation that vanishes at exit); warn
//! (score 0.5) when only dashboards, code or CI hosts are; pass when none. Skip without a
//! configured vendor.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::exit_facts::{allowed, inventory};
use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;
use crate::facts::exit::HostKind;

/// Parameters.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorHosted {
    /// Vendor hosts accepted (a status page the firm keeps using): `host` or `*.domain`.
    #[serde(default)]
    pub allow_hosts: Vec<String>,
}

/// Host kinds that hold documentation.
fn is_documentation(kind: HostKind) -> bool {
    matches!(
        kind,
        HostKind::Wiki | HostKind::Drive | HostKind::Tracker | HostKind::Other
    )
}

impl Rule for VendorHosted {
    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let exit = match inventory(facts) {
            Ok(exit) => exit,
            Err(skip) => return skip,
        };
        let infrastructure: BTreeSet<(&str, usize)> =
            exit.infrastructure.iter().map(|i| (i.path.as_str(), i.line)).collect();
        let mut evidence = Vec::new();
        let mut hosts = Vec::new();
        for system in exit.hosted.iter().filter(|h| !allowed(&h.host, &self.allow_hosts)) {
            let references: Vec<_> = system
                .references
                .iter()
                .filter(|r| !infrastructure.contains(&(r.path.as_str(), r.line)))
                .collect();
            if references.is_empty() {
                continue;
            }
            hosts.push(system);
            for reference in references {
                let kind = serde_json::to_value(system.kind).ok();
                let kind = kind.as_ref().and_then(|k| k.as_str()).unwrap_or("page");
                evidence.push(
                    Evidence::against(
                        Some(&reference.path),
                        format!(
                            "links to {} ({kind} on the vendor's host {}): it leaves with the vendor",
                            reference.url, system.host
                        ),
                    )
                    .at_line(Some(reference.line)),
                );
            }
        }
        if hosts.is_empty() {
            return Outcome::pass(
                "no document or config links to a host under the vendor's domains",
                evidence,
            );
        }
        let documentation = hosts.iter().filter(|h| is_documentation(h.kind)).count();
        let names: Vec<&str> = hosts.iter().map(|h| h.host.as_str()).collect();
        let reason = format!(
            "{} reference(s) to {} vendor host(s) ({}), {documentation} of them documentation",
            evidence.len(),
            hosts.len(),
            names.join(", ")
        );
        if documentation > 0 {
            Outcome::fail(reason, evidence)
        } else {
            Outcome {
                score: 0.5,
                ..Outcome::partial(1, 2, reason, evidence)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::checks::exit_facts::testkit::facts;
    use crate::checks::testkit::context;
    use crate::facts::exit::{ExitInventory, HostReference, HostedSystem, InfraItem, InfraKind};

    fn host(host: &str, kind: HostKind, refs: &[(&str, usize)]) -> HostedSystem {
        HostedSystem {
            host: host.into(),
            kind,
            reference_count: refs.len(),
            references: refs
                .iter()
                .map(|(p, l)| HostReference {
                    path: p.to_string(),
                    line: *l,
                    url: format!("https://{host}/x"),
                    in_document: p.ends_with(".md"),
                })
                .collect(),
        }
    }

    #[test]
    fn wiki_links_fail_with_each_reference() {
        let exit = ExitInventory {
            hosted: vec![
                host(
                    "registry.acme.com",
                    HostKind::Registry,
                    &[(".github/workflows/ci.yml", 9)],
                ),
                host(
                    "wiki.acme.com",
                    HostKind::Wiki,
                    &[("docs/runbook.md", 3), ("README.md", 7)],
                ),
            ],
            infrastructure: vec![InfraItem {
                path: ".github/workflows/ci.yml".into(),
                line: 9,
                kind: InfraKind::ContainerRegistry,
                target: "registry.acme.com/x".into(),
                vendor: true,
                detail: String::new(),
            }],
            ..ExitInventory::default()
        };
        let outcome = VendorHosted::default().evaluate(&facts(exit), &context());
        assert_eq!(outcome.status, Status::Fail);
        let places: Vec<(Option<&str>, Option<usize>)> =
            outcome.evidence.iter().map(|e| (e.path.as_deref(), e.line)).collect();
        assert_eq!(
            places,
            vec![(Some("docs/runbook.md"), Some(3)), (Some("README.md"), Some(7))]
        );
        assert_eq!(
            outcome.evidence[0].message,
            "links to https://wiki.acme.com/x (wiki on the vendor's host wiki.acme.com): it leaves with the vendor"
        );
    }

    #[test]
    fn dashboards_warn_allowed_hosts_and_none_pass() {
        let exit = ExitInventory {
            hosted: vec![
                host("grafana.acme.com", HostKind::Dashboard, &[("docs/ops.md", 1)]),
                host("status.acme.com", HostKind::Other, &[("README.md", 2)]),
            ],
            ..ExitInventory::default()
        };
        let rule = VendorHosted {
            allow_hosts: vec!["status.acme.com".into()],
        };
        let outcome = rule.evaluate(&facts(exit.clone()), &context());
        assert_eq!(
            (outcome.status, outcome.score, outcome.evidence.len()),
            (Status::Warn, 0.5, 1)
        );
        let none = VendorHosted::default().evaluate(&facts(ExitInventory::default()), &context());
        assert_eq!(none.status, Status::Pass);
    }
}
