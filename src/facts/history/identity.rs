//! Who is who: `.mailmap`, config aliases, bots and `Co-authored-by` trailers.
//!
//! Reads raw author signatures (bytes, possibly invalid UTF-8, decoded lossily) and commit
//! messages; produces one [`Identity`] per person, keyed by canonical lowercase email. The
//! mailmap is git2's (`Repository::mailmap`: the work tree's `.mailmap` or, in a bare
//! repository, `HEAD:.mailmap`, plus `mailmap.file`/`mailmap.blob` config). Organisations are
//! assigned later, in `knowledge`; nothing here judges anyone.

use std::collections::{BTreeMap, HashMap};

use git2::{Mailmap, Signature, Time};

use super::model::Identity;

/// `*` is the only wildcard; everything else, brackets included, is literal.
pub(crate) fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

/// What a default bot pattern is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BotField {
    /// The display name (after `.mailmap`).
    Name,
    /// The email address.
    Email,
}

/// Bots recognised without configuration (issue 13), beyond `[bot]` in a name or email: a
/// documented list, each entry a `*` glob matched case-insensitively against the whole name or
/// email, with why it is a bot in its comment. `[organisations] bots` adds patterns; a
/// `!pattern` there marks a person these rules would catch by mistake.
///
/// `*bot@*` is deliberately narrower than it reads: any local part ending in "bot" would also
/// catch Talbot, Abbot or Jan Bot, so only `bot@`, `-bot@`, `_bot@`, `+bot@` and the named tools
/// below count. Email rules never apply to `noreply@github.com` (GitHub's web-UI committer,
/// carrying a person's edit) nor to `ID+user@users.noreply.github.com` (a person's private
/// address; GitHub's own bots there carry `[bot]`).
pub const DEFAULT_BOTS: &[(BotField, &str)] = &[
    (BotField::Name, "*-bot"), // bot accounts' naming convention: pyup-bot, snyk-bot, semantic-release-bot
    (BotField::Name, "dependabot*"), // GitHub's dependency updater, also dependabot-preview
    (BotField::Name, "renovate"), // Renovate, the dependency updater
    (BotField::Name, "renovate bot"), // Renovate's app
    (BotField::Name, "github-actions"), // GitHub Actions' workflow identity
    (BotField::Name, "github action"), // the usual `git config` step of a workflow
    (BotField::Name, "github actions"), // the same, plural
    (BotField::Name, "greenkeeper*"), // Greenkeeper, the dependency updater, also greenkeeperio-bot
    (BotField::Name, "semantic-release*"), // semantic-release, the release automation
    (BotField::Email, "bot@*"), // a bot's own address: bot@renovateapp.com
    (BotField::Email, "*-bot@*"), // a bot account: snyk-bot@snyk.io, github-bot@pyup.io
    (BotField::Email, "*_bot@*"), // a bot account: deploy_bot@
    (BotField::Email, "*+bot@*"), // a bot sub-address: support+bot@crowdin.com
    (BotField::Email, "dependabot*@*"), // GitHub's dependency updater
    (BotField::Email, "renovatebot@*"), // Renovate, the dependency updater
    (BotField::Email, "*@dependabot.com"), // Dependabot before GitHub bought it: support@dependabot.com
    (BotField::Email, "*@renovateapp.com"), // Renovate's app
    (BotField::Email, "*@greenkeeper.io"), // Greenkeeper's app: support@greenkeeper.io
    (BotField::Email, "action@github.com"), // the usual `git config` step of a workflow
    (BotField::Email, "actions@github.com"), // the same, plural
    (BotField::Email, "github-actions@github.com"), // GitHub Actions' workflow identity
    (BotField::Email, "*-ci@*"), // a CI service account: gitlab-ci@, travis-ci@, pre-commit-ci@
    (BotField::Email, "noreply@*"), // a service account that takes no mail (not noreply@github.com)
    (BotField::Email, "no-reply@*"), // the same
];

/// The default rule that makes an identity a bot, if any (`people` shows why).
pub fn default_bot_rule(name: &str, email: &str) -> Option<&'static (BotField, &'static str)> {
    let (name, email) = (name.to_lowercase(), email.to_lowercase());
    let person_address = email == "noreply@github.com" || email.ends_with("@users.noreply.github.com");
    DEFAULT_BOTS.iter().find(|(field, pattern)| match field {
        BotField::Name => glob_match(pattern, name.trim()),
        BotField::Email => !person_address && glob_match(pattern, &email),
    })
}

