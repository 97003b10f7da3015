//! `exitready.toml`: the user's optional configuration, typed and validated at load time.
//!
//! Every key is optional and documented in the README and in what `exitready init` writes. An
//! unknown key or a wrong type is an error naming file, line and key (see `load`), and globs are
//! compiled here, so that nothing later in the pipeline meets a bad pattern.

use std::collections::BTreeMap;
use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::base::doc_kind::DocKind;
pub use crate::base::role::Role;
use crate::error::{Error, Problem, Result};

/// The file name looked for at the top of each scanned root.
pub const CONFIG_FILE: &str = "exitready.toml";

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Globs of paths left out of every measure (fixtures, examples).
    pub exclude: Vec<String>,
    /// Short form: who is the vendor, who is in-house, which identities are bots.
    pub organisations: Organisations,
    /// Long form, for several vendors: `[[organisation]] name, role, match`.
    pub organisation: Vec<OrganisationEntry>,
    /// Identity merging for repositories whose `.mailmap` you may not edit.
    pub people: People,
    /// Limits used by the checks.
    pub thresholds: Thresholds,
    /// Services declared by hand: `[[services]] name, paths, runbook`.
    pub services: Vec<ServiceDecl>,
    /// Document kinds pinned by glob: `"docs/ops/**" = "runbook"`.
    pub kinds: BTreeMap<String, String>,
    /// Ownership file options.
    pub ownership: OwnershipConfig,
    /// CI gate options.
    pub gate: GateConfig,
    /// Findings set aside until they expire: `[[waiver]] check, path, reason, expires`.
    pub waiver: Vec<Waiver>,
    /// Named in-house people accountable for the system after the exit: role → person.
    pub accountability: BTreeMap<String, String>,
}

/// `[organisations]`: entries are `@domain.tld`, `a@b.c`, or a CODEOWNERS owner (`@org/team`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Organisations {
    /// The outside vendor.
    pub vendor: Vec<String>,
    /// The in-house organisation.
    pub internal: Vec<String>,
    /// Bot identities, `*` the only wildcard, matched against name and email; they extend the
    /// built-in list (dependabot, renovate, github-actions, `*-bot`, …), and `!pattern` keeps a
    /// person that list would catch.
    pub bots: Vec<String>,
    /// How organisations nobody configured count for retained knowledge and the in-house
    /// figures: `unknown` (default: they retain nothing) or `internal` (when everyone not
    /// listed as a vendor works in-house, e.g. staff on personal addresses).
    pub unknown_role: UnknownRole,
}

/// `[organisations] unknown_role`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownRole {
    /// Unconfigured organisations retain no knowledge when a vendor leaves.
    #[default]
    Unknown,
    /// Unconfigured organisations count as in-house.
    Internal,
}

/// One `[[organisation]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationEntry {
    /// Display name.
    pub name: String,
    /// `vendor`, `internal` or `unknown`.
    pub role: Role,
    /// Entries as in `[organisations]`.
    #[serde(rename = "match")]
    pub matchers: Vec<String>,
}

/// `[people]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct People {
    /// Second address → canonical address.
    pub aliases: BTreeMap<String, String>,
    /// CODEOWNERS handle (`@carol`) → email, to tie owners to git identities.
    pub handles: BTreeMap<String, String>,
}

/// `[thresholds]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// A runbook older than this (days since its last content change) is stale.
    pub runbook_max_age_days: u32,
    /// Any other judged document older than this is stale.
    pub doc_max_age_days: u32,
    /// Code changes this many days after its doc do not yet count as drift.
    pub drift_grace_days: u32,
    /// An owner with no commit for this long is inactive.
    pub owner_inactive_days: u32,
    /// A person counts as knowing code only while their last commit is this recent (DESIGN §3
    /// "active and retained").
    pub knower_active_days: u32,
    /// `scan` exits 1 when the overall score is under this; no default bar.
    pub fail_under: Option<f64>,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            runbook_max_age_days: 180,
            doc_max_age_days: 365,
            drift_grace_days: 30,
            owner_inactive_days: 180,
            knower_active_days: 365,
            fail_under: None,
        }
    }
}

/// One `[[services]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceDecl {
    /// The service's name.
    pub name: String,
    /// Globs of the service's code.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Its runbook, repository-relative.
    #[serde(default)]
    pub runbook: Option<String>,
}

/// `[ownership]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OwnershipConfig {
    /// `github` or `gitlab`; detected when absent.
    pub dialect: Option<String>,
}

/// `[gate]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GateConfig {
    /// Services whose changes need no runbook update.
    pub exempt: Vec<String>,
    /// Globs of documentation changes that need no runbook update (replaces the default).
    pub docs: Option<Vec<String>>,
    /// Globs of test changes that need no runbook update (replaces the default).
    pub tests: Option<Vec<String>>,
}

/// One `[[waiver]]`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The check id it applies to.
    pub check: String,
    /// The path (or glob) it applies to; all of the check's findings when absent.
    #[serde(default)]
    pub path: Option<String>,
    /// Why the finding is accepted.
    pub reason: String,
    /// The day it stops applying (`YYYY-MM-DD`).
    pub expires: toml::value::Datetime,
}

impl Config {
    /// Loads a config file, validating every key and compiling every glob.
    pub fn load(path: &Path) -> Result<Config> {
        let config: Config = crate::load::read_toml(path)?;
        config.validate(path)?;
        Ok(config)
    }

