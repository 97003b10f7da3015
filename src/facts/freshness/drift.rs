//! Signal 2, drift: the code a document covers kept changing after the document last did.
//!
//! Covered code, in this order (a later scope inside an earlier one is not counted twice): the
//! services the document is the runbook of (their path globs); the folder the document sits in
//! (recursively), unless that is the repository root, a docs folder by name, or a folder with
//! under one source file per four documents (a docs site's source); and the paths it names
//! (live link targets and code spans). Only source files count: documents, lock files,
//! vendored and generated files do not. A commit is measured when it changed such a file's
//! content after the document's last content change, and is neither by a bot nor listed in
//! `.git-blame-ignore-revs`; `checks::staleness` applies `drift_grace_days`. Reads
//! `path_commits` of the history pass: no git query of its own. Only for documents dated by git.

use std::collections::HashSet;

use super::measures::DriftScope;
use super::tree::Tree;
use crate::facts::document::Document;
use crate::facts::history::HistoryFacts;
use crate::facts::inventory::{FileClass, FileEntry};
use crate::facts::services::Service;

/// Folder names that hold documentation, not code: a doc there covers no folder of code.
const DOC_DIRS: [&str; 12] = [
    "docs",
    "doc",
    "documentation",
    "wiki",
    "runbooks",
    "runbook",
    "playbooks",
    "adr",
    "adrs",
    "decisions",
    "rfcs",
    "postmortems",
];

/// What drift reads besides the document.
pub(crate) struct Scope<'a> {
    /// The tracked files.
    pub tree: &'a Tree<'a>,
    /// The history pass.
    pub history: &'a HistoryFacts,
    /// The services this document is the runbook of.
    pub services: &'a [&'a Service],
    /// Live paths the document names.
    pub named: &'a [String],
}

/// The scopes of code a document covers, each with the content commits on it after the
/// document's last change (scopes without any are left out).
pub(crate) fn scopes(doc: &Document, scope: &Scope) -> Vec<DriftScope> {
    if !doc.dated_by_git() {
        return Vec::new();
    }
    let Some(changed) = doc.last_changed_second() else {
        return Vec::new();
    };
    let mut covered: Vec<String> = Vec::new();
    let mut areas: Vec<(String, String, Vec<&FileEntry>)> = Vec::new();
    for service in scope.services {
        let files = scope
            .tree
            .files_under("")
            .iter()
            .filter(|f| service.contains(&f.path))
            .collect();
        areas.push((
            service.path.clone(),
            format!("service {} ({})", service.name, service.path),
            files,
        ));
        covered.push(service.path.clone());
    }
    if let Some((dir, _)) = doc.path.rsplit_once('/')
        && !in_doc_dir(dir)
        && !covered.iter().any(|c| within(dir, c))
    {
        let files = scope.tree.files_under(dir);
        // A folder of documents with a few templates is a docs site's source, not code
        // (GOV.UK's `source/`): under one source file per four documents.
        let docs = files.iter().filter(|f| f.class == FileClass::Document).count();
        let code = files.iter().filter(|f| f.class == FileClass::Source).count();
        if code * 4 > docs {
            areas.push((dir.to_string(), format!("{dir}/"), files.iter().collect()));
            covered.push(dir.to_string());
        }
    }
    for path in scope.named {
        if covered.iter().any(|c| within(path, c)) || in_doc_dir(path) {
            continue;
        }
        let (files, label): (Vec<&FileEntry>, String) = match scope.tree.file(path) {
            Some(file) => (vec![file], path.clone()),
            None => (scope.tree.files_under(path).iter().collect(), format!("{path}/")),
        };
        areas.push((path.clone(), label, files));
        covered.push(path.clone());
    }
    let mut measured = Vec::new();
    for (path, label, files) in areas {
        let mut commits: HashSet<usize> = HashSet::new();
        for file in files.iter().filter(|f| f.class == FileClass::Source) {
            let Some(list) = scope.history.path_commits.get(&file.path) else {
                continue;
            };
            for &index in list.iter().rev() {
                let commit = &scope.history.commits[index];
                if commit.time > changed
                    && !commit.ignored
                    && !scope.history.identities.get(commit.author).is_some_and(|i| i.is_bot)
                {
                    commits.insert(index);
                }
            }
        }
        if commits.is_empty() {
            continue;
        }
        let mut commit_times: Vec<i64> = commits.iter().map(|&i| scope.history.commits[i].time).collect();
        commit_times.sort_unstable();
        measured.push(DriftScope {
            path,
            label,
            commit_times,
        });
    }
    measured
}

/// Whether a path has a docs folder among its segments.
fn in_doc_dir(path: &str) -> bool {
    path.split('/').any(|s| DOC_DIRS.contains(&s.to_lowercase().as_str()))
}

/// Whether `path` is `dir` or inside it (`.` and `""` are the root).
fn within(path: &str, dir: &str) -> bool {
    dir.is_empty() || dir == "." || path == dir || path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
}
