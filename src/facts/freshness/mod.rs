//! Freshness: whether each document is stale or weak, and why (issue 5, DESIGN §4 signals 1–6).
//!
//! Stage: the last step of gathering facts, after documents, services and the history pass.
//! Reads what those stages already produced (parsed documents, the tracked paths at HEAD, the
//! services and their runbooks, the last content change and the content commits of every path,
//! the paths ever seen) plus the report clock, and fills each [`Document`]'s `stale` and
//! `reasons`. It never reads a file, never runs a git query of its own (no per-document
//! `git log`), never reads the wall clock and never follows a link outside the repository or
//! onto the network: external URLs are not checked.
//!
//! Signals, each in its own file: `age`, `drift`, dead references (`links`: `dead_link`,
//! `dead_anchor`, `dead_path`), `review` (`overdue_review`, `front_matter`), `adr`
//! (`adr_status`, `adr_superseded`, `adr_gap`) and `hollow`. A document is `stale` for age, drift, a dead
//! reference or an overdue review; ADR status and hollowness are reasons without staleness.
//! Historical documents (changelogs, licences, postmortems and decided ADRs) are judged neither
//! by age nor by drift, and may cite deleted files. Documents under test/fixture/example folders
//! are not judged at all: they are probably not real documents; nor are templates.

mod adr;
mod age;
mod drift;
mod hollow;
mod links;
mod review;

use std::collections::{HashMap, HashSet};

use globset::GlobSet;

use super::documents::DocKind;
use super::history::HistoryFacts;
use super::inventory::{FileEntry, Inventory};
use super::services::Service;
use super::{Document, Reason};
use crate::settings::Thresholds;

/// The signals that make a document stale; the others are weaknesses only.
pub const STALE_SIGNALS: [&str; 6] = [
    "age",
    "drift",
    "dead_link",
    "dead_anchor",
    "dead_path",
    "overdue_review",
];

/// What the freshness signals read besides the documents themselves.
#[derive(Debug, Clone, Copy)]
pub struct FreshnessInputs<'a> {
    /// The files at HEAD (or on disk for a plain folder), sorted by path.
    pub inventory: &'a Inventory,
    /// The services, with the runbook each maps to.
    pub services: &'a [Service],
    /// The history pass (None for plain folders or when it could not run: no drift, no
    /// code-span check, and ages come from mtime when known).
    pub history: Option<&'a HistoryFacts>,
    /// The age limits and the drift grace.
    pub thresholds: &'a Thresholds,
}

/// Judges every document: fills `stale` and `reasons`. `documents` must be sorted by path (as
/// `facts::gather` builds them) so links can find their target document.
pub fn assess(documents: &mut [Document], inputs: &FreshnessInputs, now: jiff::Timestamp) {
    let tree = Tree::new(inputs.inventory);
    let runbook_of = services_by_runbook(inputs.services);
    let statuses: Vec<Option<adr::Found>> = documents.iter().map(adr::status_of).collect();
    let mut all: Vec<Vec<Reason>> = documents
        .iter()
        .zip(&statuses)
        .map(|(doc, status)| {
            if doc.lookalike.as_ref().is_some_and(|l| l.is_fake()) || is_template(&doc.path) {
                return Vec::new();
            }
            let judged = Judged {
                doc,
                historical: is_historical(doc.kind, status.as_ref()),
                limit: Limit::of(doc.kind, inputs.thresholds),
                now,
            };
            let mut reasons = Vec::new();
            age::check(&judged, &mut reasons);
            let named = links::check(&judged, documents, &tree, inputs.history, &mut reasons);
            review::check(&judged, &mut reasons);
            adr::check(&judged, status.as_ref(), &mut reasons);
            hollow::check(&judged, &mut reasons);
            if let Some(history) = inputs.history
                && !judged.historical
            {
                let services = runbook_of.get(doc.path.as_str()).map_or(&[][..], Vec::as_slice);
                let scope = drift::Scope {
                    tree: &tree,
                    history,
                    services,
                    named: &named,
                    grace_days: inputs.thresholds.drift_grace_days,
                };
                drift::check(&judged, &scope, &mut reasons);
            }
            reasons
        })
        .collect();
    for (index, reason) in adr::gaps(documents) {
        all[index].push(reason);
    }
    for (doc, reasons) in documents.iter_mut().zip(all) {
        doc.stale = reasons.iter().any(|r| STALE_SIGNALS.contains(&r.signal.as_str()));
        doc.reasons = reasons;
    }
}

/// One document being judged, with what every signal needs to know about it.
pub(crate) struct Judged<'a> {
    /// The document.
    pub doc: &'a Document,
    /// A changelog, licence, postmortem or decided ADR: a record of the past.
    pub historical: bool,
    /// Its kind's age limit.
    pub limit: Limit,
    /// The report clock.
    pub now: jiff::Timestamp,
}

