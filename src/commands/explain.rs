//! `exitready explain PATH | CHECK-ID`: why a file got its kind (and, as later stages add them,
//! its owners, who knows it and whether it is stale), or why a check got its result.
//!
//! For a path, exitready finds the enclosing work tree and gathers that repository's facts
//! itself; a path git does not track exits 2. A check is evaluated on `--repo`, else on the
//! current folder, which must then be a git repository (outside one, the error says to give
//! `--repo`); an unknown check id lists the valid ones, closest first.

use std::path::{Path, PathBuf};

use crate::checks::checklist;
use crate::cli::{ExplainArgs, ExplainFormat, GlobalArgs};
use crate::discover::{self, Root, RootKind};
use crate::error::{Error, Result};
use crate::facts::{self, GatherOptions};
use crate::report::build::{Scanned, build};
use crate::report::explain::{check_text, file_text};
use crate::report::model::{Author, CheckResult, FileExplanation, RuleLocation};

use super::common::Outcome;

/// Runs the command.
pub fn run(global: &GlobalArgs, args: ExplainArgs) -> Result<Outcome> {
    let as_path = PathBuf::from(&args.target);
    let text = if as_path.exists() {
        let explanation = explain_path(global, &as_path)?;
        match args.format {
            ExplainFormat::Json => crate::report::render::json(&explanation)?,
            ExplainFormat::Text => file_text(&explanation),
        }
    } else if looks_like_check_id(&args.target) {
        let check = explain_check(global, &args)?;
        match args.format {
            ExplainFormat::Json => crate::report::render::json(&check)?,
            ExplainFormat::Text => check_text(&check),
        }
    } else {
        let checklist = checklist::load(&args.checklists)?;
        let ids: Vec<&str> = checklist.items.iter().map(|i| i.id.as_str()).collect();
        let near: Vec<&str> = closest(&args.target, &ids)
            .into_iter()
            .filter(|id| edit_distance(id, &args.target) <= 3)
            .take(3)
            .collect();
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", near.join(" or "))
        };
        return Err(Error::Input {
            path: as_path,
            message: format!("neither an existing file nor a check id (category.rule){hint}"),
        });
    };
    super::output::stdout(&text)?;
    Ok(Outcome::Done)
}

/// `ids` sorted by edit distance to `target`, ties in their order.
fn closest<'a>(target: &str, ids: &[&'a str]) -> Vec<&'a str> {
    let mut sorted: Vec<(usize, usize, &str)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (edit_distance(target, id), i, *id))
        .collect();
    sorted.sort();
    sorted.into_iter().map(|(_, _, id)| id).collect()
}

/// The Levenshtein distance between two strings, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

fn looks_like_check_id(target: &str) -> bool {
    target.split_once('.').is_some_and(|(category, rule)| {
        checklist::CATEGORIES.contains(&category) && !rule.is_empty() && !rule.contains('/')
    })
}

/// Finds the work tree holding `path` and its repository-relative form.
fn locate(path: &Path) -> Result<(Root, String)> {
    let absolute = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    let repo = git2::Repository::discover(&absolute).map_err(|_| Error::Input {
        path: path.to_path_buf(),
        message: "not inside a git work tree".to_string(),
    })?;
    let workdir = repo.workdir().ok_or_else(|| Error::Input {
        path: path.to_path_buf(),
        message: "inside a bare repository".to_string(),
    })?;
    let workdir = std::fs::canonicalize(workdir).map_err(|e| Error::io(workdir, e))?;
    let relative = absolute
        .strip_prefix(&workdir)
        .map_err(|_| Error::Internal("path outside its work tree".to_string()))?;
    let relative = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let root = discover::discover(&[workdir])?.remove(0);
    debug_assert_ne!(root.kind, RootKind::Folder);
    Ok((root, relative))
}

