//! The `Report` model: the JSON output, the context of every template, and (later) the input of
//! `diff`, `merge` and `signoff`.
//!
//! Wire contract (DESIGN §7): `schema_version` is a major number; additive changes keep it and
//! readers accept any report of the same major. Names are snake_case, arrays keep a stable order
//! (checks in checklist order, repositories in command-line order, documents by path), dates
//! are RFC 3339 UTC and commit ids full, so two scans of the same commit give the same JSON.

use std::collections::BTreeMap;

use crate::checks::score::Score;
use crate::checks::{Evidence, Status};
use crate::discover::RootKind;
use crate::facts::inventory::FileClass;
use crate::facts::services::Service;
use crate::facts::{Reason, Warning};

/// The report's major schema version.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Report {
    /// Major schema version.
    pub schema_version: u32,
    /// The tool that wrote it.
    pub tool: Tool,
    /// When the scan ran (or `--now`).
    pub generated_at: String,
    /// The checklists evaluated, in order.
    pub checklists: Vec<String>,
    /// Overall and per-category scores.
    pub score: Score,
    /// Every checklist item's result, in checklist order.
    pub checks: Vec<CheckResult>,
    /// Every scanned root, in command-line order.
    pub repositories: Vec<RepositoryReport>,
    /// The headline sentence: what would be lost if the vendor left today (when history was read).
    #[serde(default)]
    pub headline: Option<String>,
    /// Warnings per kind (`unreadable`: 3), for the one-line-per-kind summary.
    pub warning_counts: BTreeMap<String, usize>,
    /// Every `[[waiver]]` in force or expired, with what it set aside (DESIGN §2).
    #[serde(default)]
    pub waivers: Vec<crate::checks::waivers::WaiverReport>,
    /// What changed since the baseline report (`scan --baseline OLD.json`).
    #[serde(default)]
    pub baseline: Option<super::compare::Comparison>,
    /// Repositories that could not be scanned (`scan --recursive`), the others were.
    #[serde(default)]
    pub failed: Vec<FailedRoot>,
    /// Estate figures, when the report merges several reports (`exitready merge`).
    #[serde(default)]
    pub estate: Option<super::merge::Estate>,
}

/// A repository found but not scanned.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct FailedRoot {
    /// Its path.
    pub path: String,
    /// Why it could not be scanned.
    pub message: String,
}

/// The tool's name and version.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Tool {
    /// Always `exitready`.
    pub name: String,
    /// The crate version.
    pub version: String,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "exitready".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// One checklist item's result over every repository.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct CheckResult {
    /// `category.rule`, as written in the checklist.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Score category.
    pub category: String,
    /// The rule kind evaluated.
    pub rule: String,
    /// The worst status across repositories.
    pub status: Status,
    /// 0..1, the mean over repositories where it was evaluated.
    pub score: f64,
    /// Weight within the category.
    pub weight: f64,
    /// Whether partial credit is refused.
    pub required: bool,
    /// One sentence with the figures.
    pub reason: String,
    /// Why the item matters.
    pub why: String,
    /// What to do (shown when not passing).
    pub remediation: String,
    /// Evidence, naming the repository when there are several.
    pub evidence: Vec<Evidence>,
}

/// A check's result on one repository.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct RepositoryCheck {
    /// The item id.
    pub id: String,
    /// Status on this repository.
    pub status: Status,
    /// Score on this repository.
    pub score: f64,
    /// Reason on this repository.
    pub reason: String,
}

/// One scanned root.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct RepositoryReport {
    /// Display name.
    pub name: String,
    /// Absolute path as scanned.
    pub path: String,
    /// Work tree, bare repository or plain folder.
    pub kind: RootKind,
    /// HEAD's full commit id.
    pub head: Option<String>,
    /// HEAD's branch.
    pub branch: Option<String>,
    /// Whether the history read is incomplete (shallow clone, `--since`, corrupt objects, or none).
    pub partial_history: bool,
    /// This repository's own scores.
    pub score: Score,
    /// This repository's check results.
    pub checks: Vec<RepositoryCheck>,
    /// File counts per class.
    pub inventory: BTreeMap<FileClass, usize>,
    /// Every document.
    pub documents: Vec<DocumentReport>,
    /// Every service with its runbook, owners and who knows its code.
    pub services: Vec<ServiceReport>,
    /// Ownership measures, when ownership facts were gathered.
    #[serde(default)]
    pub ownership: Option<OwnershipReport>,
    /// Knowledge figures, when history was read.
    #[serde(default)]
    pub knowledge: Option<KnowledgeReport>,
    /// Branches whose tip is not reachable from HEAD.
    #[serde(default)]
    pub in_flight: Vec<InFlight>,
    /// Problems met while scanning it.
    pub warnings: Vec<Warning>,
    /// The `origin` remote's URL, credentials removed.
    #[serde(default)]
    pub remote_url: Option<String>,
    /// The repository's page on a known web host (GitHub, GitLab, Bitbucket), for file links.
    #[serde(default)]
    pub web_url: Option<String>,
}

