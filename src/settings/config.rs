//! `exitready.toml` as written: the raw, serde-typed form of the user's optional configuration.
//!
//! Every key is optional and documented in the README and in what `exitready init` writes. An
//! unknown key or a wrong type is an error naming file, line and key (`load::parse_toml`).
//! Values whose checks serde cannot do (globs, kind names, dates) keep their place in the file
//! (`Spanned`), so that `resolved` can name the line of a bad one; nothing outside `settings/`
//! reads this raw form.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

pub use crate::base::role::Role;

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Globs of paths left out of every measure (fixtures, examples).
    pub exclude: Vec<Spanned<String>>,
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
    pub kinds: BTreeMap<String, Spanned<String>>,
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

/// `[thresholds]`, each range-checked when the file is read (`settings::resolved`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// A runbook older than this (days since its last content change) is stale (1 to 36,500).
    pub runbook_max_age_days: u32,
    /// Any other judged document older than this is stale (1 to 36,500).
    pub doc_max_age_days: u32,
    /// Code changes this many days after its doc do not yet count as drift (0 to 36,500).
    pub drift_grace_days: u32,
    /// An owner with no commit for this long is inactive (1 to 36,500).
    pub owner_inactive_days: u32,
    /// A person counts as knowing code only while their last commit is this recent (DESIGN §3
    /// "active and retained"; read by the knowledge facts, `people` and the plan).
    pub knower_active_days: u32,
    /// `scan` exits 1 when the overall score is under this (0 to 100); no default bar.
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
    pub paths: Vec<Spanned<String>>,
    /// Its runbook, repository-relative.
    #[serde(default)]
    pub runbook: Option<String>,
}

/// `[ownership]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OwnershipConfig {
    /// `github` or `gitlab`; detected when absent.
    pub dialect: Option<Dialect>,
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

/// The CODEOWNERS dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// GitHub: gitignore-like patterns, last match wins, no sections.
    Github,
    /// GitLab: sections, default owners, exclusions, union across sections.
    Gitlab,
}

/// One `[[waiver]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The check id it applies to.
    pub check: String,
    /// The path (or glob) it applies to; all of the check's findings when absent.
    #[serde(default)]
    pub path: Option<Spanned<String>>,
    /// Why the finding is accepted.
    pub reason: String,
    /// The day it stops applying (`YYYY-MM-DD`).
    pub expires: Spanned<toml::value::Datetime>,
}
