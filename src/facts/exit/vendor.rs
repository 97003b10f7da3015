//! Who and what is the vendor's: hosts under its email domains, its emails, its handles, and
//! the names that identify it in runner labels and account names.
//!
//! Built from the vendor organisations' `[organisations]` matchers (`OrgSpec`, DESIGN §5): an
//! entry `@x.y` is an email domain (and its subdomains, for hosts too), `a@b.c` one email,
//! anything else (`@acme-team`, `@acme/platform`) a handle; a handle `@acme` also covers its
//! teams (`@acme/ops`). `[people] handles` ties more handles to emails.

use std::collections::BTreeMap;

use super::text::{HostHit, emails_in, handles_in, hosts_under};
use crate::base::role::Role;
use crate::facts::knowledge::OrgSpec;

/// Second-level labels that are not a name (`acme.co.uk` is named `acme`).
const GENERIC_LABELS: &[&str] = &[
    "co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "service", "services", "www", "mail", "app", "apps",
    "internal", "corp",
];

/// The vendor organisations' matchers, normalised for matching.
#[derive(Debug, Clone, Default)]
pub struct Vendor {
    /// Email domains, lower-case, without `@`.
    domains: Vec<String>,
    /// Single emails, lower-case.
    emails: Vec<String>,
    /// Handles, lower-case, with `@`.
    handles: Vec<String>,
    /// Names that identify the vendor in labels and account names (`acme-outsourcing`).
    tokens: Vec<String>,
    /// Handle → email, from `[people] handles`.
    handle_emails: BTreeMap<String, String>,
}

impl Vendor {
    /// The matchers of every organisation with the vendor role; `handle_emails` maps handles
    /// (`@carol`) to emails.
    pub fn from_specs(specs: &[OrgSpec], handle_emails: &BTreeMap<String, String>) -> Vendor {
        let mut vendor = Vendor {
            handle_emails: handle_emails
                .iter()
                .map(|(h, e)| (h.to_lowercase(), e.to_lowercase()))
                .collect(),
            ..Vendor::default()
        };
        for spec in specs.iter().filter(|s| s.role == Role::Vendor) {
            for matcher in &spec.matchers {
                vendor.add(matcher);
            }
        }
        vendor.domains.sort();
        vendor.domains.dedup();
        vendor.tokens.sort();
        vendor.tokens.dedup();
        vendor
    }

    fn add(&mut self, matcher: &str) {
        let m = matcher.trim().to_lowercase();
        if let Some(domain) = m.strip_prefix('@').filter(|d| d.contains('.') && !d.contains('/')) {
            self.domains.push(domain.to_string());
            let labels: Vec<&str> = domain.split('.').collect();
            let name = labels[..labels.len().saturating_sub(1)]
                .iter()
                .rev()
                .find(|l| !GENERIC_LABELS.contains(l));
            if let Some(name) = name.filter(|n| n.len() >= 3) {
                self.tokens.push(name.to_string());
            }
        } else if m.contains('@') && !m.starts_with('@') {
            self.emails.push(m);
        } else if m.starts_with('@') && m.len() > 1 {
            let org = m[1..].split('/').next().unwrap_or_default();
            if org.len() >= 3 {
                self.tokens.push(org.to_string());
            }
            self.handles.push(m);
        }
    }

    /// Whether any vendor matcher is configured.
    pub fn is_configured(&self) -> bool {
        !(self.domains.is_empty() && self.emails.is_empty() && self.handles.is_empty())
    }

    /// Whether a host is a vendor domain or under one.
    pub fn host_is_vendor(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.domains
            .iter()
            .any(|d| host == *d || host.strip_suffix(d.as_str()).is_some_and(|s| s.ends_with('.')))
    }

    /// Whether an email is the vendor's (its domain, or a listed email).
    pub fn email_is_vendor(&self, email: &str) -> bool {
        let email = email.to_ascii_lowercase();
        self.emails.contains(&email) || email.rsplit_once('@').is_some_and(|(_, d)| self.host_is_vendor(d))
    }