fn explain_path(global: &GlobalArgs, path: &Path) -> Result<FileExplanation> {
    let (root, relative) = locate(path)?;
    let shared = super::common::shared_settings(global)?;
    let settings = super::common::settings_for(shared.as_ref(), &root)?;
    let now = super::common::now(global)?;
    let options = GatherOptions {
        settings,
        now,
        ..GatherOptions::default()
    };
    let facts = facts::gather(&root, &options)?;
    let class = facts.inventory.class_of(&relative).ok_or_else(|| Error::Input {
        path: path.to_path_buf(),
        message: format!(
            "not tracked at HEAD in {} (exitready judges the committed state)",
            root.name
        ),
    })?;
    let document = facts.document(&relative);
    let verdict = document.map(|d| crate::checks::staleness::judge(d, &options.settings.thresholds, now));
    let ownership = facts
        .ownership
        .as_ref()
        .and_then(|o| o.owners_of(&facts.tracked, &relative));
    let authors = authors_of(&facts, &relative);
    Ok(FileExplanation {
        owners: ownership.map(|o| o.owners.clone()).unwrap_or_default(),
        ownership_rule: ownership.and_then(|o| o.rule.as_ref()).map(|r| RuleLocation {
            file: r.file.clone(),
            line: r.line,
        }),
        known_by: authors
            .iter()
            .filter(|(_, knows)| *knows)
            .map(|(a, _)| a.clone())
            .collect(),
        authors: authors.into_iter().map(|(a, _)| a).collect(),
        repository: root.name.clone(),
        class,
        kind: document.map(|d| d.kind),
        kind_reason: document.map(|d| d.kind_reason.clone()),
        title: document.and_then(|d| d.parsed.title.clone()),
        stale: verdict.as_ref().map(|v| v.stale),
        reasons: verdict
            .iter()
            .flat_map(|v| crate::report::build::document_reasons(&v.reasons))
            .collect(),
        path: relative,
    })
}

/// The authors of a source file from the knowledge figures, each with whether they know it.
fn authors_of(facts: &crate::facts::RepoFacts, path: &str) -> Vec<(Author, bool)> {
    let (Some(history), Some(knowledge)) = (&facts.history, &facts.knowledge) else {
        return Vec::new();
    };
    let Some(doas) = knowledge.files.get(path) else {
        return Vec::new();
    };
    doas.iter()
        .map(|d| {
            let person = &history.identities[d.identity];
            let org = knowledge
                .identity_organisations
                .get(d.identity)
                .and_then(|o| knowledge.organisations.get(*o));
            let author = Author {
                name: person.name.clone(),
                email: person.email.clone(),
                organisation: org.map_or_else(String::new, |o| o.name.clone()),
                role: org.map_or(crate::facts::knowledge::Role::Unknown, |o| o.role),
                fa: d.fa,
                dl: d.dl,
                ac: d.ac,
                doa: (d.doa * 1000.0).round() / 1000.0,
                active: knowledge.identity_status.get(d.identity).is_some_and(|s| s.active),
                last_commit: knowledge
                    .identity_status
                    .get(d.identity)
                    .and_then(|s| s.last_commit.clone()),
            };
            (author, d.knows)
        })
        .collect()
}

fn explain_check(global: &GlobalArgs, args: &ExplainArgs) -> Result<CheckResult> {
    let now = super::common::now(global)?;
    let checklist = checklist::load(&args.checklists)?;
    if !checklist.items.iter().any(|i| i.id == args.target) {
        let ids: Vec<&str> = checklist.items.iter().map(|i| i.id.as_str()).collect();
        return Err(Error::Usage(format!(
            "no check `{}` in {}; the checks, closest first: {}",
            args.target,
            checklist.names.join(", "),
            closest(&args.target, &ids).join(", ")
        )));
    }
    let root = match &args.repo {
        Some(repo) => discover::discover(std::slice::from_ref(repo))?.remove(0),
        None => {
            let here = discover::discover(&[PathBuf::from(".")])?.remove(0);
            if here.kind == RootKind::Folder {
                return Err(Error::Usage(format!(
                    "explain {}: the current folder is not a git repository; give the repository to \
                     evaluate the check on with --repo PATH (a documentation folder too)",
                    args.target
                )));
            }
            here
        }
    };
    let shared = super::common::shared_settings(global)?;
    let options = GatherOptions {
        settings: super::common::settings_for(shared.as_ref(), &root)?,
        now,
        ..GatherOptions::default()
    };
    let facts = facts::gather(&root, &options)?;
    let report = build(
        &checklist,
        vec![Scanned {
            facts,
            settings: options.settings,
        }],
        now,
    );
    report
        .checks
        .into_iter()
        .find(|c| c.id == args.target)
        .ok_or_else(|| Error::Internal("check vanished".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_ids_first() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        let ids = [
            "documentation.runbooks",
            "documentation.onboarding",
            "freshness.runbooks",
        ];
        assert_eq!(
            closest("documentation.runbook", &ids),
            vec![
                "documentation.runbooks",
                "documentation.onboarding",
                "freshness.runbooks"
            ]
        );
    }
}
