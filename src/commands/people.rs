//! `exitready people` and `exitready init`: the identities found in history, grouped by
//! organisation, whether each is active (a commit within `knower_active_days` of the clock), the
//! addresses that look like one person (suggested aliases), and a starting `exitready.toml`
//! built from them for the user to mark who is the vendor and who is in-house.

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use crate::base::text;
use crate::cli::{GlobalArgs, InitArgs, PeopleArgs, PeopleFormat};
use crate::discover::{self, RootKind};
use crate::error::{Error, Result};
use crate::facts::history::{self, HistoryFacts};
use crate::facts::knowledge::{self, AliasSuggestion, Role};
use crate::settings::Settings;

use super::common::Outcome;

/// One identity as listed.
#[derive(Debug, Serialize)]
pub struct Person {
    /// Display name.
    pub name: String,
    /// Canonical email.
    pub email: String,
    /// Organisation (configured name, email domain, `individuals` or `bots`).
    pub organisation: String,
    /// `vendor`, `internal`, `unknown` or `bots`.
    pub role: Role,
    /// Non-merge commits reachable from HEAD.
    pub commits: usize,
    /// First commit (RFC 3339).
    pub first_commit: Option<String>,
    /// Last commit (RFC 3339).
    pub last_commit: Option<String>,
    /// Last commit within `thresholds.knower_active_days` of the clock.
    pub active: bool,
}

/// One organisation as listed.
#[derive(Debug, Serialize)]
pub struct Organisation {
    /// Its name.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// People in it.
    pub people: usize,
    /// Of which active.
    pub active_people: usize,
    /// Their commits.
    pub commits: usize,
}

/// The answer of `exitready people`.
#[derive(Debug, Serialize)]
pub struct People {
    /// Organisations by commits.
    pub organisations: Vec<Organisation>,
    /// Identities by commits.
    pub people: Vec<Person>,
    /// Addresses that look like one person: `[people] aliases` entries to accept or not.
    pub aliases: Vec<AliasSuggestion>,
}

/// Reads the history of one repository and groups its identities.
fn people(global: &GlobalArgs, path: &Path) -> Result<(People, HistoryFacts)> {
    let root = discover::discover(&[path.to_path_buf()])?.remove(0);
    if root.kind == RootKind::Folder {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "not a git repository: no history to read".to_string(),
        });
    }
    let shared = super::common::shared_settings(global)?;
    let settings = super::common::settings_for(shared.as_ref(), &root)?;
    let options = crate::facts::history_options(
        &settings,
        None,
        0,
        !global.quiet && super::common::stderr_is_terminal(),
        true,
    );
    let history = history::gather(&root.path, &options).map_err(|e| Error::Git {
        path: root.path.clone(),
        message: e.to_string(),
    })?;
    Ok((group(&history, &settings, super::common::now(global)?), history))
}

fn group(history: &HistoryFacts, settings: &Settings, now: jiff::Timestamp) -> People {
    let specs = &settings.identities.organisations;
    let window = i64::from(settings.thresholds.knower_active_days) * crate::base::dates::DAY;
    let active = |last: &Option<String>| {
        last.as_deref()
            .and_then(crate::base::dates::parse_date)
            .is_some_and(|t| now.as_second() - t.as_second() <= window)
    };
    let mut people: Vec<Person> = history
        .identities
        .iter()
        .filter(|i| i.commits > 0)
        .map(|i| {
            let (organisation, role) = knowledge::organisation_of(i, specs);
            Person {
                name: i.name.clone(),
                email: i.email.clone(),
                organisation,
                role,
                commits: i.commits,
                first_commit: i.first_commit.clone(),
                active: !i.is_bot && active(&i.last_commit),
                last_commit: i.last_commit.clone(),
            }
        })
        .collect();
    people.sort_by(|a, b| b.commits.cmp(&a.commits).then(a.email.cmp(&b.email)));
    let mut organisations: Vec<Organisation> = Vec::new();
    for person in &people {
        match organisations.iter_mut().find(|o| o.name == person.organisation) {
            Some(org) => {
                org.people += 1;
                org.active_people += usize::from(person.active);
                org.commits += person.commits;
            }
            None => organisations.push(Organisation {
                name: person.organisation.clone(),
                role: person.role,
                people: 1,
                active_people: usize::from(person.active),
                commits: person.commits,
            }),
        }
    }
    organisations.sort_by(|a, b| b.commits.cmp(&a.commits).then(a.name.cmp(&b.name)));
    let aliases = knowledge::suggest_aliases(&history.identities);
    People {
        organisations,
        people,
        aliases,
    }
}