/// Whether an identity is a bot: `[bot]` in the name or email; else not when a `!pattern` of
/// `patterns` matches the name or email (a person the defaults would catch); else when another
/// of `patterns` or a [`DEFAULT_BOTS`] rule matches. Case-insensitive.
pub(crate) fn is_bot_name(name: &str, email: &str, patterns: &[String]) -> bool {
    let (name, email) = (name.to_lowercase(), email.to_lowercase());
    if name.contains("[bot]") || email.contains("[bot]") {
        return true;
    }
    let matches = |p: &str| {
        let p = p.to_lowercase();
        glob_match(&p, &name) || glob_match(&p, &email)
    };
    if patterns.iter().filter_map(|p| p.strip_prefix('!')).any(matches) {
        return false;
    }
    patterns.iter().filter(|p| !p.starts_with('!')).any(|p| matches(p)) || default_bot_rule(&name, &email).is_some()
}

/// `Co-authored-by: Name <email>` trailers of a message, in order, as (name, email).
pub(super) fn co_authors(message: &[u8]) -> Vec<(String, String)> {
    const KEY: &[u8] = b"co-authored-by:";
    let mut out = Vec::new();
    for line in message.split(|&b| b == b'\n') {
        let line = line.trim_ascii();
        if line.len() <= KEY.len() || !line[..KEY.len()].eq_ignore_ascii_case(KEY) {
            continue;
        }
        let rest = String::from_utf8_lossy(&line[KEY.len()..]);
        let (Some(open), Some(close)) = (rest.rfind('<'), rest.rfind('>')) else {
            continue;
        };
        if close < open {
            continue;
        }
        let name = rest[..open].trim().to_string();
        let email = rest[open + 1..close].trim().to_string();
        if !email.is_empty() || !name.is_empty() {
            out.push((name, email));
        }
    }
    out
}

#[derive(Debug, Default)]
struct Builder {
    name: String,
    name_time: Option<i64>,
    email: String,
    is_bot: bool,
    commits: usize,
    co_authored: usize,
    first: Option<i64>,
    last: Option<i64>,
}

/// Resolves signatures to identity indices, then hands out the sorted identity list.
pub(super) struct Resolver<'a> {
    mailmap: Option<Mailmap>,
    aliases: &'a BTreeMap<String, String>,
    bot_patterns: &'a [String],
    ids: Vec<Builder>,
    by_key: HashMap<String, usize>,
    by_raw: HashMap<(Vec<u8>, Vec<u8>), usize>,
}

impl<'a> Resolver<'a> {
    /// A resolver; `mailmap` is `None` when the repository has none or it cannot be read.
    pub fn new(mailmap: Option<Mailmap>, aliases: &'a BTreeMap<String, String>, bot_patterns: &'a [String]) -> Self {
        Resolver {
            mailmap,
            aliases,
            bot_patterns,
            ids: Vec::new(),
            by_key: HashMap::new(),
            by_raw: HashMap::new(),
        }
    }

    /// The identity of a raw signature (cached per distinct name and email bytes).
    pub fn resolve(&mut self, name: &[u8], email: &[u8]) -> usize {
        if let Some(&i) = self.by_raw.get(&(name.to_vec(), email.to_vec())) {
            return i;
        }
        let i = self.resolve_str(&String::from_utf8_lossy(name), &String::from_utf8_lossy(email));
        self.by_raw.insert((name.to_vec(), email.to_vec()), i);
        i
    }

    /// The identity of a decoded name and email (used for trailers).
    pub fn resolve_str(&mut self, raw_name: &str, raw_email: &str) -> usize {
        let (name, email) = self
            .mapped(raw_name, raw_email)
            .unwrap_or_else(|| (raw_name.to_string(), raw_email.to_string()));
        let mut email = email.to_lowercase();
        let raw = raw_email.to_lowercase();
        if !self.aliases.contains_key(&email) && self.aliases.contains_key(&raw) {
            email = raw;
        }
        // Follow alias chains, bounded so that a cycle in the config cannot loop.
        for _ in 0..8 {
            match self.aliases.get(&email) {
                Some(next) if *next != email => email = next.to_lowercase(),
                _ => break,
            }
        }
        let key = if email.is_empty() {
            format!("name:{}", name.to_lowercase())
        } else {
            email.clone()
        };
        let bot = is_bot_name(&name, &email, self.bot_patterns) || is_bot_name(raw_name, raw_email, self.bot_patterns);
        let i = *self.by_key.entry(key).or_insert_with(|| {
            self.ids.push(Builder {
                name: name.clone(),
                email,
                ..Builder::default()
            });
            self.ids.len() - 1
        });
        self.ids[i].is_bot |= bot;
        i
    }