    /// Loads `exitready.toml` at the top of `root` when there is one.
    pub fn load_for_root(root: &Path) -> Result<Option<Config>> {
        let path = root.join(CONFIG_FILE);
        if path.is_file() {
            Config::load(&path).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Checks what serde cannot: glob syntax and document kind names.
    fn validate(&self, file: &Path) -> Result<()> {
        let mut problems = Vec::new();
        let mut bad = |key: String, message: String| {
            problems.push(Problem {
                file: file.to_path_buf(),
                line: None,
                column: None,
                key: Some(key),
                message,
            })
        };
        for glob in &self.exclude {
            if let Err(e) = Glob::new(glob) {
                bad("exclude".into(), format!("bad glob `{glob}`: {e}"));
            }
        }
        for (glob, kind) in &self.kinds {
            if let Err(e) = Glob::new(glob) {
                bad(format!("kinds.{glob}"), format!("bad glob: {e}"));
            }
            if kind.parse::<DocKind>().is_err() {
                bad(format!("kinds.{glob}"), format!("unknown document kind `{kind}`"));
            }
        }
        for service in &self.services {
            for glob in &service.paths {
                if let Err(e) = Glob::new(glob) {
                    bad(
                        format!("services.{}.paths", service.name),
                        format!("bad glob `{glob}`: {e}"),
                    );
                }
            }
        }
        for waiver in &self.waiver {
            let key = format!("waiver.{}", waiver.check);
            if let Some(path) = &waiver.path
                && let Err(e) = Glob::new(path)
            {
                bad(format!("{key}.path"), format!("bad glob `{path}`: {e}"));
            }
            if waiver.expires.date.is_none() {
                bad(format!("{key}.expires"), "expected a date (YYYY-MM-DD)".to_string());
            }
        }
        if let Some(dialect) = &self.ownership.dialect
            && dialect != "github"
            && dialect != "gitlab"
        {
            bad(
                "ownership.dialect".into(),
                format!("`{dialect}` is neither `github` nor `gitlab`"),
            );
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid { problems })
        }
    }

    /// The compiled `exclude` globs.
    pub fn exclude_set(&self) -> GlobSet {
        glob_set(&self.exclude)
    }
}

/// Compiles globs already validated at load time (an invalid one is skipped).
pub fn glob_set(globs: &[String]) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        if let Ok(glob) = Glob::new(glob) {
            builder.add(glob);
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        let config: Config = crate::load::parse_toml(Path::new("exitready.toml"), text)?;
        config.validate(Path::new("exitready.toml"))?;
        Ok(config)
    }

    #[test]
    fn design_example_parses() {
        let config = parse(
            r#"
exclude = ["fixtures/**"]
[organisations]
vendor   = ["@acme-outsourcing.com", "@acme-team"]
internal = ["@example.com", "@example/platform"]
bots     = ["renovate*", "*-ci@example.com"]
[people]
aliases = { "carol.v@gmail.com" = "carol@acme-outsourcing.com" }
[thresholds]
runbook_max_age_days = 180
doc_max_age_days     = 365
fail_under           = 60
[[services]]
name = "payments"
paths = ["services/payments/**"]
runbook = "docs/runbooks/payments.md"
[[waiver]]
check = "documentation.handoff_plan"
reason = "written next sprint"
expires = 2027-01-31
"#,
        )
        .unwrap();
        assert_eq!(config.organisations.vendor.len(), 2);
        assert_eq!(config.thresholds.fail_under, Some(60.0));
        assert_eq!(config.thresholds.drift_grace_days, 30);
        assert_eq!(config.thresholds.knower_active_days, 365);
        assert_eq!(config.organisations.unknown_role, UnknownRole::Unknown);
        let internal = parse("[organisations]\nunknown_role = \"internal\"\n[thresholds]\nknower_active_days = 90\n");
        let internal = internal.unwrap();
        assert_eq!(internal.organisations.unknown_role, UnknownRole::Internal);
        assert_eq!(internal.thresholds.knower_active_days, 90);
        assert!(parse("[organisations]\nunknown_role = \"vendor\"\n").is_err());
        assert_eq!(config.services[0].runbook.as_deref(), Some("docs/runbooks/payments.md"));
        assert_eq!(config.waiver[0].expires.to_string(), "2027-01-31");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let Err(Error::Invalid { problems }) =
            parse("[thresholds]\nrunbook_max_age = 3\n[organisations]\nvendor = \"@a.com\"\n")
        else {
            panic!("expected problems")
        };
        let located: Vec<_> = problems.iter().map(|p| (p.line, p.key.as_deref())).collect();
        assert_eq!(
            located,
            vec![(Some(2), Some("thresholds")), (Some(4), Some("organisations"))]
        );
    }

    #[test]
    fn waivers_need_a_valid_glob_and_a_date() {
        let Err(Error::Invalid { problems }) =
            parse("[[waiver]]\ncheck = \"a.b\"\npath = \"x[\"\nreason = \"r\"\nexpires = 10:00:00\n")
        else {
            panic!("expected problems")
        };
        let keys: Vec<_> = problems.iter().map(|p| p.key.as_deref()).collect();
        assert_eq!(keys, vec![Some("waiver.a.b.path"), Some("waiver.a.b.expires")]);
    }

    #[test]
    fn bad_glob_and_kind_are_problems() {
        let Err(Error::Invalid { problems }) = parse("exclude = [\"a[\"]\n[kinds]\n\"docs/**\" = \"recipe\"\n") else {
            panic!("expected problems")
        };
        assert_eq!(problems.len(), 2);
        assert!(problems[1].message.contains("unknown document kind `recipe`"));
    }
}
