//! What `exitready explain PATH --format json` answers for one file (DESIGN §7): its kind and
//! why, its owners and the rule that decided them, who knows it (DOA), and for documents whether
//! it is stale. `exitready schema explain` prints its JSON Schema.

use super::report::DocumentReason;
use crate::base::doc_kind::DocKind;
use crate::base::file_class::FileClass;
use crate::base::role::Role;

/// What `explain PATH` answers.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct FileExplanation {
    /// Repository-relative path.
    pub path: String,
    /// The repository's name.
    pub repository: String,
    /// The inventory class (`source`, `document`, `vendored`, …).
    pub class: FileClass,
    /// The document kind, for documents.
    pub kind: Option<DocKind>,
    /// Which classification rule fired.
    pub kind_reason: Option<String>,
    /// The document's title.
    pub title: Option<String>,
    /// Owners as written in the ownership file (`[]` when none).
    pub owners: Vec<String>,
    /// The ownership rule that decided them.
    pub ownership_rule: Option<RuleLocation>,
    /// Those who know the file (DOA relative ≥ 0.75 and absolute ≥ 3.293 or creator).
    pub known_by: Vec<Author>,
    /// Everyone who touched the file, with FA, DL, AC and DOA.
    pub authors: Vec<Author>,
    /// Whether the document is stale.
    pub stale: Option<bool>,
    /// Staleness and weakness signals.
    pub reasons: Vec<DocumentReason>,
}

/// Where a file's owners come from.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct RuleLocation {
    /// The ownership file.
    pub file: String,
    /// 1-based line of the rule.
    pub line: u32,
}

/// One author of a file with the degree-of-authorship inputs.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Author {
    /// Display name.
    pub name: String,
    /// Canonical email.
    pub email: String,
    /// Organisation.
    pub organisation: String,
    /// `vendor`, `internal`, `unknown` or `bots`.
    pub role: Role,
    /// Created the file.
    pub fa: bool,
    /// Own changes.
    pub dl: u32,
    /// Others' changes.
    pub ac: u32,
    /// Degree of authorship.
    pub doa: f64,
    /// Whether their last commit is within `thresholds.knower_active_days` of the report clock:
    /// only active people count as knowing for the headline and the in-house figures.
    #[serde(default)]
    pub active: bool,
    /// Their last commit (RFC 3339 UTC), here or in another root scanned together.
    #[serde(default)]
    pub last_commit: Option<String>,
}
