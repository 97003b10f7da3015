//! Named roles: lines in documents (or config) that name the person accountable for something,
//! such as `**Engineering owner:** Jane Doe` or `| Security contact | Jane Doe |`.
//!
//! The exit question "who is in charge after the vendor leaves?" is answered by such lines.
//! This module only records them (label, person, where); which labels matter is decided by the
//! checklist item that reads them.

use std::collections::BTreeMap;

/// One named person for a role.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NamedRole {
    /// The label as written, lower-cased (`engineering owner`).
    pub label: String,
    /// The person (or team) named.
    pub who: String,
    /// Where: a document path, or `exitready.toml`.
    pub path: String,
    /// The 1-based line in the document.
    pub line: Option<usize>,
}

/// The nouns that make a label a role ("engineering *owner*", "security *contact*").
const ROLE_NOUNS: &[&str] = &[
    "owner",
    "owners",
    "lead",
    "contact",
    "manager",
    "responsible",
    "accountable",
    "dri",
];
/// Values that name nobody.
const PLACEHOLDERS: &[&str] = &[
    "", "-", "tbd", "tba", "todo", "?", "n/a", "na", "none", "unknown", "fixme",
];

/// Named roles declared in the config's `[accountability]` table.
pub fn from_config(accountability: &BTreeMap<String, String>) -> Vec<NamedRole> {
    accountability
        .iter()
        .map(|(role, who)| NamedRole {
            label: role.to_lowercase(),
            who: who.clone(),
            path: crate::settings::CONFIG_FILE.to_string(),
            line: None,
        })
        .collect()
}

/// Named roles written in a document.
pub fn from_document(path: &str, text: &str) -> Vec<NamedRole> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let (label, who) = split_line(line)?;
            Some(NamedRole {
                label,
                who,
                path: path.to_string(),
                line: Some(index + 1),
            })
        })
        .collect()
}

/// `label: person` or `| label | person |`, where the label ends in a role noun.
fn split_line(line: &str) -> Option<(String, String)> {
    let cleaned: String = line.chars().filter(|c| !matches!(c, '*' | '_' | '`')).collect();
    let cleaned = cleaned.trim().trim_start_matches(['-', '+', '>', '#']).trim();
    let (label, rest) = if cleaned.starts_with('|') {
        let mut cells = cleaned.trim_matches('|').split('|').map(str::trim);
        (cells.next()?.to_string(), cells.next()?.to_string())
    } else {
        let (label, rest) = cleaned.split_once(':')?;
        (label.trim().to_string(), rest.trim().to_string())
    };
    let label = label.to_lowercase();
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || !ROLE_NOUNS.contains(words.last()?) {
        return None;
    }
    let who = rest.trim().trim_end_matches('.').to_string();
    if PLACEHOLDERS.contains(&who.to_lowercase().as_str()) || who.starts_with("http") {
        return None;
    }
    Some((label, who))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_lines() {
        let cases = [
            (
                "**Engineering owner:** Jane Doe",
                Some(("engineering owner", "Jane Doe")),
            ),
            (
                "- Security contact: security@example.com",
                Some(("security contact", "security@example.com")),
            ),
            ("| Delivery lead | Sam Roe |", Some(("delivery lead", "Sam Roe"))),
            ("| Delivery lead | TBD |", None),
            ("Engineering owner:", None),
            ("Note: the owner is on leave", None),
            ("The engineering team owns deployment: see below", None),
        ];
        for (line, expected) in cases {
            let got = split_line(line);
            assert_eq!(got.as_ref().map(|(l, w)| (l.as_str(), w.as_str())), expected, "{line}");
        }
    }

    #[test]
    fn lines_are_numbered() {
        let roles = from_document("docs/handoff.md", "# Handoff\n\nSecurity owner: Ann\n");
        assert_eq!(
            roles,
            vec![NamedRole {
                label: "security owner".into(),
                who: "Ann".into(),
                path: "docs/handoff.md".into(),
                line: Some(3)
            }]
        );
    }
}
