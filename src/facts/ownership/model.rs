//! Ownership facts as data: ownership files read (`OwnershipSource`) with their rules and errors,
//! every tracked file's owners and deciding rule, dead rules and the summary figures.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Ownership files of this many bytes or more are not loaded.
pub const MAX_FILE_BYTES: usize = 3 * 1024 * 1024;
/// At most this many entries in [`OwnershipSummary::unowned_paths`].
pub const MAX_UNOWNED_PATHS: usize = 50;

pub use crate::settings::Dialect;

/// Options from the `[ownership]` table of the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnershipOptions {
    /// `dialect = "github" | "gitlab"`; `None` detects it from the file's place and content.
    pub dialect: Option<Dialect>,
}

/// The kind of an ownership file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A CODEOWNERS file.
    Codeowners,
    /// A Kubernetes or Chromium `OWNERS` file.
    Owners,
    /// A Kubernetes `OWNERS_ALIASES` file.
    OwnersAliases,
    /// A Backstage `catalog-info.yaml`.
    CatalogInfo,
    /// A `MAINTAINERS` file.
    Maintainers,
}

/// One rule of an ownership file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnershipRule {
    /// 1-based line of the rule.
    pub line: u32,
    /// The pattern as written (CODEOWNERS; GitLab exclusions keep their `!`), or the scope of
    /// an OWNERS / catalog file (`dir/`, `/` for the root), or `dir/GLOB` for `per-file`.
    pub pattern: String,
    /// Owners as written, deduplicated, in order (GitLab: section defaults when the line has none).
    pub owners: Vec<String>,
    /// Kubernetes OWNERS reviewers (recorded, not owning).
    pub reviewers: Vec<String>,
    /// The GitLab section's name as first written; `None` outside sections.
    pub section: Option<String>,
    /// A GitLab `!pattern` exclusion.
    pub exclusion: bool,
    /// The rule matches every tracked file (by its shape, or in fact).
    pub catch_all: bool,
    /// How many tracked files this rule decided.
    pub decided_files: usize,
}

impl OwnershipRule {
    /// A rule with no section, not an exclusion, nothing decided yet.
    pub(crate) fn new(line: u32, pattern: &str, owners: Vec<String>) -> Self {
        OwnershipRule {
            line,
            pattern: pattern.to_string(),
            owners,
            reviewers: Vec::new(),
            section: None,
            exclusion: false,
            catch_all: false,
            decided_files: 0,
        }
    }
}

/// A GitLab CODEOWNERS section header (same-name headers merged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeownersSection {
    /// The name as first written.
    pub name: String,
    /// Line of the first header.
    pub line: u32,
    /// `^[Name]`: optional (only if every header of that name is).
    pub optional: bool,
    /// `[Name][N]`: approvals required.
    pub approvals: Option<u32>,
    /// Default owners written on the headers.
    pub default_owners: Vec<String>,
}

/// One ownership file found among the tracked files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnershipSource {
    /// Repository-relative path.
    pub path: String,
    /// What kind of ownership file it is.
    pub kind: SourceKind,
    /// CODEOWNERS only: the dialect it was read in.
    pub dialect: Option<Dialect>,
    /// Whether it takes part in resolution (a CODEOWNERS file other than the first found is not).
    pub active: bool,
    /// Rules in file order.
    pub rules: Vec<OwnershipRule>,
    /// GitLab sections in order of first appearance.
    pub sections: Vec<CodeownersSection>,
    /// OWNERS: `no_parent_owners` / `set noparent`.
    pub no_parent: bool,
    /// OWNERS_ALIASES: alias → members, sorted by alias.
    pub aliases: BTreeMap<String, Vec<String>>,
    /// MAINTAINERS: people as written, in file order.
    pub people: Vec<String>,
    /// Why the file was not read (over the size limit, unreadable): its rules are unknown, so
    /// the coverage it would give cannot be measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unread: Option<String>,
}

impl OwnershipSource {
    pub(crate) fn new(path: &str, kind: SourceKind) -> Self {
        OwnershipSource {
            path: path.to_string(),
            kind,
            dialect: None,
            active: true,
            rules: Vec::new(),
            sections: Vec::new(),
            no_parent: false,
            aliases: BTreeMap::new(),
            people: Vec::new(),
            unread: None,
        }
    }
}

/// A problem in an ownership file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OwnershipError {
    /// Repository-relative path of the file.
    pub path: String,
    /// 1-based line; 0 when the error concerns the whole file.
    pub line: u32,
    /// 1-based character column, when known.
    pub column: Option<u32>,
    /// What is wrong, and what was done about it.
    pub message: String,
}

/// Builds an [`OwnershipError`].
pub(crate) fn err(path: &str, line: u32, column: Option<u32>, message: String) -> OwnershipError {
    OwnershipError {
        path: path.to_string(),
        line,
        column,
        message,
    }
}

/// A reference to one rule: file, line and pattern (or scope).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RuleRef {
    /// Repository-relative path of the ownership file.
    pub file: String,
    /// 1-based line of the rule.
    pub line: u32,
    /// The rule's pattern or scope, as in [`OwnershipRule::pattern`].
    pub pattern: String,
}

/// The resolved ownership of one tracked file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileOwnership {
    /// Owners as written, deduplicated, in order of the deciding rules.
    pub owners: Vec<String>,
    /// The deciding rule (GitLab: the first section's rule that gave owners).
    pub rule: Option<RuleRef>,
    /// Every deciding rule (GitLab: one per matching section), in section order.
    pub rules: Vec<RuleRef>,
    /// The kind of file that decided.
    pub source: Option<SourceKind>,
    /// A CODEOWNERS rule matched but gave no owners (pattern without owners, GitLab exclusion).
    pub explicitly_unowned: bool,
    /// Owned only through catch-all rules (`*`, `**`, a rule matching every file, a root OWNERS).
    pub catch_all: bool,
}

/// Everything gathered about ownership in one repository.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OwnershipFacts {
    /// Ownership files: CODEOWNERS (in effect first), OWNERS, OWNERS_ALIASES, catalog-info,
    /// MAINTAINERS; by path within each kind.
    pub sources: Vec<OwnershipSource>,
    /// Problems, sorted by path, line, column.
    pub errors: Vec<OwnershipError>,
    /// CODEOWNERS rules that match no tracked file, in file order.
    pub dead_rules: Vec<RuleRef>,
    /// One entry per tracked file, in the order of the tracked list.
    pub files: Vec<FileOwnership>,
    /// People listed in MAINTAINERS files, deduplicated, in file order.
    pub maintainers: Vec<String>,
}

/// The §7 ownership measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnershipSummary {
    /// 100 × files with at least one owner ÷ tracked files (0 when nothing is tracked), 2 decimals.
    pub coverage_percent: f64,
    /// The same, leaving out files owned only through catch-all rules.
    pub specific_coverage_percent: f64,
    /// Files without an owner (explicitly unowned included).
    pub unowned_files: usize,
    /// Files a CODEOWNERS rule explicitly left without owners.
    pub explicitly_unowned_files: usize,
    /// Unowned paths, collapsed to `dir/` where a whole directory is unowned; sorted, at most 50.
    pub unowned_paths: Vec<String>,
    /// How many collapsed unowned paths there are in all (before the cut at 50).
    pub unowned_paths_total: usize,
    /// As [`OwnershipFacts::errors`].
    pub errors: Vec<OwnershipError>,
    /// As [`OwnershipFacts::dead_rules`].
    pub dead_rules: Vec<RuleRef>,
}

/// The directory of a repository-relative path ("" at the root).
pub(crate) fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}
