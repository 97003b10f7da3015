//! Who the owners named in ownership files are: their organisation (from `[organisations]`)
//! and, where it can be told, their git identity (an email owner, or a handle mapped by
//! `[people] handles`), so that checks can ask "is this owner in-house?" and "is this owner
//! still active?".
//!
//! Facts only: no threshold is applied here.

use super::history::HistoryFacts;
use super::knowledge::Role;
use crate::settings::Identities;

/// One owner as written in an ownership file, resolved as far as the config allows.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Owner {
    /// As written (`@org/team`, `@user`, `a@b.c`).
    pub owner: String,
    /// The organisation it belongs to, when the config says or its email tells.
    pub organisation: Option<String>,
    /// Its role (`unknown` when not configured).
    pub role: Role,
    /// The git email it is tied to, when known.
    pub email: Option<String>,
    /// Index into the history's identities, when the email committed.
    pub identity: Option<usize>,
}

/// Resolves an owner: configured owner entries first (exact, case-insensitive), then its email
/// (written, or mapped from a handle) by the organisations' domain and email entries.
pub fn resolve(owner: &str, identities: &Identities, history: Option<&HistoryFacts>) -> Owner {
    let specs = &identities.organisations;
    let lower = owner.to_lowercase();
    let email = if lower.contains('@') && !lower.starts_with('@') {
        Some(lower.clone())
    } else {
        identities
            .handles
            .iter()
            .find(|(h, _)| h.to_lowercase() == lower)
            .map(|(_, e)| e.to_lowercase())
    };
    let by_owner = specs
        .iter()
        .find(|s| s.matchers.iter().any(|m| m.to_lowercase() == lower));
    let by_email = email.as_deref().and_then(|e| {
        specs
            .iter()
            .find(|s| s.matchers.iter().any(|m| email_matches(&m.to_lowercase(), e)))
    });
    let spec = by_owner.or(by_email);
    let identity = email
        .as_deref()
        .and_then(|e| history?.identities.iter().position(|i| i.email == e));
    Owner {
        owner: owner.to_string(),
        organisation: spec.map(|s| s.name.clone()),
        role: spec.map_or(Role::Unknown, |s| s.role),
        email,
        identity,
    }
}

/// Whether a config entry (`@domain.tld` or `a@b.c`) covers an email.
fn email_matches(entry: &str, email: &str) -> bool {
    match entry.strip_prefix('@') {
        Some(domain) if domain.contains('.') && !domain.contains('/') => {
            let host = email.rsplit_once('@').map_or("", |(_, d)| d);
            host == domain || host.strip_suffix(domain).is_some_and(|s| s.ends_with('.'))
        }
        _ => entry.contains('@') && entry == email,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::OrgSpec;

    fn specs() -> Vec<OrgSpec> {
        vec![
            OrgSpec {
                name: "acme.com".into(),
                role: Role::Vendor,
                matchers: vec!["@acme.com".into(), "@acme-team".into()],
            },
            OrgSpec {
                name: "example.com".into(),
                role: Role::Internal,
                matchers: vec!["@example.com".into(), "@example/platform".into()],
            },
        ]
    }

    #[test]
    fn owners_resolve_by_entry_email_and_handle() {
        let identities = Identities {
            organisations: specs(),
            handles: [("@carol".to_string(), "carol@example.com".to_string())].into(),
            ..Identities::default()
        };
        let role = |o: &str| resolve(o, &identities, None).role;
        assert_eq!(role("@acme-team"), Role::Vendor);
        assert_eq!(role("@Example/Platform"), Role::Internal);
        assert_eq!(role("dev@eu.acme.com"), Role::Vendor);
        assert_eq!(role("@carol"), Role::Internal);
        assert_eq!(role("@dave"), Role::Unknown);
        assert_eq!(
            resolve("@carol", &identities, None).email.as_deref(),
            Some("carol@example.com")
        );
    }
}
