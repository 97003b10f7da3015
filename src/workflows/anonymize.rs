//! `scan --anonymize`: people replaced by stable pseudonyms, for reports that leave the team.
//!
//! A person becomes `person-<6 hex>` (the start of the SHA-256 of their lower-cased name or
//! email, salted with `--salt` when given), the same in every report made with the same salt, so
//! trends and merges still line up. Every string of the report is rewritten, in this order:
//!
//! 1. branch names in flight whose `/`-separated components name a person: a token (between
//!    `-`, `_`, `.`, `+`) equal to an identity's email local part, GitHub handle (the part after
//!    `+` in `123+handle@users.noreply.github.com`, or a `[people] handles` key), or name (joined
//!    by nothing, `-`, `_` or `.`) becomes that person's pseudonym:
//!    `origin/leohemsted-patch-1` → `origin/person-1a2b3c-patch-1`, wherever the branch is named;
//! 2. every email address: its local part, and its domain when that domain is a small one
//!    (below);
//! 3. names known from the facts (named roles, history identities, in-flight authors), at word
//!    boundaries;
//! 4. email domains of fewer than [`SMALL_DOMAIN`] people that are not a configured organisation
//!    nor a public mail provider become `domain-<6 hex>`: a one-person domain (`quis.cc`) names
//!    its person as surely as an email does. Configured organisations and larger domains are kept.
//!
//! What this does not protect (README, "Anonymised reports"): the pseudonyms are hashes, not
//! secrets. Without a salt, anyone who suspects a name can hash it and compare; with a salt, the
//! salt must stay secret and be the same for reports that should line up. File paths, commit ids,
//! document titles and text are kept, and can name people too (`docs/alice-notes.md`); the
//! numbers (commits, files known) can single out a person in a small team.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::report::build::Scanned;
use crate::report::model::Report;

/// A domain with fewer people than this (in one repository's history) is pseudonymised.
pub const SMALL_DOMAIN: usize = 3;

/// Shortest name, local part or handle matched inside branch names (shorter ones match words).
const SHORTEST_TOKEN: usize = 3;

/// What the facts say about the people a report may name, gathered before the report is built.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Names: named roles and every identity of the history.
    pub names: Vec<String>,
    /// Lower-case tokens that name a person in a branch name, each with that person's name.
    pub tokens: Vec<(String, String)>,
    /// Email domains of fewer than [`SMALL_DOMAIN`] people, neither configured nor public.
    pub small_domains: Vec<String>,
}

/// How pseudonyms are made: the optional salt mixed into every hash.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pseudonyms<'a> {
    /// `--salt` / `EXITREADY_ANONYMIZE_SALT`; `None` keeps the unsalted pseudonyms of earlier
    /// reports.
    pub salt: Option<&'a str>,
}

impl Pseudonyms<'_> {
    fn hash(&self, text: &str) -> String {
        let text = text.trim().to_lowercase();
        match self.salt {
            None => crate::base::digest::sha256_hex(text.as_bytes()),
            Some(salt) => crate::base::digest::sha256_hex_of_parts([salt, text.as_str()]),
        }
    }

    /// The pseudonym of a person (name or email).
    pub fn person(&self, person: &str) -> String {
        format!("person-{}", &self.hash(person)[..6])
    }

    /// The pseudonym of an email domain.
    pub fn domain(&self, domain: &str) -> String {
        format!("domain-{}", &self.hash(domain)[..6])
    }
}

/// The unsalted pseudonym of a person (name or email).
pub fn pseudonym(person: &str) -> String {
    Pseudonyms::default().person(person)
}

