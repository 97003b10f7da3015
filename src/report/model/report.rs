//! The `Report` itself: scores, checks, and per repository its documents, services, ownership,
//! knowledge and in-flight work.

use std::collections::BTreeMap;

use crate::base::file_class::FileClass;
use crate::checks::score::Score;
use crate::checks::{Evidence, Status};
use crate::discover::RootKind;

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
    /// The headline: what would be lost if the vendor left today, one sentence per vendor
    /// organisation joined in one string (`null` without a configured vendor or history).
    #[serde(default)]
    pub headline: Option<String>,
    /// The same sentences, one per vendor organisation (over every repository scanned).
    #[serde(default)]
    pub headlines: Vec<String>,
    /// Warnings per kind (`unreadable`: 3), for the one-line-per-kind summary.
    pub warning_counts: BTreeMap<String, usize>,
    /// Per regulatory control the checks give evidence for, in the controls table's order.
    #[serde(default)]
    pub controls: Vec<ControlReport>,
    /// Every `[[waiver]]` in force or expired, with what it set aside (DESIGN §2).
    #[serde(default)]
    pub waivers: Vec<crate::checks::waivers::WaiverReport>,
    /// What changed since the baseline report (`scan --baseline OLD.json`).
    #[serde(default)]
    pub baseline: Option<super::comparison::Comparison>,
    /// Repositories that could not be scanned (`scan --recursive`), the others were.
    #[serde(default)]
    pub failed: Vec<FailedRoot>,
    /// Estate figures, when the report merges several reports (`exitready merge`).
    #[serde(default)]
    pub estate: Option<super::estate::Estate>,
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
    /// Ids of the regulatory controls the item gives supporting evidence for (`controls[]`).
    #[serde(default)]
    pub controls: Vec<String>,
}

/// One regulatory control and the checks that give supporting evidence for it (issue 14). It
/// supports an auditor; it is no legal opinion.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ControlReport {
    /// Stable id (`DORA-28.8.transition`).
    pub id: String,
    /// The regulation, guideline or standard.
    pub framework: String,
    /// Article, paragraph or control number.
    pub reference: String,
    /// Short title.
    pub title: String,
    /// Where the official text is.
    pub source: String,
    /// How much of its text was verified when the mapping was written (`verbatim`, `partial`,
    /// `secondary`, `statement`).
    pub verification: String,
    /// The worst status of its checks (skipped ones left out unless all are).
    pub status: Status,
    /// The checks that give evidence for it, in checklist order.
    pub checks: Vec<ControlCheck>,
}

/// A check as evidence for a control.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ControlCheck {
    /// The check id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: Status,
    /// Its reason, one sentence with the figures.
    pub reason: String,
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
    /// The knowledge-transfer plan: per vendor island and service at risk, most urgent first.
    #[serde(default)]
    pub plan: Vec<PlanArea>,
    /// Problems met while scanning it.
    pub warnings: Vec<WarningReport>,
    /// The `origin` remote's URL, credentials removed.
    #[serde(default)]
    pub remote_url: Option<String>,
    /// The repository's page on a known web host (GitHub, GitLab, Bitbucket), for file links.
    #[serde(default)]
    pub web_url: Option<String>,
    /// What ties the systems to the vendor, and rebuild readiness (issue 14); secret values are
    /// never in it, only names and redacted prefixes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_inventory: Option<crate::facts::exit::ExitInventory>,
    /// Open tickets (from `--tickets` exports) assigned to the vendor or to nobody.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tickets: Option<crate::facts::tickets::TicketFacts>,
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
    pub reasons: Vec<DocumentReason>,
}

/// Why a document is judged stale or weak: one signal with its evidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct DocumentReason {
    /// `age`, `drift`, `dead_link`, `dead_anchor`, `dead_path`, `overdue_review`,
    /// `front_matter`, `adr_status`, `adr_open`, `adr_superseded`, `adr_gap` or `hollow`.
    pub signal: String,
    /// One sentence with the figures.
    pub message: String,
    /// The path the evidence points to (the dead target, the drifting code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The line in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// A problem met while scanning, that did not stop the scan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct WarningReport {
    /// A short kind (`unreadable`, `invalid_utf8`, `shallow`, …), counted in the summary.
    pub kind: String,
    /// The repository-relative path concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The 1-based line concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
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
    /// The same among active in-house people only (`null` without an internal organisation
    /// configured).
    pub inhouse_truck_factor: Option<u32>,
    /// Share of source files no active person knows (knowledge gone already, whoever leaves),
    /// 0–100, one decimal.
    #[serde(default)]
    pub already_orphaned_percent: f64,
    /// Share of source files an active in-house person knows, 0–100, one decimal.
    #[serde(default)]
    pub inhouse_known_percent: f64,
    /// A knower is active when their last commit is within this many days of the report clock
    /// (`thresholds.knower_active_days`).
    #[serde(default)]
    pub knowers_active_days: u32,
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
    /// Source files someone of it knows (departed people included).
    pub files_known: usize,
    /// lost_if_leaves: share of source files whose active knowers include it and none would be
    /// retained (an active knower in-house or at another, staying vendor), 0–100.
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
    /// Transfer burndown: per vendor organisation, its lost_if_leaves at the quarter's end, 0–100.
    #[serde(default)]
    pub lost_if_leaves_percent: BTreeMap<String, f64>,
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

/// One area of the knowledge-transfer plan (`exitready plan`, DESIGN §3): a vendor island or a
/// service whose code would have no active in-house knower if the vendor left.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct PlanArea {
    /// `island` or `service`.
    pub kind: String,
    /// The island's folder or the service's name.
    pub name: String,
    /// The folder the area is measured from (`""` for the top of the repository).
    pub path: String,
    /// The vendor organisation whose leaving loses it.
    pub organisation: String,
    /// Its source files.
    pub source_files: usize,
    /// The source files that would have no active in-house knower, in path order.
    pub files_at_risk: Vec<String>,
    /// Commits on its source files within `knowers_active_days`.
    pub recent_commits: usize,
    /// Files at risk × (1 + recent commits): the plan's order.
    pub priority: usize,
    /// The active vendor people who know the files at risk, most files first.
    pub vendor_knowers: Vec<PlanPerson>,
    /// The active in-house people best placed to take it over, best first.
    pub successors: Vec<PlanPerson>,
    /// The documents that cover it (under its folder, or the service's runbook), with whether
    /// each is stale.
    pub documents: Vec<PlanDocument>,
}

/// A person named in the plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct PlanPerson {
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Their last commit (RFC 3339 UTC).
    pub last_commit: Option<String>,
    /// Why this person, in one line.
    pub why: String,
}

/// A document covering an area of the plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct PlanDocument {
    /// Repository-relative path.
    pub path: String,
    /// Its kind.
    pub kind: String,
    /// Whether it is stale.
    pub stale: bool,
}

/// One service as reported: what made it a service, its runbook, its owners and who knows its
/// code.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ServiceReport {
    /// Its name: catalog-info `metadata.name`, the config's, the folder's (the repository's for the root).
    pub name: String,
    /// Its folder, repository-relative (`.` for the root).
    pub path: String,
    /// Globs of its code.
    pub paths: Vec<String>,
    /// What made it a service (`Dockerfile`, `config`, …).
    pub found_by: String,
    /// Its runbook, when one maps to it.
    pub runbook: Option<String>,
    /// How the runbook was mapped (`declared`, `in the service folder`, `names the service`).
    pub runbook_reason: Option<String>,
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
