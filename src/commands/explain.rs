//! `exitready explain PATH | CHECK-ID`: why a file got its kind (and, as later stages add them,
//! its owners, who knows it and whether it is stale), or why a check got its result.
//!
//! For a path, exitready finds the enclosing work tree and gathers that repository's facts
//! itself; a path git does not track exits 2.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::checks::checklist;
use crate::cli::{ExplainArgs, ExplainFormat, GlobalArgs};
use crate::discover::{self, Root, RootKind};
use crate::error::{Error, Result};
use crate::facts::{self, GatherOptions, Reason};
use crate::report::build::{Scanned, build};
use crate::report::model::CheckResult;

use super::common::Outcome;

/// What `explain PATH` answers.
#[derive(Debug, Serialize)]
pub struct FileExplanation {
    /// Repository-relative path.
    pub path: String,
    /// The repository's name.
    pub repository: String,
    /// The inventory class (`source`, `document`, `vendored`, …).
    pub class: crate::facts::inventory::FileClass,
    /// The document kind, for documents.
    pub kind: Option<crate::facts::documents::DocKind>,
    /// Which classification rule fired.
    pub kind_reason: Option<String>,
    /// The document's title.
    pub title: Option<String>,
    /// Owners as written in the ownership file (`[]` when none).
    pub owners: Vec<String>,
    /// The ownership rule that decided them.
    pub ownership_rule: Option<OwnershipRule>,
    /// Those who know the file (DOA relative ≥ 0.75 and absolute ≥ 3.293 or creator).
    pub known_by: Vec<Author>,
    /// Everyone who touched the file, with FA, DL, AC and DOA.
    pub authors: Vec<Author>,
    /// Whether the document is stale.
    pub stale: Option<bool>,
    /// Staleness and weakness signals.
    pub reasons: Vec<Reason>,
}

/// Where a file's owners come from.
#[derive(Debug, Serialize)]
pub struct OwnershipRule {
    /// The ownership file.
    pub file: String,
    /// 1-based line of the rule.
    pub line: u32,
}

/// One author of a file with the degree-of-authorship inputs.
#[derive(Debug, Clone, Serialize)]
pub struct Author {
    /// Display name.
    pub name: String,
    /// Canonical email.
    pub email: String,
    /// Organisation.
    pub organisation: String,
    /// `vendor`, `internal`, `unknown` or `bots`.
    pub role: crate::facts::knowledge::Role,
    /// Created the file.
    pub fa: bool,
    /// Own changes.
    pub dl: u32,
    /// Others' changes.
    pub ac: u32,
    /// Degree of authorship.
    pub doa: f64,
}

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
        return Err(Error::Input {
            path: as_path,
            message: "neither an existing file nor a check id (category.rule)".to_string(),
        });
    };
    print!("{text}");
    Ok(Outcome::Done)
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
    let facts = facts::gather(
        &root,
        &GatherOptions {
            settings,
            now: super::common::now(global)?,
            ..GatherOptions::default()
        },
    )?;
    let class = facts.inventory.class_of(&relative).ok_or_else(|| Error::Input {
        path: path.to_path_buf(),
        message: format!(
            "not tracked at HEAD in {} (exitready judges the committed state)",
            root.name
        ),
    })?;
    let document = facts.document(&relative);
    let ownership = facts
        .ownership
        .as_ref()
        .and_then(|o| o.owners_of(&facts.tracked, &relative));
    let authors = authors_of(&facts, &relative);
    Ok(FileExplanation {
        owners: ownership.map(|o| o.owners.clone()).unwrap_or_default(),
        ownership_rule: ownership.and_then(|o| o.rule.as_ref()).map(|r| OwnershipRule {
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
        stale: document.map(|d| d.stale),
        reasons: document.map(|d| d.reasons.clone()).unwrap_or_default(),
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
            };
            (author, d.knows)
        })
        .collect()
}

fn explain_check(global: &GlobalArgs, args: &ExplainArgs) -> Result<CheckResult> {
    let now = super::common::now(global)?;
    let checklist = checklist::load(&args.checklists)?;
    if !checklist.items.iter().any(|i| i.id == args.target) {
        let ids: Vec<_> = checklist.items.iter().map(|i| i.id.as_str()).collect();
        return Err(Error::Usage(format!(
            "no check `{}` in {} (checks: {})",
            args.target,
            checklist.names.join(", "),
            ids.join(", ")
        )));
    }
    let root = discover::discover(std::slice::from_ref(&args.repo))?.remove(0);
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

fn file_text(e: &FileExplanation) -> String {
    let mut out = format!("{} ({}): {:?}\n", e.path, e.repository, e.class);
    if let (Some(kind), Some(reason)) = (&e.kind, &e.kind_reason) {
        out += &format!("kind: {kind} (because {reason})\n");
    }
    if let Some(title) = &e.title {
        out += &format!("title: {title}\n");
    }
    if e.owners.is_empty() {
        out += "owners: none\n";
    } else {
        let rule = e
            .ownership_rule
            .as_ref()
            .map_or(String::new(), |r| format!(" ({}:{})", r.file, r.line));
        out += &format!("owners: {}{rule}\n", e.owners.join(" "));
    }
    for author in &e.authors {
        let knows = if e.known_by.iter().any(|k| k.email == author.email) {
            "knows it"
        } else {
            ""
        };
        out += &format!(
            "  {} <{}> [{}]: FA {} DL {} AC {} DOA {:.3} {knows}\n",
            author.name, author.email, author.organisation, author.fa as u8, author.dl, author.ac, author.doa
        );
    }
    if let Some(stale) = e.stale {
        out += &format!("stale: {}\n", if stale { "yes" } else { "no" });
    }
    for reason in &e.reasons {
        out += &format!("  {}: {}\n", reason.signal, reason.message);
    }
    out
}

fn check_text(c: &CheckResult) -> String {
    let mut out = format!(
        "{} ({}): {}, score {:.2}\n{}\n\nwhy: {}\n",
        c.id,
        c.title,
        c.status.as_str(),
        c.score,
        c.reason,
        c.why
    );
    if !matches!(c.status, crate::checks::Status::Pass | crate::checks::Status::Skip) {
        out += &format!("remediation: {}\n", c.remediation);
    }
    if !c.evidence.is_empty() {
        out += "evidence:\n";
        for e in &c.evidence {
            let mark = if e.negative { "✗" } else { "✓" };
            let place = match (&e.path, e.line) {
                (Some(p), Some(l)) => format!("{p}:{l}: "),
                (Some(p), None) => format!("{p}: "),
                _ => String::new(),
            };
            out += &format!("  {mark} {place}{}\n", e.message);
        }
    }
    out
}