/// "1 person", "2 people".
fn persons(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}

/// Organisation names that are no email domain: never written as `@name` to mark.
fn pseudo_domain(name: &str) -> bool {
    matches!(name, "individuals" | "unknown" | "bots")
}

/// Runs `exitready people`.
pub fn run_people(global: &GlobalArgs, args: PeopleArgs) -> Result<Outcome> {
    let (people, history) = people(global, &args.path)?;
    match args.format {
        PeopleFormat::Json => super::output::stdout(&crate::report::render::json(&people)?)?,
        // Names, emails and domains are the repository's: made terminal-safe as written.
        PeopleFormat::Text => super::output::stdout(&text::terminal(&people_text(&people, history.partial_history)))?,
    }
    Ok(Outcome::Done)
}

/// The `people` table: columns sized to the longest name, email and organisation.
fn people_text(people: &People, partial: bool) -> String {
    let mut out = String::new();
    let total: usize = people.people.iter().map(|p| p.commits).sum();
    let active = people.people.iter().filter(|p| p.active).count();
    let _ = writeln!(
        out,
        "{} ({active} active), {} commits{}",
        persons(people.people.len()),
        total,
        if partial { " (partial history)" } else { "" }
    );
    let width = |it: &mut dyn Iterator<Item = usize>| it.max().unwrap_or(0);
    let org_w = width(&mut people.organisations.iter().map(|o| o.name.chars().count()));
    let _ = writeln!(out, "\nOrganisations:");
    for org in &people.organisations {
        let _ = writeln!(
            out,
            "  {:<org_w$}  {:<8} {:>7} commits  {} ({} active)",
            org.name,
            org.role.as_str(),
            org.commits,
            persons(org.people),
            org.active_people
        );
    }
    let name_w = width(&mut people.people.iter().map(|p| p.name.chars().count()));
    let email_w = width(&mut people.people.iter().map(|p| p.email.chars().count()));
    let org_w = width(&mut people.people.iter().map(|p| p.organisation.chars().count()));
    let _ = writeln!(out, "\nPeople:");
    for p in &people.people {
        let span = format!("{} … {}", day(&p.first_commit), day(&p.last_commit));
        let status = if p.active { "active" } else { "inactive" };
        let _ = writeln!(
            out,
            "  {:<name_w$}  {:<email_w$}  {:<org_w$}  {:>6}  {status:<8}  {span}",
            p.name, p.email, p.organisation, p.commits
        );
    }
    if !people.aliases.is_empty() {
        let _ = writeln!(
            out,
            "\nLooks like one person (add to [people] aliases in exitready.toml if right):"
        );
        for line in alias_lines(&people.aliases) {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// Suggested aliases as TOML lines with their reason, aligned.
fn alias_lines(aliases: &[AliasSuggestion]) -> Vec<String> {
    let entries: Vec<String> = aliases
        .iter()
        .map(|a| format!("\"{}\" = \"{}\"", a.alias, a.canonical))
        .collect();
    let w = entries.iter().map(|e| e.chars().count()).max().unwrap_or(0);
    entries
        .iter()
        .zip(aliases)
        .map(|(e, a)| format!("{e:<w$}  # {}", a.why))
        .collect()
}

/// Runs `exitready init`: writes a starting config listing the organisations found.
pub fn run_init(global: &GlobalArgs, args: InitArgs) -> Result<Outcome> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| crate::settings::CONFIG_FILE.into());
    if output.exists() && !args.force {
        return Err(Error::Input {
            path: output,
            message: "already exists; use --force to overwrite".to_string(),
        });
    }
    let (people, _) = people(global, &args.path)?;
    let config = starting_config(&people);
    super::common::write_output(&output, &config)?;
    if !global.quiet {
        super::output::stderr(&format!(
            "exitready: wrote {}: mark the vendor and in-house domains under [organisations]\n",
            text::one_line(&output.display().to_string())
        ));
    }
    Ok(Outcome::Done)
}

/// The starting config: every key, commented, with the largest domains listed to mark.
pub fn starting_config(people: &People) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# exitready.toml: written by `exitready init`. Every key is optional; see the README."
    );
    let _ = writeln!(out, "\n# Paths left out of every measure (globs).\nexclude = []\n");
    let _ = writeln!(out, "[organisations]");
    let _ = writeln!(
        out,
        "# Organisations found in history, by commits. Put each domain (\"@domain\") or email under"
    );
    let _ = writeln!(
        out,
        "# vendor or internal; CODEOWNERS teams (\"@org/team\") can be listed too."
    );
    for org in people.organisations.iter().filter(|o| o.role != Role::Bots).take(15) {
        let (what, note) = if pseudo_domain(&org.name) {
            (
                format!("({})", text::one_line(&org.name)),
                "; personal addresses: list people one by one (\"a@gmail.com\")",
            )
        } else {
            (format!("@{}", text::one_line(&org.name)), "")
        };
        let _ = writeln!(
            out,
            "#   {what:<41} {:>7} commits, {} ({} active){note}",
            org.commits,
            persons(org.people),
            org.active_people
        );
    }
    let _ = writeln!(out, "vendor = []\ninternal = []");
    let _ = writeln!(
        out,
        "# Organisations listed nowhere keep no knowledge when the vendor leaves; set \"internal\"\n# when everyone not listed as a vendor works in-house.\n# unknown_role = \"internal\""
    );
    let bots: Vec<&str> = people
        .people
        .iter()
        .filter(|p| p.role == Role::Bots)
        .map(|p| p.email.as_str())
        .collect();
    let _ = writeln!(
        out,
        "# Bots detected ({}); add patterns (`*` is the only wildcard; \"!a@b.c\" keeps a person).",
        if bots.is_empty() {
            "none".to_string()
        } else {
            text::one_line(&bots.join(", ")).into_owned()
        }
    );
    let _ = writeln!(out, "bots = []\n");
    let _ = writeln!(
        out,
        "[people]\n# CODEOWNERS handles to git emails: \"@handle\" = \"email\".\nhandles = {{}}\n"
    );
    let _ = writeln!(
        out,
        "# Second addresses of one person: \"second@address\" = \"canonical@address\".\n[people.aliases]"
    );
    if !people.aliases.is_empty() {
        let _ = writeln!(out, "# Suggested from history: uncomment the lines that are right.");
        for line in alias_lines(&people.aliases) {
            let _ = writeln!(out, "# {line}");
        }
    }
    let _ = writeln!(out);
    let defaults = crate::settings::Thresholds::default();
    let _ = writeln!(out, "[thresholds]");
    let _ = writeln!(
        out,
        "runbook_max_age_days = {}  # runbooks older than this are stale",
        defaults.runbook_max_age_days
    );
    let _ = writeln!(
        out,
        "doc_max_age_days = {}      # other docs older than this are stale",
        defaults.doc_max_age_days
    );
    let _ = writeln!(
        out,
        "drift_grace_days = {}       # code changes this soon after a doc are not drift",
        defaults.drift_grace_days
    );
    let _ = writeln!(
        out,
        "owner_inactive_days = {}   # owners without a commit for this long are inactive",
        defaults.owner_inactive_days
    );
    let _ = writeln!(
        out,
        "knower_active_days = {}    # people count as knowing code while their last commit is this recent",
        defaults.knower_active_days
    );
    let _ = writeln!(
        out,
        "# fail_under = 60             # scan exits 1 under this overall score\n"
    );
    let _ = writeln!(
        out,
        "# Services not found automatically:\n# [[services]]\n# name = \"payments\"\n# paths = [\"services/payments/**\"]\n# runbook = \"docs/runbooks/payments.md\"\n"
    );
    let _ = writeln!(
        out,
        "# Document kinds pinned by glob:\n[kinds]\n# \"docs/ops/**\" = \"runbook\"\n"
    );
    let _ = writeln!(
        out,
        "# In-house people accountable after the exit:\n[accountability]\n# engineering = \"Jane Doe\"\n# delivery = \"Sam Roe\"\n# security = \"security@example.com\"\n"
    );
    let _ = writeln!(
        out,
        "# Findings set aside until they expire:\n# [[waiver]]\n# check = \"documentation.service_runbooks\"\n# path = \"services/legacy/**\"\n# reason = \"decommissioned in Q1\"\n# expires = 2027-03-31"
    );
    out
}