    /// The mailmap's (name, email) for a signature, when it has an entry. libgit2 compares
    /// emails case-sensitively while git does not, so a lowercase retry follows.
    fn mapped(&self, name: &str, email: &str) -> Option<(String, String)> {
        let map = self.mailmap.as_ref()?;
        let lower = email.to_lowercase();
        [email, lower.as_str()].into_iter().find_map(|e| {
            // Signature::new refuses empty parts and angle brackets: no mapping then.
            let sig = Signature::new(name, e, &Time::new(0, 0)).ok()?;
            let r = map.resolve_signature(&sig).ok()?;
            let pair = (
                String::from_utf8_lossy(r.name_bytes()).into_owned(),
                String::from_utf8_lossy(r.email_bytes()).into_owned(),
            );
            (pair.0 != name || pair.1 != e).then_some(pair)
        })
    }

    /// Counts an authored commit at `time` and remembers the name it used.
    pub fn authored(&mut self, i: usize, name: &[u8], email: &[u8], time: i64) {
        let b = &mut self.ids[i];
        b.commits += 1;
        b.first = Some(b.first.map_or(time, |f| f.min(time)));
        b.last = Some(b.last.map_or(time, |l| l.max(time)));
        if b.name_time.is_none_or(|t| time >= t) {
            b.name_time = Some(time);
            // The mailmap's name wins over whatever the commit carried.
            let own = String::from_utf8_lossy(name).into_owned();
            let mapped = self.mapped(&own, &String::from_utf8_lossy(email));
            self.ids[i].name = mapped.map_or(own, |(n, _)| n);
        }
    }

    /// Counts a `Co-authored-by` mention.
    pub fn co_authored(&mut self, i: usize) {
        self.ids[i].co_authored += 1;
    }

