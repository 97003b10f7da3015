//! Freshness measurements (issue 5, DESIGN §4 signals 1–6): what can be measured of each
//! document without a limit or a clock.
//!
//! Stage: the last step of gathering facts, after documents, services and the history pass.
//! Reads what those stages already produced (parsed documents, the tracked paths at HEAD, the
//! services and their runbooks, the last content change and the content commits of every path,
//! the paths ever seen) and fills each [`Document`]'s [`Measures`]: dead references (`links`),
//! stated reviews and unreadable front matter (`review`), ADR statuses and numbering gaps
//! (`adr`), and the commits on covered code after the document's last change (`drift`). It
//! never reads a file, never runs a git query of its own (no per-document `git log`), never
//! reads the clock or a threshold, and never follows a link outside the repository or onto the
//! network: external URLs are not checked. `checks::staleness` judges the measurements.
//!
//! Documents under test/fixture/example folders and templates are not measured: they are
//! probably not real documents.

mod adr;
mod drift;
mod links;
pub mod measures;
mod review;
mod tree;

pub use measures::{AdrState, AdrStatus, DriftScope, Measures, Review, ReviewDue};
pub use review::add_days;

use std::collections::HashMap;

use super::document::Document;
use super::documents::DocKind;
use super::history::HistoryFacts;
use super::inventory::Inventory;
use super::services::Service;
use tree::Tree;

/// What the measurements read besides the documents themselves.
#[derive(Debug, Clone, Copy)]
pub struct FreshnessInputs<'a> {
    /// The files at HEAD (or on disk for a plain folder), sorted by path.
    pub inventory: &'a Inventory,
    /// The services, with the runbook each maps to.
    pub services: &'a [Service],
    /// The history pass (None for plain folders or when it could not run: no drift, no
    /// code-span check).
    pub history: Option<&'a HistoryFacts>,
}

/// Measures every document: fills `measures`. `documents` must be sorted by path (as
/// `facts::gather` builds them) so links can find their target document.
pub fn measure(documents: &mut [Document], inputs: &FreshnessInputs) {
    let tree = Tree::new(inputs.inventory);
    let runbook_of = services_by_runbook(inputs.services);
    let mut all: Vec<Measures> = documents
        .iter()
        .map(|doc| {
            if doc.lookalike.as_ref().is_some_and(|l| l.is_fake()) || is_template(&doc.path) {
                return Measures::default();
            }
            let adr = adr::status_of(doc);
            let historical = is_historical(doc.kind, adr.as_ref());
            let (named, dead_references) = links::check(doc, documents, &tree, inputs.history);
            let (review, front_matter) = review::stated(doc);
            let drift = match inputs.history {
                Some(history) if !historical => {
                    let services = runbook_of.get(doc.path.as_str()).map_or(&[][..], Vec::as_slice);
                    let scope = drift::Scope {
                        tree: &tree,
                        history,
                        services,
                        named: &named,
                    };
                    drift::scopes(doc, &scope)
                }
                _ => Vec::new(),
            };
            Measures {
                judged: true,
                historical,
                dead_references,
                front_matter,
                review,
                adr: adr.filter(|_| !adr::is_template(&doc.path)),
                adr_gap: None,
                drift,
            }
        })
        .collect();
    for (index, reason) in adr::gaps(documents) {
        all[index].adr_gap = Some(reason);
    }
    for (doc, measures) in documents.iter_mut().zip(all) {
        doc.measures = measures;
    }
}

/// Issue, pull-request and document templates are forms to fill in, not documents to keep
/// fresh: a folder or file name containing `template` (`.github/ISSUE_TEMPLATE/`,
/// `.gitlab/merge_request_templates/`, `docs/adr/template.md`).
fn is_template(path: &str) -> bool {
    path.to_lowercase().contains("template")
}

/// Records of the past: judged neither by age nor by drift, and allowed to cite deleted files.
fn is_historical(kind: DocKind, status: Option<&AdrStatus>) -> bool {
    match kind {
        DocKind::Changelog | DocKind::License | DocKind::Postmortem => true,
        DocKind::Adr => status.and_then(|s| s.state).is_some_and(AdrState::is_decided),
        _ => false,
    }
}

/// For each runbook path, the services it is the runbook of.
fn services_by_runbook(services: &[Service]) -> HashMap<&str, Vec<&Service>> {
    let mut map: HashMap<&str, Vec<&Service>> = HashMap::new();
    for service in services {
        if let Some(runbook) = &service.runbook {
            map.entry(runbook.as_str()).or_default().push(service);
        }
    }
    map
}

#[cfg(test)]
pub(crate) mod testkit {
    //! Documents built from text and measured, for the unit tests of each signal (here and in
    //! `checks::staleness`).
    use super::*;
    use crate::facts::documents::{doc_format, parse};
    use crate::facts::inventory::{FileClass, FileEntry};

    /// The report clock of the unit tests: 2026-06-30T00:00:00Z.
    pub fn now() -> jiff::Timestamp {
        "2026-06-30T00:00:00Z".parse().unwrap()
    }

    /// A document of `kind` at `path`, last changed at `changed` (RFC 3339) by git, not measured.
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
            measures: Measures::default(),
        }
    }

    /// The same document, measured alone (no history, no other document).
    pub fn measured(mut doc: Document) -> Document {
        let inventory = inventory(&[doc.path.as_str()]);
        let inputs = FreshnessInputs {
            inventory: &inventory,
            services: &[],
            history: None,
        };
        measure(std::slice::from_mut(&mut doc), &inputs);
        doc
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

    #[test]
    fn fixtures_and_templates_are_not_measured() {
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
        let inputs = FreshnessInputs {
            inventory: &inventory,
            services: &[],
            history: None,
        };
        measure(&mut docs, &inputs);
        let judged: Vec<(&str, bool, usize)> = docs
            .iter()
            .map(|d| (d.path.as_str(), d.measures.judged, d.measures.dead_references.len()))
            .collect();
        assert_eq!(
            judged,
            vec![
                (".github/ISSUE_TEMPLATE/bug.md", false, 0),
                ("docs/runbooks/a.md", true, 1),
                ("tests/fixtures/b.md", false, 0),
            ]
        );
    }
}
