//! `exitready people` and `exitready init`: the identities found in history, grouped by
//! organisation, and a starting `exitready.toml` built from them for the user to mark who is
//! the vendor and who is in-house.

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use crate::base::text;
use crate::cli::{GlobalArgs, InitArgs, PeopleArgs, PeopleFormat};
use crate::discover::{self, RootKind};
use crate::error::{Error, Result};
use crate::facts::history::{self, HistoryFacts};
use crate::facts::knowledge::{self, Role};
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
    Ok((group(&history, &settings), history))
}

fn group(history: &HistoryFacts, settings: &Settings) -> People {
    let specs = &settings.identities.organisations;
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
                org.commits += person.commits;
            }
            None => organisations.push(Organisation {
                name: person.organisation.clone(),
                role: person.role,
                people: 1,
                commits: person.commits,
            }),
        }
    }
    organisations.sort_by(|a, b| b.commits.cmp(&a.commits).then(a.name.cmp(&b.name)));
    People { organisations, people }
}

/// Runs `exitready people`.
pub fn run_people(global: &GlobalArgs, args: PeopleArgs) -> Result<Outcome> {
    let (people, history) = people(global, &args.path)?;
    match args.format {
        PeopleFormat::Json => super::output::stdout(&crate::report::render::json(&people)?)?,
        PeopleFormat::Text => {
            let mut out = String::new();
            let total: usize = people.people.iter().map(|p| p.commits).sum();
            let _ = writeln!(
                out,
                "{} people, {} commits{}",
                people.people.len(),
                total,
                if history.partial_history {
                    " (partial history)"
                } else {
                    ""
                }
            );
            let _ = writeln!(out, "\nOrganisations:");
            for org in &people.organisations {
                let _ = writeln!(
                    out,
                    "  {:<40} {:>8} {:>6} commits  {} people",
                    org.name,
                    org.role.as_str(),
                    org.commits,
                    org.people
                );
            }
            let _ = writeln!(out, "\nPeople:");
            for p in &people.people {
                let span = format!("{} … {}", day(&p.first_commit), day(&p.last_commit));
                let _ = writeln!(
                    out,
                    "  {:<28} {:<36} {:<28} {:>6}  {span}",
                    p.name, p.email, p.organisation, p.commits
                );
            }
            // Names, emails and domains are the repository's: made terminal-safe as written.
            super::output::stdout(&text::terminal(&out))?;
        }
    }
    Ok(Outcome::Done)
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
        let _ = writeln!(
            out,
            "#   @{:<40} {:>7} commits, {} people",
            text::one_line(&org.name),
            org.commits,
            org.people
        );
    }
    let _ = writeln!(out, "vendor = []\ninternal = []");
    let bots: Vec<&str> = people
        .people
        .iter()
        .filter(|p| p.role == Role::Bots)
        .map(|p| p.email.as_str())
        .collect();
    let _ = writeln!(
        out,
        "# Bots detected by name ({}); add patterns (`*` is the only wildcard).",
        if bots.is_empty() {
            "none".to_string()
        } else {
            text::one_line(&bots.join(", ")).into_owned()
        }
    );
    let _ = writeln!(out, "bots = []\n");
    let _ = writeln!(
        out,
        "[people]\n# Second addresses of one person: \"second@address\" = \"canonical@address\".\naliases = {{}}\n# CODEOWNERS handles to git emails: \"@handle\" = \"email\".\nhandles = {{}}\n"
    );
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
        let people = People {
            organisations: vec![Organisation {
                name: "acme.com".into(),
                role: Role::Unknown,
                people: 2,
                commits: 10,
            }],
            people: vec![],
        };
        let text = starting_config(&people);
        assert!(text.contains("#   @acme.com"));
        let settings = Settings::parse(Path::new("exitready.toml"), &text).unwrap();
        assert_eq!(settings.thresholds.runbook_max_age_days, 180);
    }

    #[test]
    fn hostile_domains_still_give_a_valid_config() {
        let hostile = "ev\u{1b}]0;x\u{7}il.com\n[thresholds]\nfail_under = 500\r\u{202e}";
        let people = People {
            organisations: vec![Organisation {
                name: hostile.into(),
                role: Role::Unknown,
                people: 1,
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
            }],
        };
        let text = starting_config(&people);
        let settings = Settings::parse(Path::new("exitready.toml"), &text).unwrap();
        assert_eq!(settings.thresholds.fail_under, None);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    }
}
