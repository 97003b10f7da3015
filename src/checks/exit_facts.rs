//! What the exit-inventory rule kinds share: the inventory of a root, or why they skip, and a
//! host allow-list.

use super::rule::Outcome;
use super::vendor_exit::NO_ORGANISATIONS;
use crate::facts::RepoFacts;
use crate::facts::exit::ExitInventory;

/// The exit inventory when a vendor is configured; else the `skip` the rule returns.
pub fn inventory(facts: &RepoFacts) -> Result<&ExitInventory, Outcome> {
    match &facts.exit {
        None => Err(Outcome::skip("the exit inventory was not gathered for this root")),
        Some(exit) if !exit.vendor_configured => Err(Outcome::skip(NO_ORGANISATIONS)),
        Some(exit) => Ok(exit),
    }
}

/// Whether a host is allowed by entries `host` (exact) or `*.domain` (the domain's subdomains).
pub fn allowed(host: &str, allow: &[String]) -> bool {
    let host = host.to_ascii_lowercase();
    allow.iter().any(|a| {
        let a = a.to_ascii_lowercase();
        match a.strip_prefix("*.") {
            Some(domain) => host.ends_with(&format!(".{domain}")),
            None => host == a,
        }
    })
}

#[cfg(test)]
pub(crate) mod testkit {
    //! Facts with an exit inventory, for the unit tests of the exit rule kinds.

    use crate::facts::RepoFacts;
    use crate::facts::exit::ExitInventory;

    /// The facts of a repository whose exit inventory is `exit` (vendor configured).
    pub fn facts(exit: ExitInventory) -> RepoFacts {
        RepoFacts {
            exit: Some(ExitInventory {
                vendor_configured: true,
                ..exit
            }),
            ..crate::checks::testkit::facts(Vec::new()).facts
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_list() {
        let allow = vec!["status.acme.com".to_string(), "*.cdn.acme.com".to_string()];
        assert!(allowed("Status.acme.com", &allow));
        assert!(allowed("eu.cdn.acme.com", &allow));
        assert!(!allowed("cdn.acme.com", &allow));
        assert!(!allowed("wiki.acme.com", &allow));
    }

    #[test]
    fn skips_without_inventory_or_vendor() {
        let facts = crate::checks::testkit::facts(Vec::new()).facts;
        assert!(inventory(&facts).unwrap_err().reason.contains("not gathered"));
        let facts = RepoFacts {
            exit: Some(ExitInventory::default()),
            ..crate::checks::testkit::facts(Vec::new()).facts
        };
        assert_eq!(inventory(&facts).unwrap_err().reason, NO_ORGANISATIONS);
    }
}
