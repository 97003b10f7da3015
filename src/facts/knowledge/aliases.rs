//! Alias suggestions: one person seen with several addresses (issue 13), so that users need
//! not clean identities by hand.
//!
//! Reads the identities left after `.mailmap`, config aliases and bots; produces proposed
//! `[people] aliases` entries as data, each with its reason: the same display name, a GitHub
//! `ID+user@users.noreply.github.com` address whose user is another address's local part or
//! name, or the same local part where one address is on a public mail provider. `people` and
//! `init` print them as commented lines the user accepts; nothing here merges anyone.

use std::collections::BTreeMap;

use super::providers::is_public_provider;
use crate::facts::history::Identity;

/// Why two addresses look like one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasReason {
    /// The same display name (two words or more).
    SameName,
    /// A GitHub private address whose user is the other address's local part, name or user.
    GithubUser,
    /// The same local part, one of the two on a public mail provider.
    SameLocalPart,
}

/// One proposed `[people] aliases` entry: `alias = canonical`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AliasSuggestion {
    /// The second address.
    pub alias: String,
    /// The address to merge it into: an organisation's address rather than a personal one, a
    /// personal one rather than a placeholder (`you@example.com`, `@192.168.1.9`), then the most
    /// recently used, then the most used.
    pub canonical: String,
    /// Why.
    pub reason: AliasReason,
    /// The same in words, naming the address that links them.
    pub why: String,
}

/// Names that many unrelated people (or machines) commit under.
const GENERIC_NAMES: &[&str] = &[
    "root",
    "admin",
    "administrator",
    "user",
    "ubuntu",
    "unknown",
    "your name",
    "anonymous",
    "developer",
    "vagrant",
    "ec2-user",
    "github",
    "git",
    "jenkins",
    "(no author)",
];

/// Local parts that say nothing about who someone is.
const GENERIC_LOCAL_PARTS: &[&str] = &[
    "info",
    "admin",
    "contact",
    "hello",
    "mail",
    "email",
    "dev",
    "developer",
    "git",
    "github",
    "root",
    "user",
    "test",
    "support",
    "office",
    "team",
    "code",
    "noreply",
    "no-reply",
    "none",
    "me",
];

/// The GitHub user of a `user@` or `ID+user@users.noreply.github.com` address.
fn github_user(email: &str) -> Option<&str> {
    let local = email.strip_suffix("@users.noreply.github.com")?;
    Some(local.split_once('+').map_or(local, |(_, user)| user))
}