/// The people named in the facts, before the report is built: named roles and every identity
/// of the history (evidence names authors, e.g. the truck factor's and stale branches'), the
/// tokens that name them in branch names, and the small email domains.
pub fn people_in(scanned: &[Scanned]) -> People {
    let mut people = People::default();
    for s in scanned {
        people.names.extend(s.facts.named_roles.iter().map(|n| n.who.clone()));
        let Some(history) = &s.facts.history else { continue };
        let specs = &s.settings.identities.organisations;
        let mut domains: BTreeMap<String, usize> = BTreeMap::new();
        for identity in &history.identities {
            people.names.push(identity.name.clone());
            let email = identity.email.to_lowercase();
            let (local, domain) = email.rsplit_once('@').unwrap_or((email.as_str(), ""));
            let (organisation, _) = crate::facts::knowledge::organisation_of(identity, specs);
            let configured = specs.iter().any(|spec| spec.name == organisation);
            if !domain.is_empty() && organisation == domain && !configured {
                *domains.entry(domain.to_string()).or_insert(0) += 1;
            }
            if identity.is_bot {
                continue;
            }
            let mut tokens = vec![local.to_string()];
            tokens.extend(local.split_once('+').map(|(_, handle)| handle.to_string()));
            tokens.extend(
                s.settings
                    .identities
                    .handles
                    .iter()
                    .filter(|(_, mail)| mail.eq_ignore_ascii_case(&email))
                    .map(|(handle, _)| handle.trim_start_matches('@').to_lowercase()),
            );
            let words: Vec<String> = identity.name.split_whitespace().map(str::to_lowercase).collect();
            for joiner in ["", "-", "_", "."] {
                tokens.push(words.join(joiner));
            }
            tokens.retain(|t| t.chars().count() >= SHORTEST_TOKEN);
            people
                .tokens
                .extend(tokens.into_iter().map(|t| (t, identity.name.clone())));
        }
        people.small_domains.extend(
            domains
                .into_iter()
                .filter(|(_, count)| *count < SMALL_DOMAIN)
                .map(|(domain, _)| domain),
        );
    }
    people
}

/// Replaces every person in the report by their pseudonym (see the module doc for what is
/// rewritten, in which order).
pub fn anonymize(report: &mut Report, mut people: People, pseudonyms: Pseudonyms) -> Result<()> {
    people.names.extend(
        report
            .repositories
            .iter()
            .flat_map(|r| r.in_flight.iter().map(|f| f.last_author.clone())),
    );
    people.names.retain(|p| p.trim().chars().count() >= 2);
    people.names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    people.names.dedup();
    people.tokens.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    people.tokens.dedup();
    people
        .small_domains
        .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    people.small_domains.dedup();
    let mut branches: Vec<(String, String)> = report
        .repositories
        .iter()
        .flat_map(|r| r.in_flight.iter())
        .map(|f| (f.branch.clone(), branch_name(&f.branch, &people.tokens, pseudonyms)))
        .filter(|(old, new)| old != new)
        .collect();
    branches.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
    branches.dedup();
    let rewriter = Rewriter {
        people: &people,
        branches: &branches,
        pseudonyms,
    };
    let mut value = serde_json::to_value(&*report).map_err(|e| Error::Internal(e.to_string()))?;
    rewriter.rewrite(&mut value);
    *report = serde_json::from_value(value).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(())
}

struct Rewriter<'a> {
    people: &'a People,
    branches: &'a [(String, String)],
    pseudonyms: Pseudonyms<'a>,
}

impl Rewriter<'_> {
    fn rewrite(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => *s = self.text(s),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.rewrite(v)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| self.rewrite(v)),
            _ => {}
        }
    }

    fn text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (old, new) in self.branches {
            if out.contains(old.as_str()) {
                out = out.replace(old.as_str(), new);
            }
        }
        out = emails(&out, &self.people.small_domains, self.pseudonyms);
        for person in &self.people.names {
            out = replace_word(&out, person, &self.pseudonyms.person(person));
        }
        for domain in &self.people.small_domains {
            out = replace_domain(&out, domain, &self.pseudonyms.domain(domain));
        }
        out
    }
}

/// Rewrites one string with unsalted pseudonyms: email local parts, then known names at word
/// boundaries.
pub fn anonymize_text(text: &str, people: &[String]) -> String {
    let people = People {
        names: people.to_vec(),
        ..People::default()
    };
    Rewriter {
        people: &people,
        branches: &[],
        pseudonyms: Pseudonyms::default(),
    }
    .text(text)
}