/// One document as reported.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct DocumentReport {
    /// Repository-relative path.
    pub path: String,
    /// Its kind (`runbook`, `adr`, …).
    pub kind: String,
    /// Which classification rule fired.
    pub kind_reason: String,
    /// How sure the classifier is of the kind, 0 to 1, two decimals (issue 12; absent in
    /// reports written before it).
    #[serde(default = "one")]
    pub kind_confidence: f64,
    /// Whether checks count it: false for templates, fixtures, index pages and stubs.
    #[serde(default = "yes")]
    pub counted: bool,
    /// Why it is not counted ("template: …", "fixture: …", "index page: …", "stub: …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_counted: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Last content change (RFC 3339 UTC).
    pub last_changed: Option<String>,
    /// `git` or `mtime`.
    pub last_changed_from: Option<String>,
    /// Whether a staleness signal fired.
    pub stale: bool,
    /// Every signal, with evidence.
    pub reasons: Vec<Reason>,
}

/// Ownership measures of a repository (DESIGN §7).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct OwnershipReport {
    /// The ownership files read.
    pub sources: Vec<String>,
    /// 100 × files with at least one owner ÷ all tracked files.
    pub coverage_percent: f64,
    /// The same, not counting files owned only through a catch-all rule.
    pub specific_coverage_percent: f64,
    /// Files with no owner (explicitly unowned included).
    pub unowned_files: usize,
    /// Files a rule with no owners marks as explicitly unowned.
    pub explicitly_unowned_files: usize,
    /// Unowned paths, collapsed to folders where a whole folder is unowned.
    pub unowned_paths: Vec<String>,
    /// Problems in the ownership files.
    pub errors: Vec<LocatedMessage>,
    /// Rules that match no tracked file.
    pub dead_rules: Vec<RuleRef>,
}

/// A message at a place in a file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct LocatedMessage {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// A rule in an ownership file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct RuleRef {
    /// The ownership file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The pattern as written.
    pub pattern: String,
}

/// Who knows the code (DESIGN §3, §7).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct KnowledgeReport {
    /// Source files measured.
    pub source_files: usize,
    /// Authors to remove before half the source files have nobody who knows them.
    pub truck_factor: u32,
    /// The same among in-house people only (`null` without an internal organisation configured).
    pub inhouse_truck_factor: Option<u32>,
    /// Per organisation, by commits.
    pub organisations: Vec<OrganisationReport>,
    /// Folders left mostly orphaned if the vendor(s) leave, largest first.
    pub islands: Vec<Island>,
    /// Per calendar quarter.
    pub trend: Vec<QuarterTrend>,
}

/// One organisation's figures.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct OrganisationReport {
    /// Its name.
    pub name: String,
    /// `vendor`, `internal`, `unknown` or `bots`.
    pub role: String,
    /// Non-merge commits by its identities.
    pub commits: usize,
    /// Its share of all non-merge commits, 0–100.
    #[serde(default)]
    pub commit_percent: f64,
    /// Whether reports list it: 5 % or more of commits, or configured as vendor or internal.
    #[serde(default)]
    pub listed: bool,
    /// Source files someone of it knows.
    pub files_known: usize,
    /// Share of source files nobody would know if it left, 0–100.
    pub orphaned_percent_if_leaves: f64,
}

/// A knowledge island.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Island {
    /// The folder.
    pub path: String,
    /// Its source files.
    pub files: usize,
    /// Of which orphaned.
    pub orphaned_files: usize,
}

/// One calendar quarter of the trend.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct QuarterTrend {
    /// `2026-Q3`.
    pub quarter: String,
    /// Non-merge commits in the quarter.
    pub commits: usize,
    /// Vendor share of commits, 0–1.
    pub vendor_commit_share: f64,
    /// In-house share of commits, 0–1.
    pub inhouse_commit_share: f64,
    /// Share of source files (at quarter end) a vendor identity knows, 0–1.
    pub vendor_known_share: f64,
    /// Share known in-house, 0–1.
    pub inhouse_known_share: f64,
    /// Vendor commits with an in-house co-author ÷ vendor commits (`null` without vendor commits).
    pub pairing_rate: Option<f64>,
}

/// A branch whose tip is not reachable from HEAD.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct InFlight {
    /// Branch name (`origin/feature-x` for remote branches).
    pub branch: String,
    /// Author of its last commit.
    pub last_author: String,
    /// That author's organisation role.
    pub role: String,
    /// Full id of its last commit.
    pub last_commit: String,
    /// Date of its last commit (RFC 3339 UTC).
    pub last_commit_date: String,
    /// Commits on it not reachable from HEAD.
    pub commits_ahead: usize,
}

/// One service as reported: the service, its owners and who knows its code.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ServiceReport {
    /// The service (name, path, paths, found_by, runbook, runbook_reason).
    #[serde(flatten)]
    pub service: Service,
    /// Owners of its files as written in the ownership files, most files first.
    #[serde(default)]
    pub owners: Vec<String>,
    /// Its source files.
    #[serde(default)]
    pub source_files: usize,
    /// Per organisation, how many of its source files someone there knows (most first).
    #[serde(default)]
    pub known_by: Vec<OrganisationKnowledge>,
}

/// How much of a service one organisation knows.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct OrganisationKnowledge {
    /// The organisation.
    pub organisation: String,
    /// Its role.
    pub role: String,
    /// Source files of the service someone of it knows.
    pub files_known: usize,
}

/// Serde default of `DocumentReport::kind_confidence` (reports written before issue 12).
fn one() -> f64 {
    1.0
}

/// Serde default of `DocumentReport::counted` (reports written before issue 12).
fn yes() -> bool {
    true
}
