//! Rule kind `vendor_in_operations`: no ownership rule, alert route, on-call section or CI
//! notification is left to vendor people alone.
//!
//! Reads `exit.operations` (each operational path naming a vendor person, and whether everyone
//! it names is the vendor's). A vendor-only path is a finding against, at the line of its first
//! vendor person; a path shared with people who are not the vendor's is listed as supporting
//! (they stay, but the vendor's entries must still go). Pass when at most `max_vendor_only`
//! (default 0) paths are vendor-only; else the share of shared paths (fail when all are
//! vendor-only). Skip without a configured vendor.

use serde::Deserialize;

use super::exit_facts::inventory;
use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;
use crate::facts::exit::OpsContext;

/// Parameters.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorInOperations {
    /// Vendor-only paths that still pass.
    #[serde(default)]
    pub max_vendor_only: usize,
}

fn what(context: OpsContext) -> &'static str {
    match context {
        OpsContext::Ownership => "ownership rule",
        OpsContext::AlertRoute => "alert route",
        OpsContext::OnCall => "on-call section",
        OpsContext::CiNotification => "CI configuration",
    }
}

impl Rule for VendorInOperations {
    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let exit = match inventory(facts) {
            Ok(exit) => exit,
            Err(skip) => return skip,
        };
        let mut evidence = Vec::new();
        let mut vendor_only = 0;
        for path in &exit.operations {
            let people: Vec<&str> = path.vendor_people.iter().map(|p| p.who.as_str()).collect();
            let line = path.vendor_people.first().map_or(path.line, |p| p.line);
            let message = if path.vendor_only {
                format!(
                    "{} {} names only vendor people ({})",
                    what(path.context),
                    path.name,
                    people.join(", ")
                )
            } else {
                format!(
                    "{} {} names vendor people ({}) beside {} other(s)",
                    what(path.context),
                    path.name,
                    people.join(", "),
                    path.people.len() - people.len()
                )
            };
            let evidence_item = if path.vendor_only {
                vendor_only += 1;
                Evidence::against(Some(&path.path), message)
            } else {
                Evidence::supporting(Some(&path.path), message)
            };
            evidence.push(evidence_item.at_line(Some(line)));
        }
        let total = exit.operations.len();
        if total == 0 {
            return Outcome::pass(
                "no ownership file, alert route, on-call section or CI configuration names a vendor person",
                evidence,
            );
        }
        let reason = format!(
            "{vendor_only} of {total} operational path(s) naming vendor people name only them (bar: {})",
            self.max_vendor_only
        );
        if vendor_only <= self.max_vendor_only {
            Outcome::pass(reason, evidence)
        } else {
            Outcome::partial(total - vendor_only, total, reason, evidence)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::checks::exit_facts::testkit::facts;
    use crate::checks::testkit::context;
    use crate::facts::exit::{ExitInventory, OperationalPath, PersonAt};

    fn path(file: &str, line: usize, context: OpsContext, name: &str, vendor_only: bool) -> OperationalPath {
        OperationalPath {
            path: file.into(),
            line,
            context,
            name: name.into(),
            people: if vendor_only {
                vec!["noc@acme.com".into()]
            } else {
                vec!["noc@acme.com".into(), "ops@example.com".into()]
            },
            vendor_people: vec![PersonAt {
                who: "noc@acme.com".into(),
                line: line + 2,
            }],
            vendor_only,
        }
    }

    #[test]
    fn vendor_only_paths_count_against() {
        let exit = ExitInventory {
            operations: vec![
                path("CODEOWNERS", 2, OpsContext::Ownership, "*", false),
                path("alertmanager.yml", 7, OpsContext::AlertRoute, "receiver `noc`", true),
            ],
            ..ExitInventory::default()
        };
        let outcome = VendorInOperations::default().evaluate(&facts(exit.clone()), &context());
        assert_eq!((outcome.status, outcome.score), (Status::Warn, 0.5));
        let items: Vec<(Option<&str>, Option<usize>, bool, &str)> = outcome
            .evidence
            .iter()
            .map(|e| (e.path.as_deref(), e.line, e.negative, e.message.as_str()))
            .collect();
        assert_eq!(
            items,
            vec![
                (
                    Some("CODEOWNERS"),
                    Some(4),
                    false,
                    "ownership rule * names vendor people (noc@acme.com) beside 1 other(s)"
                ),
                (
                    Some("alertmanager.yml"),
                    Some(9),
                    true,
                    "alert route receiver `noc` names only vendor people (noc@acme.com)"
                ),
            ]
        );
        let lenient = VendorInOperations { max_vendor_only: 1 }.evaluate(&facts(exit), &context());
        assert_eq!(lenient.status, Status::Pass);
        let none = VendorInOperations::default().evaluate(&facts(ExitInventory::default()), &context());
        assert_eq!(none.status, Status::Pass);
    }
}