impl Judged<'_> {
    /// The last content change, in unix seconds, when known.
    pub fn last_changed(&self) -> Option<i64> {
        self.doc
            .last_changed
            .as_deref()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .map(|t| t.as_second())
    }

    /// Whether `last_changed` comes from git (else from the file's mtime).
    pub fn dated_by_git(&self) -> bool {
        self.doc.last_changed_from.as_deref() == Some("git")
    }
}

/// A kind's age limit, with the words that name it in reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    /// Days.
    pub days: u32,
    /// Whether it is the runbook limit (else the document limit).
    pub runbook: bool,
}

impl Limit {
    /// The limit for a kind: runbooks have their own, every other kind the document one.
    pub fn of(kind: DocKind, thresholds: &Thresholds) -> Limit {
        let runbook = kind == DocKind::Runbook;
        Limit {
            days: if runbook {
                thresholds.runbook_max_age_days
            } else {
                thresholds.doc_max_age_days
            },
            runbook,
        }
    }

    /// "the 180-day limit for runbooks".
    pub fn words(self) -> String {
        let of = if self.runbook { "runbooks" } else { "documents" };
        format!("the {}-day limit for {of}", self.days)
    }
}

/// Issue, pull-request and document templates are forms to fill in, not documents to keep
/// fresh: a folder or file name containing `template` (`.github/ISSUE_TEMPLATE/`,
/// `.gitlab/merge_request_templates/`, `docs/adr/template.md`).
fn is_template(path: &str) -> bool {
    path.to_lowercase().contains("template")
}

/// Records of the past: judged neither by age nor by drift, and allowed to cite deleted files.
fn is_historical(kind: DocKind, status: Option<&adr::Found>) -> bool {
    match kind {
        DocKind::Changelog | DocKind::License | DocKind::Postmortem => true,
        DocKind::Adr => status.and_then(|s| s.status).is_some_and(adr::Status::is_decided),
        _ => false,
    }
}

/// For each runbook path, the services it is the runbook of, with their globs compiled once.
fn services_by_runbook(services: &[Service]) -> HashMap<&str, Vec<(&Service, GlobSet)>> {
    let mut map: HashMap<&str, Vec<(&Service, GlobSet)>> = HashMap::new();
    for service in services {
        if let Some(runbook) = &service.runbook {
            let set = crate::settings::glob_set(&service.paths);
            map.entry(runbook.as_str()).or_default().push((service, set));
        }
    }
    map
}

/// The tracked paths at HEAD, as files and folders, for link and drift checks.
pub(crate) struct Tree<'a> {
    /// Every file, sorted by path.
    files: &'a [FileEntry],
    /// Every folder holding a tracked path (the root excluded).
    dirs: HashSet<&'a str>,
}

impl<'a> Tree<'a> {
    /// Indexes an inventory.
    pub fn new(inventory: &'a Inventory) -> Tree<'a> {
        let mut dirs = HashSet::new();
        for file in &inventory.files {
            let mut path = file.path.as_str();
            while let Some((parent, _)) = path.rsplit_once('/') {
                if !dirs.insert(parent) {
                    break;
                }
                path = parent;
            }
        }
        Tree {
            files: &inventory.files,
            dirs,
        }
    }

    /// A tracked file.
    pub fn file(&self, path: &str) -> Option<&'a FileEntry> {
        let files: &'a [FileEntry] = self.files;
        files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &files[i])
    }

    /// Whether a path is tracked as a file.
    pub fn is_file(&self, path: &str) -> bool {
        self.file(path).is_some()
    }

    /// Whether a path is a folder holding a tracked path (the root, `""`, is one).
    pub fn is_dir(&self, path: &str) -> bool {
        path.is_empty() || self.dirs.contains(path)
    }

    /// Whether a path is a tracked file or folder.
    pub fn exists(&self, path: &str) -> bool {
        self.is_file(path) || self.is_dir(path)
    }

    /// The files under a folder (recursively), in path order; every file for the root.
    pub fn files_under(&self, dir: &str) -> &'a [FileEntry] {
        if dir.is_empty() {
            return self.files;
        }
        let prefix = format!("{dir}/");
        let start = self.files.partition_point(|f| f.path.as_str() < prefix.as_str());
        let len = self.files[start..]
            .iter()
            .take_while(|f| f.path.starts_with(&prefix))
            .count();
        &self.files[start..start + len]
    }
}

/// A reason without path or line.
pub(crate) fn reason(signal: &str, message: String) -> Reason {
    Reason {
        signal: signal.to_string(),
        message,
        path: None,
        line: None,
    }
}

