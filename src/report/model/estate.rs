//! Estate figures of a merged report (`exitready merge`): part of the report model.

/// Estate figures of a merged report.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Estate {
    /// The merged report files, in command-line order.
    pub merged_from: Vec<String>,
    /// Source files across every repository (the weights of the estate scores).
    pub source_files: usize,
    /// Organisations across repositories, by commits.
    pub organisations: Vec<EstateOrganisation>,
}

/// One organisation across the estate.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct EstateOrganisation {
    /// Its name.
    pub name: String,
    /// `vendor`, `internal`, `unknown` or `bots`.
    pub role: String,
    /// Repositories where it has commits.
    pub repositories: usize,
    /// Its commits across the estate.
    pub commits: usize,
    /// Source files someone of it knows, across the estate.
    pub files_known: usize,
    /// Source files nobody would know if it left, across the estate.
    pub orphaned_files_if_leaves: usize,
    /// The same as a share of every measured source file, 0–100.
    pub orphaned_percent_if_leaves: f64,
}
