//! Signal 2, drift: the code a document covers kept changing after the document last did.
//!
//! Covered code, in this order (a later scope inside an earlier one is not counted twice): the
//! services the document is the runbook of (their path globs); the folder the document sits in
//! (recursively), unless that is the repository root, a docs folder by name, or a folder with
//! under one source file per four documents (a docs site's source); and the paths it names
//! (live link targets and code spans). Only source files count: documents, lock files,
//! vendored and generated files do not. A commit counts when it changed such a file's content
//! more than `drift_grace_days` after the document's last content change, and is neither by a
//! bot nor listed in `.git-blame-ignore-revs`. Reads `path_commits` of the history pass: no git
//! query of its own. Only for documents dated by git.

use std::collections::HashSet;

use super::{Judged, Reason, Tree};
use crate::base::dates::{DAY, day};
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
    /// Days of grace after the document's change.
    pub grace_days: u32,
}

/// Adds one `drift` reason per covered scope that changed after the document.
pub(crate) fn check(judged: &Judged, scope: &Scope, reasons: &mut Vec<Reason>) {
    if !judged.dated_by_git() {
        return;
    }
    let Some(changed) = judged.last_changed() else {
        return;
    };
    let cutoff = changed + i64::from(scope.grace_days) * DAY;
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
    if let Some((dir, _)) = judged.doc.path.rsplit_once('/')
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
    for (path, label, files) in areas {
        let mut commits: HashSet<usize> = HashSet::new();
        for file in files.iter().filter(|f| f.class == FileClass::Source) {
            let Some(list) = scope.history.path_commits.get(&file.path) else {
                continue;
            };
            for &index in list.iter().rev() {
                let commit = &scope.history.commits[index];
                if commit.time > cutoff
                    && !commit.ignored
                    && !scope.history.identities.get(commit.author).is_some_and(|i| i.is_bot)
                {
                    commits.insert(index);
                }
            }
        }
        let Some(latest) = commits.iter().map(|&i| scope.history.commits[i].time).max() else {
            continue;
        };
        let days = (latest - changed).div_euclid(DAY);
        reasons.push(Reason {
            path: Some(path),
            ..super::reason(
                "drift",
                format!(
                    "{label} had {} non-bot commit(s) more than {} days after this document last changed on {}; the latest on {}, {days} days after it",
                    commits.len(),
                    scope.grace_days,
                    day(changed),
                    day(latest),
                ),
            )
        });
    }
}

/// Whether a path has a docs folder among its segments.
fn in_doc_dir(path: &str) -> bool {
    path.split('/').any(|s| DOC_DIRS.contains(&s.to_lowercase().as_str()))
}

/// Whether `path` is `dir` or inside it (`.` and `""` are the root).
fn within(path: &str, dir: &str) -> bool {
    dir.is_empty() || dir == "." || path == dir || path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{doc, inventory, judged};
    use super::*;
    use crate::facts::documents::DocKind;
    use crate::facts::history::{CommitRecord, Identity};
    use pretty_assertions::assert_eq;

    const T0: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

    fn history(commits: &[(i64, usize, bool, &[&str])]) -> HistoryFacts {
        let mut facts = HistoryFacts {
            identities: vec![
                Identity {
                    name: "Dev".into(),
                    email: "dev@x".into(),
                    is_bot: false,
                    commits: 0,
                    co_authored: 0,
                    first_commit: None,
                    last_commit: None,
                },
                Identity {
                    name: "bot".into(),
                    email: "bot@x".into(),
                    is_bot: true,
                    commits: 0,
                    co_authored: 0,
                    first_commit: None,
                    last_commit: None,
                },
            ],
            ..HistoryFacts::default()
        };
        for (i, (day_offset, author, ignored, paths)) in commits.iter().enumerate() {
            facts.commits.push(CommitRecord {
                id: format!("{i}"),
                author: *author,
                time: T0 + day_offset * DAY,
                co_authors: vec![],
                ignored: *ignored,
                changes: vec![],
            });
            for p in *paths {
                facts.path_commits.entry(p.to_string()).or_default().push(i);
            }
        }
        facts
    }

    fn run(path: &str, named: &[&str], services: &[&Service], facts: &HistoryFacts) -> Vec<String> {
        let inventory = inventory(&[
            "svc/pay/main.go",
            "svc/pay/go.sum.lock",
            "svc/pay/README.md",
            "svc/pay/runbook.md",
            "lib/util.go",
            "docs/runbooks/pay.md",
            "docs/conf.py",
        ]);
        let tree = Tree::new(&inventory);
        let named: Vec<String> = named.iter().map(|s| s.to_string()).collect();
        let d = doc(path, DocKind::Runbook, "# R\n", Some("2026-01-01T00:00:00Z"));
        let scope = Scope {
            tree: &tree,
            history: facts,
            services,
            named: &named,
            grace_days: 30,
        };
        let mut reasons = Vec::new();
        check(&judged(&d), &scope, &mut reasons);
        reasons
            .into_iter()
            .map(|r| format!("[{}] {}", r.path.unwrap(), r.message))
            .collect()
    }

    #[test]
    fn code_beside_the_doc_changed_after_the_grace() {
        let facts = history(&[
            (10, 0, false, &["svc/pay/main.go"]),                // within the grace: not counted
            (40, 0, false, &["svc/pay/main.go"]),                // counted
            (50, 1, false, &["svc/pay/main.go"]),                // a bot: not counted
            (60, 0, true, &["svc/pay/main.go"]),                 // ignored revision: not counted
            (70, 0, false, &["svc/pay/go.sum.lock"]),            // lock file: not counted
            (80, 0, false, &["svc/pay/README.md"]),              // a document: not counted
            (90, 0, false, &["svc/pay/main.go", "lib/util.go"]), // counted once in svc/pay
        ]);
        assert_eq!(
            run("svc/pay/runbook.md", &[], &[], &facts),
            vec![
                "[svc/pay] svc/pay/ had 2 non-bot commit(s) more than 30 days after this document last changed on 2026-01-01; the latest on 2026-04-01, 90 days after it"
            ]
        );
        // The paths it names count too; a docs folder does not.
        assert_eq!(
            run(
                "docs/runbooks/pay.md",
                &["lib/util.go", "docs/conf.py", "docs"],
                &[],
                &facts
            ),
            vec![
                "[lib/util.go] lib/util.go had 1 non-bot commit(s) more than 30 days after this document last changed on 2026-01-01; the latest on 2026-04-01, 90 days after it"
            ]
        );
    }

    #[test]
    fn the_service_of_a_runbook_and_no_drift_for_a_quiet_service() {
        let service = Service {
            name: "pay".into(),
            path: "svc/pay".into(),
            paths: vec!["svc/pay/**".into()],
            matcher: crate::settings::Globs::new(&["svc/pay/**"]).unwrap(),
            found_by: "Dockerfile".into(),
            runbook: Some("docs/runbooks/pay.md".into()),
            runbook_reason: None,
        };
        let services = [&service];
        let facts = history(&[(45, 0, false, &["svc/pay/main.go"])]);
        assert_eq!(
            run("docs/runbooks/pay.md", &["svc/pay/main.go"], &services, &facts),
            vec![
                "[svc/pay] service pay (svc/pay) had 1 non-bot commit(s) more than 30 days after this document last changed on 2026-01-01; the latest on 2026-02-15, 45 days after it"
            ]
        );
        let quiet = history(&[(5, 0, false, &["svc/pay/main.go"])]);
        assert!(run("docs/runbooks/pay.md", &[], &services, &quiet).is_empty());
    }
}
