//! Gathering facts: everything exitready knows about one root, as plain serialisable data.
//!
//! Facts carry no judgement (no pass, no fail, no score): the checks in `checks/` read them.
//! Each sub-module gathers one kind of fact; `gather` runs them in order for one root, reading
//! each file at most once and never writing anything.

pub mod changes;
pub mod documents;
pub mod inventory;
pub mod named;
pub mod services;

use std::path::PathBuf;

use globset::{Glob, GlobSet};

use crate::discover::{Root, RootKind};
use crate::error::Result;
use crate::settings::Config;
use documents::{DocKind, KindPin, ParsedDoc};
use inventory::{FileClass, Inventory, Snapshot};

/// A problem met while gathering, that did not stop the scan (the report says what is partial).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Warning {
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

impl Warning {
    /// A warning about a path (or the whole root).
    pub fn new(kind: &str, path: Option<&str>, message: &str) -> Warning {
        Warning {
            kind: kind.to_string(),
            path: path.map(str::to_string),
            line: None,
            message: message.to_string(),
        }
    }

    /// A warning about one line of a file.
    pub fn at(kind: &str, path: &str, line: usize, message: &str) -> Warning {
        Warning {
            line: Some(line),
            ..Warning::new(kind, Some(path), message)
        }
    }
}

/// Why a document is judged stale or weak: one signal with its evidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Reason {
    /// `age`, `drift`, `dead_link`, `overdue_review`, `adr_status`, `hollow`, …
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

/// One document with its kind and what was parsed from it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Document {
    /// Repository-relative path.
    pub path: String,
    /// Its kind.
    pub kind: DocKind,
    /// Which classification rule fired.
    pub kind_reason: String,
    /// What the parser found: title, headings, front matter, links…
    #[serde(flatten)]
    pub parsed: ParsedDoc,
    /// Last content change (RFC 3339), from git, or from mtime for plain folders.
    pub last_changed: Option<String>,
    /// `git` or `mtime`: where `last_changed` comes from.
    pub last_changed_from: Option<String>,
    /// Whether any staleness signal fired.
    pub stale: bool,
    /// Every staleness or weakness signal, with evidence.
    pub reasons: Vec<Reason>,
}

/// Everything known about one root.
#[derive(Debug)]
pub struct RepoFacts {
    /// The root.
    pub root: Root,
    /// HEAD's full commit id (repositories only).
    pub head: Option<String>,
    /// The branch HEAD is on.
    pub branch: Option<String>,
    /// The files.
    pub inventory: Inventory,
    /// The documents, by path.
    pub documents: Vec<Document>,
    /// The services found or declared.
    pub services: Vec<services::Service>,
    /// Named people for accountable roles, from docs and config.
    pub named_roles: Vec<named::NamedRole>,
    /// Problems that did not stop the scan.
    pub warnings: Vec<Warning>,
    /// The changed range of a CI run (`exitready gate`); `None` for a scan.
    pub changes: Option<changes::ChangedRange>,
}

impl RepoFacts {
    /// The documents of a kind.
    pub fn documents_of(&self, kind: DocKind) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.kind == kind)
    }

    /// A document by path.
    pub fn document(&self, path: &str) -> Option<&Document> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.documents[i])
    }
}

/// Everything `gather` needs besides the root.
#[derive(Debug, Clone, Default)]
pub struct GatherOptions {
    /// The config in force for this root.
    pub config: Config,
    /// Where the config came from, for messages.
    pub config_path: Option<PathBuf>,
}

/// Gathers the facts of one root.
pub fn gather(root: &Root, options: &GatherOptions) -> Result<RepoFacts> {
    let mut warnings = Vec::new();
    let mut snapshot = Snapshot::open(root)?;
    let exclude: GlobSet = options.config.exclude_set();
    let inventory = inventory::gather(&mut snapshot, &exclude, &mut warnings);
    let pins = kind_pins(&options.config);
    let mut documents = Vec::new();
    let mut named_roles = named::from_config(&options.config);
    for file in inventory.files.iter().filter(|f| f.class == FileClass::Document) {
        let Some(format) = documents::doc_format(&file.path) else {
            continue;
        };
        let Some(text) = snapshot.read_text(&file.path, &mut warnings) else {
            continue;
        };
        let parsed = documents::parse(&file.path, format, &text);
        let class = documents::classify(&file.path, &parsed, &pins);
        named_roles.extend(named::from_document(&file.path, &text));
        documents.push(Document {
            path: file.path.clone(),
            kind: class.kind,
            kind_reason: class.reason,
            parsed,
            last_changed: file.mtime.and_then(rfc3339),
            last_changed_from: file.mtime.map(|_| "mtime".to_string()),
            stale: false,
            reasons: Vec::new(),
        });
    }
    let services = services::gather(&snapshot, &inventory, &documents, &options.config, &mut warnings);
    warnings.sort();
    warnings.dedup();
    Ok(RepoFacts {
        head: snapshot.head.map(|h| h.to_string()),
        branch: snapshot.branch.clone(),
        root: root.clone(),
        inventory,
        documents,
        services,
        named_roles,
        warnings,
        changes: None,
    })
}

/// Unix seconds as RFC 3339 UTC.
pub fn rfc3339(seconds: i64) -> Option<String> {
    jiff::Timestamp::from_second(seconds)
        .ok()
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn kind_pins(config: &Config) -> Vec<KindPin> {
    config
        .kinds
        .iter()
        .filter_map(|(glob, kind)| {
            Some(KindPin {
                glob: Glob::new(glob).ok()?.compile_matcher(),
                kind: kind.parse().ok()?,
            })
        })
        .collect()
}

/// Whether a root has git history to read.
pub fn has_history(root: &Root) -> bool {
    root.kind != RootKind::Folder
}
