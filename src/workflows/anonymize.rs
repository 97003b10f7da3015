//! `scan --anonymize`: people replaced by stable pseudonyms, for reports that leave the team.
//!
//! A person becomes `person-<6 hex>` (the start of the SHA-256 of their lower-cased name or
//! email), the same in every report, so trends and merges still line up; organisations (email
//! domains, configured names) are kept. Every string of the report is rewritten: names known
//! from the facts (named roles, history identities, in-flight authors) at word boundaries, and every email address's
//! local part. The pseudonyms are not secret: a name can be hashed and compared, so this hides
//! people from casual readers, not from someone who already suspects a name.

use crate::error::{Error, Result};
use crate::report::build::Scanned;
use crate::report::model::Report;

/// The pseudonym of a person (name or email).
pub fn pseudonym(person: &str) -> String {
    let hex = crate::base::digest::sha256_hex(person.trim().to_lowercase().as_bytes());
    format!("person-{}", &hex[..6])
}

/// The people named in the facts, before the report is built: named roles and every identity
/// of the history (evidence names authors, e.g. the truck factor's and stale branches').
pub fn people_in(scanned: &[Scanned]) -> Vec<String> {
    scanned
        .iter()
        .flat_map(|s| {
            let named = s.facts.named_roles.iter().map(|n| n.who.clone());
            let identities = s
                .facts
                .history
                .iter()
                .flat_map(|h| h.identities.iter().map(|i| i.name.clone()));
            named.chain(identities)
        })
        .collect()
}

/// Replaces every person in the report by their pseudonym.
pub fn anonymize(report: &mut Report, mut people: Vec<String>) -> Result<()> {
    people.extend(
        report
            .repositories
            .iter()
            .flat_map(|r| r.in_flight.iter().map(|f| f.last_author.clone())),
    );
    people.retain(|p| p.trim().chars().count() >= 2);
    people.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    people.dedup();
    let mut value = serde_json::to_value(&*report).map_err(|e| Error::Internal(e.to_string()))?;
    rewrite(&mut value, &people);
    *report = serde_json::from_value(value).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(())
}

fn rewrite(value: &mut serde_json::Value, people: &[String]) {
    match value {
        serde_json::Value::String(s) => *s = anonymize_text(s, people),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| rewrite(v, people)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| rewrite(v, people)),
        _ => {}
    }
}

/// Rewrites one string: email local parts, then known names at word boundaries.
pub fn anonymize_text(text: &str, people: &[String]) -> String {
    let mut out = emails(text);
    for person in people {
        out = replace_word(&out, person, &pseudonym(person));
    }
    out
}

fn emails(text: &str) -> String {
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
                out.push_str(&pseudonym(&email));
                out.push('@');
                out.push_str(&host);
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

fn replace_word(text: &str, word: &str, by: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
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
}