#[cfg(test)]
pub(crate) mod testkit {
    //! Documents built from text, for the unit tests of each signal.
    use super::*;
    use crate::facts::documents::{doc_format, parse};
    use crate::facts::inventory::FileClass;

    /// The report clock of the unit tests: 2026-06-30T00:00:00Z.
    pub fn now() -> jiff::Timestamp {
        "2026-06-30T00:00:00Z".parse().unwrap()
    }

    /// A document of `kind` at `path`, last changed at `changed` (RFC 3339) by git.
    pub fn doc(path: &str, kind: DocKind, text: &str, changed: Option<&str>) -> Document {
        let format = doc_format(path).expect("a document path");
        Document {
            path: path.to_string(),
            kind,
            kind_reason: "test".to_string(),
            parsed: parse(path, format, text),
            last_changed: changed.map(str::to_string),
            last_changed_from: changed.map(|_| "git".to_string()),
            kind_confidence: 1.0,
            kind_signals: Vec::new(),
            lookalike: None,
            sections: Vec::new(),
            stale: false,
            reasons: Vec::new(),
        }
    }

    /// Wraps a document for one signal with the default thresholds.
    pub fn judged(doc: &Document) -> Judged<'_> {
        let thresholds = Thresholds::default();
        Judged {
            doc,
            historical: is_historical(doc.kind, adr::status_of(doc).as_ref()),
            limit: Limit::of(doc.kind, &thresholds),
            now: now(),
        }
    }

    /// An inventory of source files (documents by extension).
    pub fn inventory(paths: &[&str]) -> Inventory {
        let mut files: Vec<FileEntry> = paths
            .iter()
            .map(|p| FileEntry {
                path: p.to_string(),
                size: 1,
                class: if doc_format(p).is_some() {
                    FileClass::Document
                } else if p.ends_with(".lock") {
                    FileClass::Lock
                } else {
                    FileClass::Source
                },
                mtime: None,
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Inventory { files }
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::*;
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn tree_knows_files_and_folders() {
        let inventory = inventory(&["a/b/c.rs", "a/d.md", "e.rs"]);
        let tree = Tree::new(&inventory);
        assert!(tree.is_file("a/b/c.rs") && !tree.is_file("a/b"));
        assert!(tree.is_dir("a") && tree.is_dir("a/b") && tree.is_dir("") && !tree.is_dir("a/b/c.rs"));
        let under: Vec<&str> = tree.files_under("a").iter().map(|f| f.path.as_str()).collect();
        assert_eq!(under, vec!["a/b/c.rs", "a/d.md"]);
        assert_eq!(tree.files_under("a/b").len(), 1);
        assert_eq!(tree.files_under("").len(), 3);
        assert!(tree.files_under("zz").is_empty());
    }

    #[test]
    fn stale_only_for_stale_signals_and_fixtures_and_templates_are_not_judged() {
        let text = "# Run\n\nTODO\n\nSee [x](missing.md).\n";
        let mut docs = vec![
            doc(
                "docs/runbooks/a.md",
                DocKind::Runbook,
                text,
                Some("2026-06-01T00:00:00Z"),
            ),
            doc(
                "tests/fixtures/b.md",
                DocKind::Runbook,
                text,
                Some("2020-01-01T00:00:00Z"),
            ),
            doc(
                ".github/ISSUE_TEMPLATE/bug.md",
                DocKind::Other,
                text,
                Some("2020-01-01T00:00:00Z"),
            ),
        ];
        docs[1].lookalike = Some(crate::facts::documents::Lookalike {
            kind: crate::facts::documents::LookalikeKind::Fixture,
            reason: "under fixtures/".to_string(),
        });
        docs.sort_by(|a, b| a.path.cmp(&b.path));
        let inventory = inventory(&[
            "docs/runbooks/a.md",
            "tests/fixtures/b.md",
            ".github/ISSUE_TEMPLATE/bug.md",
        ]);
        let thresholds = Thresholds::default();
        let inputs = FreshnessInputs {
            inventory: &inventory,
            services: &[],
            history: None,
            thresholds: &thresholds,
        };
        assess(&mut docs, &inputs, now());
        let signals: Vec<&str> = docs[1].reasons.iter().map(|r| r.signal.as_str()).collect();
        assert_eq!(signals, vec!["dead_link", "hollow", "hollow"]);
        assert!(docs[1].stale);
        for skipped in [&docs[0], &docs[2]] {
            assert!(skipped.reasons.is_empty() && !skipped.stale, "{}", skipped.path);
        }
    }

    #[test]
    fn limits_name_their_kind() {
        assert_eq!(
            Limit::of(DocKind::Runbook, &Thresholds::default()).words(),
            "the 180-day limit for runbooks"
        );
        assert_eq!(
            Limit::of(DocKind::Api, &Thresholds::default()).words(),
            "the 365-day limit for documents"
        );
    }
}