    /// Whether a handle (`@acme-team`, `@acme/ops`) is the vendor's, directly, as a team of a
    /// vendor organisation handle, or through `[people] handles`.
    pub fn handle_is_vendor(&self, handle: &str) -> bool {
        let handle = handle.to_ascii_lowercase();
        self.handles
            .iter()
            .any(|h| handle == *h || (!h.contains('/') && handle.starts_with(&format!("{h}/"))))
            || self.handle_emails.get(&handle).is_some_and(|e| self.email_is_vendor(e))
    }

    /// Whether a person as written (an email or a handle) is the vendor's.
    pub fn person_is_vendor(&self, who: &str) -> bool {
        if who.starts_with('@') {
            self.handle_is_vendor(who)
        } else {
            self.email_is_vendor(who)
        }
    }

    /// Whether a runner label, bucket or account name names the vendor (`acme-outsourcing-linux`).
    pub fn names_vendor(&self, text: &str) -> bool {
        let text = text.to_ascii_lowercase();
        self.tokens.iter().any(|t| text.contains(t.as_str()))
    }

    /// Every vendor host in a line (URLs, image references, host settings), in line order.
    pub fn hosts_in(&self, line: &str) -> Vec<HostHit> {
        let mut hits: Vec<HostHit> = self.domains.iter().flat_map(|d| hosts_under(line, d)).collect();
        hits.sort_by_key(|h| h.start);
        // A subdomain entry and its parent find the same host: keep the longest from one start.
        hits.dedup_by(|b, a| a.start == b.start);
        hits
    }

    /// Every person (emails, then `@handles` when `handles` is set) in a line, in line order.
    pub fn people_in(&self, line: &str, handles: bool) -> Vec<(usize, String)> {
        let mut people = emails_in(line);
        if handles {
            people.extend(handles_in(line));
        }
        people.sort();
        let mut seen = std::collections::BTreeSet::new();
        people.retain(|(_, p)| seen.insert(p.clone()));
        people
    }
}

#[cfg(test)]
pub(crate) fn acme() -> Vendor {
    let specs = vec![
        OrgSpec {
            name: "acme-outsourcing.com".into(),
            role: Role::Vendor,
            matchers: vec![
                "@acme-outsourcing.com".into(),
                "@acme-team".into(),
                "carol.v@gmail.com".into(),
            ],
        },
        OrgSpec {
            name: "example.com".into(),
            role: Role::Internal,
            matchers: vec!["@example.com".into(), "@example/platform".into()],
        },
    ];
    let mut handles = BTreeMap::new();
    handles.insert("@dave".to_string(), "dave@acme-outsourcing.com".to_string());
    Vendor::from_specs(&specs, &handles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_matchers() {
        let v = acme();
        assert!(v.is_configured());
        assert!(v.host_is_vendor("wiki.Acme-Outsourcing.com"));
        assert!(!v.host_is_vendor("example.com"));
        assert!(v.email_is_vendor("ops@eu.acme-outsourcing.com"));
        assert!(v.email_is_vendor("Carol.V@gmail.com"));
        assert!(!v.email_is_vendor("bob@example.com"));
        assert!(v.handle_is_vendor("@acme-team"));
        assert!(v.handle_is_vendor("@dave"));
        assert!(!v.handle_is_vendor("@example/platform"));
        assert!(v.names_vendor("acme-outsourcing-runner"));
        assert!(v.names_vendor("ACME-TEAM-linux"));
        assert!(!v.names_vendor("ubuntu-latest"));
        assert!(!Vendor::default().is_configured());
        let gov = Vendor::from_specs(
            &[OrgSpec {
                name: "x".into(),
                role: Role::Vendor,
                matchers: vec!["@publishing.service.gov.uk".into()],
            }],
            &BTreeMap::new(),
        );
        assert!(gov.names_vendor("publishing-runner"));
        assert!(!gov.names_vendor("service-runner"), "a generic label is no name");
    }

    #[test]
    fn people_in_a_line() {
        let v = acme();
        let people: Vec<String> = v
            .people_in("* @acme-team ops@acme-outsourcing.com carol.v@gmail.com", true)
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        assert_eq!(
            people,
            vec!["@acme-team", "ops@acme-outsourcing.com", "carol.v@gmail.com"]
        );
    }
}
