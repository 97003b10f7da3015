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
use crate::facts::{Document, Warning};

/// The report's major schema version.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Clone, serde::Serialize)]
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
    /// Warnings per kind (`unreadable`: 3), for the one-line-per-kind summary.
    pub warning_counts: BTreeMap<String, usize>,
}

/// The tool's name and version.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, serde::Serialize)]
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
#[derive(Debug, Clone, serde::Serialize)]
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
#[derive(Debug, Clone, serde::Serialize)]
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
    pub documents: Vec<Document>,
    /// Every service with its runbook.
    pub services: Vec<Service>,
    /// Problems met while scanning it.
    pub warnings: Vec<Warning>,
}