/// A branch name with every token that names a person replaced by their pseudonym; the
/// separators (`/`, `-`, `_`, `.`, `+`) and other tokens kept.
fn branch_name(branch: &str, tokens: &[(String, String)], pseudonyms: Pseudonyms) -> String {
    let separator = |c: char| matches!(c, '/' | '-' | '_' | '.' | '+');
    let mut out = String::new();
    let mut rest = branch;
    'outer: while !rest.is_empty() {
        let lower = rest.to_ascii_lowercase();
        for (token, person) in tokens {
            let ends_at_boundary = |end: usize| rest[end..].chars().next().is_none_or(separator);
            if lower.starts_with(token.as_str()) && rest.is_char_boundary(token.len()) && ends_at_boundary(token.len())
            {
                out.push_str(&pseudonyms.person(person));
                rest = &rest[token.len()..];
                continue 'outer;
            }
        }
        // No person here: keep this token and its separator.
        // A separator is one ASCII byte, so `i + 1` is a character boundary.
        let end = rest.find(separator).map_or(rest.len(), |i| i + 1);
        out.push_str(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// Every email address with its local part pseudonymised, and its domain too when it is small.
fn emails(text: &str, small_domains: &[String], pseudonyms: Pseudonyms) -> String {
    let chars: Vec<char> = text.chars().collect();
    let local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    let mut out = String::new();
    let mut i = 0;
    let mut start_of_pending = 0;
    while i < chars.len() {
        if chars[i] == '@' {
            let mut l = i;
            while l > start_of_pending && local(chars[l - 1]) {
                l -= 1;
            }
            let mut r = i + 1;
            while r < chars.len() && domain(chars[r]) {
                r += 1;
            }
            let host: String = chars[i + 1..r].iter().collect();
            if l < i && host.contains('.') {
                let email: String = chars[l..r].iter().collect();
                out.extend(&chars[start_of_pending..l]);
                out.push_str(&pseudonyms.person(&email));
                out.push('@');
                if small_domains.iter().any(|d| d.eq_ignore_ascii_case(&host)) {
                    out.push_str(&pseudonyms.domain(&host));
                } else {
                    out.push_str(&host);
                }
                start_of_pending = r;
                i = r;
                continue;
            }
        }
        i += 1;
    }
    out.extend(&chars[start_of_pending..]);
    out
}

/// Replaces `word` where it stands alone (not inside a longer word).
fn replace_word(text: &str, word: &str, by: &str) -> String {
    replace_bounded(text, word, by, |c| c.is_alphanumeric())
}

/// Replaces a domain where it stands alone (not inside a longer domain or email).
fn replace_domain(text: &str, domain: &str, by: &str) -> String {
    replace_bounded(text, domain, by, |c| {
        c.is_alphanumeric() || matches!(c, '.' | '-' | '@')
    })
}

fn replace_bounded(text: &str, word: &str, by: &str, inside: impl Fn(char) -> bool) -> String {
    if word.is_empty() || !text.contains(word) {
        return text.to_string();
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !inside(c));
        out.push_str(&rest[..at]);
        if boundary(before) && boundary(after) {
            out.push_str(by);
        } else {
            out.push_str(word);
        }
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_emails_become_stable_pseudonyms() {
        let people = vec!["Jane Doe".to_string(), "Al".to_string()];
        let text = "security: Jane Doe (Security owner), mail jane@example.com; Alice and Al";
        let got = anonymize_text(text, &people);
        let jane = pseudonym("Jane Doe");
        let mail = pseudonym("jane@example.com");
        let al = pseudonym("Al");
        assert_eq!(
            got,
            format!("security: {jane} (Security owner), mail {mail}@example.com; Alice and {al}")
        );
        assert_eq!(pseudonym("jane doe"), jane);
    }

    #[test]
    fn branch_names_lose_the_person_and_keep_the_rest() {
        let tokens = vec![
            ("leohemsted".to_string(), "Leo Hemsted".to_string()),
            ("darksonn".to_string(), "Alice Ryhl".to_string()),
        ];
        let plain = Pseudonyms::default();
        let leo = plain.person("Leo Hemsted");
        assert_eq!(
            branch_name("origin/leohemsted-patch-1", &tokens, plain),
            format!("origin/{leo}-patch-1")
        );
        assert_eq!(
            branch_name("origin/Darksonn-patch-1", &tokens, plain),
            format!("origin/{}-patch-1", plain.person("Alice Ryhl"))
        );
        assert_eq!(
            branch_name("origin/leohemstedx/é-ünï", &tokens, plain),
            "origin/leohemstedx/é-ünï"
        );
        assert_eq!(branch_name("feature/x", &tokens, plain), "feature/x");
    }

    #[test]
    fn salt_changes_every_pseudonym_and_small_domains_go() {
        let salted = Pseudonyms { salt: Some("s3cret") };
        assert_ne!(salted.person("Jane Doe"), pseudonym("Jane Doe"));
        assert_eq!(salted.person("Jane Doe"), salted.person("jane doe"));
        let small = vec!["quis.cc".to_string()];
        let got = emails("mail jo@quis.cc or x@big.org", &small, Pseudonyms::default());
        assert_eq!(
            got,
            format!(
                "mail {}@{} or {}@big.org",
                pseudonym("jo@quis.cc"),
                Pseudonyms::default().domain("quis.cc"),
                pseudonym("x@big.org")
            )
        );
        assert_eq!(
            replace_domain("If quis.cc left; sub.quis.cc and quis.ccx stay", "quis.cc", "D"),
            "If D left; sub.quis.cc and quis.ccx stay"
        );
    }
}