fn day(time: &Option<String>) -> &str {
    time.as_deref().map_or("?", |t| &t[..t.len().min(10)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starting_config_is_a_valid_config() {
        let org = |name: &str, people, active_people| Organisation {
            name: name.into(),
            role: Role::Unknown,
            people,
            active_people,
            commits: 10,
        };
        let people = People {
            organisations: vec![org("acme.com", 2, 1), org("individuals", 1, 0)],
            people: vec![],
            aliases: vec![AliasSuggestion {
                alias: "jdoe@gmail.com".into(),
                canonical: "jane.doe@acme.com".into(),
                reason: knowledge::AliasReason::SameName,
                why: "same name \"Jane Doe\" as jane.doe@acme.com".into(),
            }],
        };
        let text = starting_config(&people);
        assert!(text.contains("#   @acme.com"), "{text}");
        assert!(text.contains("2 people (1 active)"), "{text}");
        assert!(text.contains("#   (individuals)"), "{text}");
        assert!(text.contains("1 person (0 active); personal addresses"), "{text}");
        assert!(!text.contains("@individuals"), "{text}");
        let line = "# \"jdoe@gmail.com\" = \"jane.doe@acme.com\"  # same name \"Jane Doe\" as jane.doe@acme.com";
        assert!(text.contains(line), "{text}");
        let settings = Settings::parse(Path::new("exitready.toml"), &text).unwrap();
        assert_eq!(settings.thresholds.runbook_max_age_days, 180);
        assert_eq!(settings.thresholds.knower_active_days, 365);
        assert!(settings.identities.aliases.is_empty());
        // Accepting the suggestion and the unknown role gives a valid config too.
        let accepted = text
            .replace(line, &line[2..])
            .replace("# unknown_role = \"internal\"", "unknown_role = \"internal\"");
        let settings = Settings::parse(Path::new("exitready.toml"), &accepted).unwrap();
        assert_eq!(settings.identities.aliases["jdoe@gmail.com"], "jane.doe@acme.com");
        assert_eq!(settings.identities.unknown_role, crate::settings::UnknownRole::Internal);
    }

    #[test]
    fn people_table_is_aligned_and_counts_one_person() {
        let person = |name: &str, email: &str, active| Person {
            name: name.into(),
            email: email.into(),
            organisation: "example.com".into(),
            role: Role::Internal,
            commits: 3,
            first_commit: Some("2024-01-01T00:00:00Z".into()),
            last_commit: Some("2025-01-01T00:00:00Z".into()),
            active,
        };
        let people = People {
            organisations: vec![Organisation {
                name: "example.com".into(),
                role: Role::Internal,
                people: 1,
                active_people: 1,
                commits: 6,
            }],
            people: vec![
                person("Ann", "a.very.long.address.indeed@example.com", true),
                person("Bartholomew", "b@example.com", false),
            ],
            aliases: vec![],
        };
        let text = people_text(&people, false);
        assert!(text.starts_with("2 people (1 active), 6 commits\n"), "{text}");
        assert!(text.contains("internal       6 commits  1 person (1 active)"), "{text}");
        let rows: Vec<&str> = text.lines().filter(|l| l.contains("@example.com")).collect();
        let column = |row: &str, word: &str| row.find(word).unwrap();
        assert_eq!(column(rows[0], "     3  "), column(rows[1], "     3  "));
        assert_eq!(column(rows[0], "active"), column(rows[1], "inactive"));
        assert_eq!(column(rows[0], "2024"), column(rows[1], "2024"));
        assert!(rows[1].contains("inactive  2024-01-01 … 2025-01-01"), "{text}");
    }

    #[test]
    fn hostile_domains_still_give_a_valid_config() {
        let hostile = "ev\u{1b}]0;x\u{7}il.com\n[thresholds]\nfail_under = 500\r\u{202e}";
        let people = People {
            organisations: vec![Organisation {
                name: hostile.into(),
                role: Role::Unknown,
                people: 1,
                active_people: 0,
                commits: 1,
            }],
            people: vec![Person {
                name: "bot".into(),
                email: format!("ci@{hostile}"),
                organisation: hostile.into(),
                role: Role::Bots,
                commits: 1,
                first_commit: None,
                last_commit: None,
                active: false,
            }],
            aliases: Vec::new(),
        };
        let text = starting_config(&people);
        let settings = Settings::parse(Path::new("exitready.toml"), &text).unwrap();
        assert_eq!(settings.thresholds.fail_under, None);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    }
}
