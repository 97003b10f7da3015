//! Knowledge figures as data: configured organisations, degree of authorship per file and author,
//! who is active, islands, per-organisation figures, the headline and the quarterly trend
//! (`KnowledgeFacts`).

use std::collections::BTreeMap;

use crate::base::role::Role;

pub use crate::settings::OrgSpec;

/// One author's degree of authorship on one file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuthorDoa {
    /// Index into [`HistoryFacts::identities`].
    pub identity: usize,
    /// First authorship: created (or re-added) the file.
    pub fa: bool,
    /// Deliveries: own modifications and renames.
    pub dl: u32,
    /// Acceptances: everyone else's modifications and renames.
    pub ac: u32,
    /// 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC).
    pub doa: f64,
    /// Counts as knowing the file.
    pub knows: bool,
}

/// What the knowledge figures need besides the history and the source files (DESIGN §3 "active
/// and retained", issue 13).
#[derive(Debug, Clone, PartialEq)]
pub struct KnowledgeOptions {
    /// The report clock: activity is measured back from it.
    pub now: jiff::Timestamp,
    /// An identity is active when its last commit is at most this many days before `now`
    /// (`thresholds.knower_active_days`).
    pub knower_active_days: u32,
    /// Organisations with role `unknown` count as internal (`[organisations] unknown_role =
    /// "internal"`): for retained knowledge, the in-house figures and the trend's in-house shares.
    pub unknown_is_internal: bool,
    /// Last commit (unix seconds) per canonical lowercase email in other roots scanned together:
    /// with several roots, the last commit across all of them counts.
    pub last_commit_elsewhere: BTreeMap<String, i64>,
}

impl KnowledgeOptions {
    /// The defaults (365 days, `unknown` retains nothing, one root) at the clock `now`.
    pub fn at(now: jiff::Timestamp) -> KnowledgeOptions {
        KnowledgeOptions {
            now,
            knower_active_days: 365,
            unknown_is_internal: false,
            last_commit_elsewhere: BTreeMap::new(),
        }
    }
}

/// One identity as the knowledge figures see it (same order as [`HistoryFacts::identities`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IdentityStatus {
    /// Author date of its last commit here or in another root scanned together, RFC 3339 UTC.
    pub last_commit: Option<String>,
    /// Last commit within `knower_active_days` of the report clock (never for bots): only active
    /// people count as knowing for the retained and in-house figures.
    pub active: bool,
    /// Counts as in-house: an `internal` organisation, or `unknown` with `unknown_role = "internal"`.
    pub inhouse: bool,
}

/// A directory mostly lost when some group leaves.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Island {
    /// Repository-relative directory, no trailing `/`.
    pub path: String,
    /// Source files under it (recursively).
    pub files: usize,
    /// Of which lost (no active knower would remain in-house).
    pub orphaned_files: usize,
}

/// Figures for one organisation.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OrgFigures {
    /// Configured name, email domain, "individuals" or "bots".
    pub name: String,
    /// Its role.
    pub role: Role,
    /// Identities in it.
    pub identities: usize,
    /// Their non-merge commits reachable from HEAD.
    pub commits: usize,
    /// Of which active.
    pub active_identities: usize,
    /// Source files at least one of them knows (departed people included).
    pub files_known: usize,
    /// Source files at least one active member knows.
    pub active_files_known: usize,
    /// lost_if_leaves: source files whose active knowers include this organisation and none is
    /// retained (an active knower of an `internal` organisation or of another `vendor`).
    /// Files nobody active knows are not counted: they are lost already.
    pub orphaned_files_if_leaves: usize,
    /// The same as a percentage of all source files, one decimal.
    pub orphaned_percent_if_leaves: f64,
    /// Knowledge islands if it left, largest first.
    pub islands: Vec<Island>,
    /// The lost files, in source-file order.
    pub lost_files: Vec<String>,
}

/// The report's headline for a vendor: what it leaving today would take, beside what is lost
/// already and what in-house people know (issue 13). The report words it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Headline {
    /// The vendor organisation (for `KnowledgeFacts::headline`, every vendor joined with " + ").
    pub organisation: String,
    /// lost_if_leaves: percent of source files whose active knowers include the vendor and none
    /// would be retained, one decimal.
    pub orphaned_percent: f64,
    /// The same as a count.
    pub orphaned_files: usize,
    /// Percent of source files with no active knower at all (the repository's figure).
    pub already_orphaned_percent: f64,
    /// Percent of source files with an active in-house knower (the repository's figure).
    pub inhouse_known_percent: f64,
}

/// One calendar quarter of the trend.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QuarterTrend {
    /// `2024-Q3`.
    pub quarter: String,
    /// Non-merge commits authored in it.
    pub commits: usize,
    /// Share (0–1) of them by vendor identities.
    pub vendor_commits_share: f64,
    /// Share (0–1) of them by internal identities.
    pub inhouse_commits_share: f64,
    /// Share (0–1) of the source files existing by its end that a vendor identity knows.
    pub vendor_known_share: f64,
    /// Share (0–1) of them that an internal identity knows.
    pub inhouse_known_share: f64,
    /// Vendor commits with an internal co-author ÷ vendor commits (`None` without vendor commits).
    pub pairing_rate: Option<f64>,
    /// Transfer burndown: per vendor organisation, its lost_if_leaves at the quarter's end (or at
    /// the report clock when earlier), percent of the source files existing then, one decimal.
    pub lost_if_leaves_percent: BTreeMap<String, f64>,
}

/// All knowledge figures of one repository.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KnowledgeFacts {
    /// People removed before fewer than half of the source files have someone who knows them.
    pub truck_factor: u32,
    /// The identities the greedy removed for `truck_factor`, in order.
    pub truck_authors: Vec<usize>,
    /// The same over active in-house people only (0 when they already know under half the files;
    /// `None` when no organisation counts as internal).
    pub inhouse_truck_factor: Option<u32>,
    /// The active in-house people the greedy removed for `inhouse_truck_factor`, in order.
    pub inhouse_truck_authors: Vec<usize>,
    /// Source files measured.
    pub source_files: usize,
    /// Source files nobody knows even now (no history, or only bots and ignored commits).
    pub unknown_files: usize,
    /// Source files no active person knows (departed knowers only, or none).
    pub already_orphaned_files: usize,
    /// The same as a percentage of source files, one decimal.
    pub already_orphaned_percent: f64,
    /// Source files an active in-house person knows.
    pub inhouse_known_files: usize,
    /// The same as a percentage of source files, one decimal.
    pub inhouse_known_percent: f64,
    /// The activity threshold used (`thresholds.knower_active_days`).
    pub knowers_active_days: u32,
    /// Whether `unknown` organisations counted as internal.
    pub unknown_is_internal: bool,
    /// Per identity: last commit, active, in-house (same order as the history's identities).
    pub identity_status: Vec<IdentityStatus>,
    /// Every organisation (configured ones even without identities), by commits desc then name.
    pub organisations: Vec<OrgFigures>,
    /// Per identity, index into `organisations`.
    pub identity_organisations: Vec<usize>,
    /// Islands if every vendor left at once (empty when no vendor is configured).
    pub islands: Vec<Island>,
    /// Every vendor leaving at once (`None` when no vendor is configured): the `vendor_exit` figure.
    pub headline: Option<Headline>,
    /// One headline per vendor organisation, in configuration order: the report's sentences.
    pub headlines: Vec<Headline>,
    /// Quarterly trend, oldest first.
    pub trend: Vec<QuarterTrend>,
    /// Per source file, its authors by DOA descending (empty for files without history).
    pub files: BTreeMap<String, Vec<AuthorDoa>>,
}
