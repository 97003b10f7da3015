//! Knowledge figures as data: configured organisations, degree of authorship per file and author,
//! islands, per-organisation figures, the headline and the quarterly trend (`KnowledgeFacts`).

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

/// A directory mostly orphaned when some group leaves.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Island {
    /// Repository-relative directory, no trailing `/`.
    pub path: String,
    /// Source files under it (recursively).
    pub files: usize,
    /// Of which nobody left knows.
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
    /// Source files at least one of them knows.
    pub files_known: usize,
    /// Source files nobody would know if the whole organisation left (files nobody knows now
    /// included).
    pub orphaned_files_if_leaves: usize,
    /// The same as a percentage of all source files, one decimal.
    pub orphaned_percent_if_leaves: f64,
    /// Knowledge islands if it left, largest first.
    pub islands: Vec<Island>,
}

/// The report's headline: if this organisation left, this share would be orphaned.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Headline {
    /// The vendor(s), joined with " + ", or the largest organisation.
    pub organisation: String,
    /// Percent of source files, one decimal.
    pub orphaned_percent: f64,
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
}

/// All knowledge figures of one repository.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KnowledgeFacts {
    /// People removed before fewer than half of the source files have someone who knows them.
    pub truck_factor: u32,
    /// The identities the greedy removed for `truck_factor`, in order.
    pub truck_authors: Vec<usize>,
    /// The same among non-vendor people (`None` when no internal organisation is configured).
    pub inhouse_truck_factor: Option<u32>,
    /// Source files measured.
    pub source_files: usize,
    /// Source files nobody knows even now (no history, or only bots and ignored commits).
    pub unknown_files: usize,
    /// Every organisation (configured ones even without identities), by commits desc then name.
    pub organisations: Vec<OrgFigures>,
    /// Per identity, index into `organisations`.
    pub identity_organisations: Vec<usize>,
    /// Islands if every vendor left at once (empty when no vendor is configured).
    pub islands: Vec<Island>,
    /// The headline figure, when there is an organisation to name.
    pub headline: Option<Headline>,
    /// Quarterly trend, oldest first.
    pub trend: Vec<QuarterTrend>,
    /// Per source file, its authors by DOA descending (empty for files without history).
    pub files: BTreeMap<String, Vec<AuthorDoa>>,
}