    /// The identities sorted by email then name, and the old index → new index map.
    pub fn finish(self) -> (Vec<Identity>, Vec<usize>) {
        let mut order: Vec<usize> = (0..self.ids.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.ids[a], &self.ids[b]);
            (&x.email, &x.name).cmp(&(&y.email, &y.name))
        });
        let mut remap = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new;
        }
        let mut ids: Vec<Option<Builder>> = self.ids.into_iter().map(Some).collect();
        let stamp = |t: Option<i64>| {
            t.and_then(|s| jiff::Timestamp::from_second(s).ok())
                .map(|ts| ts.to_string())
        };
        let identities = order
            .iter()
            .filter_map(|&old| ids[old].take())
            .map(|b| Identity {
                name: b.name,
                email: b.email,
                is_bot: b.is_bot,
                commits: b.commits,
                co_authored: b.co_authored,
                first_commit: stamp(b.first),
                last_commit: stamp(b.last),
            })
            .collect();
        (identities, remap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_has_only_the_star() {
        let cases = [
            ("renovate*", "renovate[bot]", true),
            ("*-ci@example.com", "build-ci@example.com", true),
            ("*-ci@example.com", "build-ci@example.org", false),
            ("[ab]", "a", false),
            ("[ab]", "[ab]", true),
            ("a*b*c", "axxbyyc", true),
            ("a*b*c", "axxbyy", false),
            ("*", "", true),
        ];
        for (p, t, want) in cases {
            assert_eq!(glob_match(p, t), want, "{p} vs {t}");
        }
    }

    #[test]
    fn bots_by_marker_or_pattern() {
        let pats = vec!["renovate*".to_string(), "*-ci@example.com".to_string()];
        assert!(is_bot_name("dependabot[bot]", "x@users.noreply.github.com", &pats));
        assert!(is_bot_name("Renovate Bot", "bot@renovateapp.com", &pats));
        assert!(is_bot_name("Jenkins", "Deploy-CI@example.com", &pats));
        assert!(!is_bot_name("Robert", "bob@example.com", &pats));
    }

    /// Issue 13: bots users must not have to list by hand, and people who must stay people.
    #[test]
    fn default_bots_table() {
        let cases = [
            // (name, email, bot)
            (
                "dependabot[bot]",
                "49699333+dependabot[bot]@users.noreply.github.com",
                true,
            ),
            (
                "dependabot-preview[bot]",
                "27856297+dependabot-preview[bot]@users.noreply.github.com",
                true,
            ),
            ("Dependabot", "support@dependabot.com", true),
            ("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com", true),
            ("Renovate Bot", "bot@renovateapp.com", true),
            ("renovate", "renovate@whitesourcesoftware.com", true),
            (
                "github-actions[bot]",
                "41898282+github-actions[bot]@users.noreply.github.com",
                true,
            ),
            ("github-actions", "github-actions@github.com", true),
            ("GitHub Action", "action@github.com", true),
            ("GitHub Actions", "actions@github.com", true),
            ("pyup-bot", "github-bot@pyup.io", true),
            ("pyup.io bot", "github-bot@pyup.io", true),
            ("snyk-bot", "snyk-bot@snyk.io", true),
            (
                "greenkeeper[bot]",
                "23040076+greenkeeper[bot]@users.noreply.github.com",
                true,
            ),
            ("greenkeeperio-bot", "support@greenkeeper.io", true),
            ("semantic-release-bot", "semantic-release-bot@martynus.net", true),
            ("GitLab CI", "gitlab-ci@example.com", true),
            ("Weblate", "noreply@weblate.org", true),
            ("Crowdin Bot", "support+bot@crowdin.com", true),
            ("Deploy", "deploy_bot@agency.gov.uk", true),
            // People: GitHub's web-UI committer and private addresses, and names that end in "bot".
            ("GitHub", "noreply@github.com", false),
            ("Jane Doe", "12345+jdoe@users.noreply.github.com", false),
            ("ci-bot fan", "1+ci-bot@users.noreply.github.com", false),
            ("Ann Talbot", "talbot@example.com", false),
            ("Abbot", "abbot@gmail.com", false),
            ("Jan Bot", "jan.bot@uni.nl", false),
            ("Robert", "robot.enthusiast@example.com", false),
        ];
        for (name, email, want) in cases {
            assert_eq!(is_bot_name(name, email, &[]), want, "{name} <{email}>");
        }
        // Config extends the list, and `!` keeps a person the defaults would catch.
        assert!(is_bot_name("Ann Talbot", "talbot@example.com", &["talbot@*".into()]));
        let pats = ["*bot@*".to_string(), "!talbot@example.com".to_string()];
        assert!(!is_bot_name("Ann Talbot", "talbot@example.com", &pats));
        assert!(is_bot_name("Abbot", "abbot@gmail.com", &pats));
        assert!(is_bot_name("x[bot]", "x@uni.nl", &["!x@uni.nl".into()]));
        assert_eq!(
            default_bot_rule("snyk-bot", "snyk-bot@snyk.io").map(|r| r.1),
            Some("*-bot")
        );
        assert!(default_bot_rule("GitHub", "noreply@github.com").is_none());
    }

    #[test]
    fn trailers_are_parsed_loosely() {
        let msg = b"Fix\n\nCo-authored-by: Carol Doe <Carol@Example.com>\nco-authored-by:  Dan <dan@x.io> \nCo-authored-by: nobody\n";
        assert_eq!(
            co_authors(msg),
            vec![
                ("Carol Doe".to_string(), "Carol@Example.com".to_string()),
                ("Dan".to_string(), "dan@x.io".to_string())
            ]
        );
    }

    #[test]
    fn mailmap_and_aliases_merge_addresses() {
        let map = Mailmap::from_buffer("Alice A <alice@vendor.com> <alice@old.com>\n").unwrap();
        let aliases = BTreeMap::from([("carol.v@gmail.com".to_string(), "carol@vendor.com".to_string())]);
        let mut r = Resolver::new(Some(map), &aliases, &[]);
        let a1 = r.resolve(b"Alice", b"alice@vendor.com");
        let a2 = r.resolve(b"alice old", b"ALICE@old.com");
        let c1 = r.resolve(b"Carol", b"carol@vendor.com");
        let c2 = r.resolve(b"Carol V", b"Carol.V@gmail.com");
        let bad = r.resolve(b"\xffweird <", b"");
        assert_eq!(a1, a2);
        assert_eq!(c1, c2);
        assert_ne!(a1, c1);
        r.authored(a2, b"alice old", b"alice@old.com", 10);
        r.authored(bad, b"\xffweird <", b"", 5);
        let (ids, remap) = r.finish();
        assert_eq!(ids.len(), 3);
        let alice = &ids[remap[a1]];
        assert_eq!(
            (alice.name.as_str(), alice.email.as_str()),
            ("Alice A", "alice@vendor.com")
        );
        assert_eq!(alice.first_commit.as_deref(), Some("1970-01-01T00:00:10Z"));
        assert_eq!(ids[remap[bad]].name, "\u{fffd}weird <");
    }
}