/// A name as compared: lower case, `.`, `_` and `-` as spaces, single spaces; `None` when
/// it is one word (first names collide) or generic.
fn name_key(name: &str) -> Option<String> {
    let lower = name.to_lowercase().replace(['.', '_', '-'], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let key = words.join(" ");
    (words.len() >= 2 && key.len() >= 5 && !GENERIC_NAMES.contains(&key.as_str())).then_some(key)
}

/// A local part as compared: lower case, without a `+tag`; `None` when short or generic.
fn local_key(email: &str) -> Option<String> {
    let local = email.rsplit_once('@')?.0.to_lowercase();
    let local = local.split_once('+').map_or(local.as_str(), |(l, _)| l).to_string();
    (local.len() >= 4 && !GENERIC_LOCAL_PARTS.contains(&local.as_str())).then_some(local)
}

fn domain(email: &str) -> &str {
    email.rsplit_once('@').map_or("", |(_, d)| d)
}

/// A personal address: a public mail provider's, GitHub's private ones included.
fn personal(email: &str) -> bool {
    is_public_provider(domain(email))
}

/// An address no one receives mail at: a machine's (`@192.168.1.9`, `@host.localdomain`) or a
/// placeholder left in a git config (`you@example.com`).
fn placeholder(email: &str) -> bool {
    let d = domain(email);
    !d.contains('.')
        || d.chars().all(|c| c.is_ascii_digit() || c == '.')
        || [".local", ".localdomain", ".lan", ".internal"]
            .iter()
            .any(|s| d.ends_with(s))
        || ["example.com", "example.org", "example.net"].contains(&d)
}

/// How good an address is as the canonical one: an organisation's, a personal one, a placeholder.
fn standing(email: &str) -> u8 {
    if placeholder(email) {
        0
    } else if personal(email) {
        1
    } else {
        2
    }
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while parent[root] != root {
        root = parent[root];
    }
    let mut i = i;
    while parent[i] != root {
        let next = parent[i];
        parent[i] = root;
        i = next;
    }
    root
}

/// Proposed merges among `identities` (bots and addresses-less identities left out), sorted by
/// canonical address then alias.
pub fn suggest_aliases(identities: &[Identity]) -> Vec<AliasSuggestion> {
    let people: Vec<usize> = (0..identities.len())
        .filter(|&i| !identities[i].is_bot && identities[i].email.contains('@'))
        .collect();
    let email = |i: usize| identities[i].email.to_lowercase();
    // Links: (one, other, reason), the first identity seen with a key being the other end.
    let mut links: Vec<(usize, usize, AliasReason)> = Vec::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_local: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_user: BTreeMap<String, usize> = BTreeMap::new();
    for &i in &people {
        if let Some(key) = name_key(&identities[i].name) {
            match by_name.get(&key) {
                Some(&j) => links.push((i, j, AliasReason::SameName)),
                None => {
                    by_name.insert(key, i);
                }
            }
        }
        let e = email(i);
        if let Some(user) = github_user(&e) {
            let user = user.to_lowercase();
            match by_user.get(&user) {
                Some(&j) => links.push((i, j, AliasReason::GithubUser)),
                None => {
                    by_user.insert(user, i);
                }
            }
        } else if let Some(local) = local_key(&e) {
            by_local.entry(local).or_default().push(i);
        }
    }
    // A GitHub user names another address's local part, or a one-word name.
    for (user, &i) in &by_user {
        let hits = people.iter().copied().filter(|&j| {
            j != i
                && github_user(&email(j)).is_none()
                && (local_key(&email(j)).as_deref() == Some(user.as_str())
                    || identities[j].name.to_lowercase().replace(' ', "") == *user)
        });
        links.extend(hits.map(|j| (i, j, AliasReason::GithubUser)));
    }
    // The same local part, one of the two addresses personal.
    for group in by_local.values().filter(|g| g.len() > 1) {
        for (n, &i) in group.iter().enumerate() {
            for &j in &group[..n] {
                if personal(&email(i)) || personal(&email(j)) {
                    links.push((i, j, AliasReason::SameLocalPart));
                }
            }
        }
    }

    let mut parent: Vec<usize> = (0..identities.len()).collect();
    for &(i, j, _) in &links {
        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
        parent[a] = b;
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in &people {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut out = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        // An organisation's address, then a personal one, then a placeholder; then the most
        // recently used, then the most used, then the first by address.
        let canonical = *members
            .iter()
            .max_by(|&&a, &&b| {
                let (x, y) = (&identities[a], &identities[b]);
                standing(&email(a))
                    .cmp(&standing(&email(b)))
                    .then(x.last_commit.cmp(&y.last_commit))
                    .then(x.commits.cmp(&y.commits))
                    .then(email(b).cmp(&email(a)))
            })
            .expect("a group has members");
        for &m in members.iter().filter(|&&m| m != canonical) {
            // The link that brought it in, preferring one to the canonical address.
            let link = links
                .iter()
                .filter(|(i, j, _)| *i == m || *j == m)
                .min_by_key(|(i, j, r)| (*i != canonical && *j != canonical, *r))
                .expect("a member has a link");
            let other = if link.0 == m { link.1 } else { link.0 };
            let why = match link.2 {
                AliasReason::SameName => format!("same name \"{}\" as {}", identities[m].name.trim(), email(other)),
                AliasReason::GithubUser => {
                    let (mine, theirs) = (email(m), email(other));
                    let user = github_user(&mine).or_else(|| github_user(&theirs)).unwrap_or_default();
                    format!("GitHub user \"{user}\", as {}", email(other))
                }
                AliasReason::SameLocalPart => format!(
                    "same local part \"{}\" as {}, one of them a personal address",
                    local_key(&email(m)).unwrap_or_default(),
                    email(other)
                ),
            };
            out.push(AliasSuggestion {
                alias: email(m),
                canonical: email(canonical),
                reason: link.2,
                why,
            });
        }
    }
    out.sort_by(|a, b| a.canonical.cmp(&b.canonical).then(a.alias.cmp(&b.alias)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn id(name: &str, email: &str, last: &str, commits: usize) -> Identity {
        Identity {
            name: name.into(),
            email: email.into(),
            is_bot: false,
            commits,
            co_authored: 0,
            first_commit: None,
            last_commit: Some(format!("{last}T00:00:00Z")),
        }
    }

    type Row = (String, String, AliasReason);

    fn suggested(ids: &[Identity]) -> Vec<Row> {
        suggest_aliases(ids)
            .into_iter()
            .map(|s| (s.alias, s.canonical, s.reason))
            .collect()
    }

    fn row(alias: &str, canonical: &str, reason: AliasReason) -> Row {
        (alias.into(), canonical.into(), reason)
    }

    /// See: issue 13, "Identities users must not have to clean by hand".
    #[test]
    fn one_person_several_addresses() {
        use AliasReason::*;
        let cases: Vec<(&str, Vec<Identity>, Vec<Row>)> = vec![
            (
                "same name: the organisation's address wins over a personal one",
                vec![
                    id("Jane Doe", "jane.doe@gmail.com", "2025-01-01", 50),
                    id("Jane  doe", "jane.doe@agency.gov.uk", "2024-01-01", 5),
                ],
                vec![row("jane.doe@gmail.com", "jane.doe@agency.gov.uk", SameName)],
            ),
            (
                "placeholders and machine addresses are never canonical",
                vec![
                    id("Brian Coult", "you@example.com", "2025-06-01", 50),
                    id("Brian Coult", "brian.coult@agency.gov.uk", "2022-01-01", 5),
                    id("Abeer Salameh", "abeersalameh@192.168.1.109", "2025-06-01", 3),
                    id("Abeer Salameh", "abeer.salameh@gmail.com", "2024-01-01", 5),
                    id("Richard Worrall", "richard@donk.localdomain", "2025-06-01", 3),
                    id("Richard Worrall", "richard@gmail.com", "2024-01-01", 1),
                ],
                vec![
                    row("abeersalameh@192.168.1.109", "abeer.salameh@gmail.com", SameName),
                    row("you@example.com", "brian.coult@agency.gov.uk", SameName),
                    row("richard@donk.localdomain", "richard@gmail.com", SameName),
                ],
            ),
            (
                "same name at two organisations: the most recent is where the person is now",
                vec![
                    id("Sam Roe", "sam.roe@acme-outsourcing.com", "2023-05-01", 300),
                    id("Sam Roe", "sam.roe@agency.gov.uk", "2025-05-01", 20),
                ],
                vec![row("sam.roe@acme-outsourcing.com", "sam.roe@agency.gov.uk", SameName)],
            ),
            (
                "GitHub private address of the user whose local part matches",
                vec![
                    id("jdoe", "12345+jdoe@users.noreply.github.com", "2025-01-01", 9),
                    id("J. Doe", "jdoe@acme-outsourcing.com", "2024-01-01", 3),
                    id("jdoe", "jdoe@users.noreply.github.com", "2020-01-01", 1),
                ],
                vec![
                    row(
                        "12345+jdoe@users.noreply.github.com",
                        "jdoe@acme-outsourcing.com",
                        GithubUser,
                    ),
                    row("jdoe@users.noreply.github.com", "jdoe@acme-outsourcing.com", GithubUser),
                ],
            ),
            (
                "GitHub user equal to a one-word name",
                vec![
                    id("Mo", "77+barrucadu@users.noreply.github.com", "2025-01-01", 9),
                    id("barrucadu", "mike@barrucadu.co.uk", "2024-01-01", 3),
                ],
                vec![row(
                    "77+barrucadu@users.noreply.github.com",
                    "mike@barrucadu.co.uk",
                    GithubUser,
                )],
            ),
            (
                "same local part with a personal address, tag ignored",
                vec![
                    id("Kim", "kim.lee+git@outlook.com", "2025-01-01", 9),
                    id("K Lee", "kim.lee@agency.gov.uk", "2024-01-01", 3),
                ],
                vec![row("kim.lee+git@outlook.com", "kim.lee@agency.gov.uk", SameLocalPart)],
            ),
            (
                "no merge: same local part at two organisations, generic or short local parts, one-word \
                 names, generic names",
                vec![
                    id("A", "jsmith@acme-outsourcing.com", "2025-01-01", 1),
                    id("B", "jsmith@agency.gov.uk", "2025-01-01", 1),
                    id("C", "info@gmail.com", "2025-01-01", 1),
                    id("D", "info@agency.gov.uk", "2025-01-01", 1),
                    id("E", "ab@gmail.com", "2025-01-01", 1),
                    id("F", "ab@agency.gov.uk", "2025-01-01", 1),
                    id("David", "david@acme-outsourcing.com", "2025-01-01", 1),
                    id("David", "d.k@agency.gov.uk", "2025-01-01", 1),
                    id("Your Name", "x1@host.local", "2025-01-01", 1),
                    id("your name", "x2@host2.local", "2025-01-01", 1),
                ],
                vec![],
            ),
        ];
        for (what, ids, want) in cases {
            assert_eq!(suggested(&ids), want, "{what}");
        }
    }

    #[test]
    fn chains_merge_into_one_canonical_with_the_linking_address_named() {
        let mut bot = id("Jane Doe", "jane.doe-bot@agency.gov.uk", "2025-01-01", 1);
        bot.is_bot = true;
        let ids = vec![
            id("Jane Doe", "jane.doe@agency.gov.uk", "2025-03-01", 40),
            id("Jane Doe", "jdoe77@gmail.com", "2024-01-01", 10),
            id("jdoe77", "1+jdoe77@users.noreply.github.com", "2025-01-01", 5),
            bot,
            id("", "", "2025-01-01", 1),
        ];
        let got: Vec<(String, String, String)> = suggest_aliases(&ids)
            .into_iter()
            .map(|s| (s.alias, s.canonical, s.why))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "1+jdoe77@users.noreply.github.com".to_string(),
                    "jane.doe@agency.gov.uk".to_string(),
                    "GitHub user \"jdoe77\", as jdoe77@gmail.com".to_string()
                ),
                (
                    "jdoe77@gmail.com".to_string(),
                    "jane.doe@agency.gov.uk".to_string(),
                    "same name \"Jane Doe\" as jane.doe@agency.gov.uk".to_string()
                ),
            ]
        );
    }
}
