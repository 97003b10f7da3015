//! Estates: `scan --recursive DIR` finds every repository below DIR, and every scan gathers its
//! roots' facts in parallel (`--jobs N`, rayon) behind one progress bar (on a terminal, once
//! the scan has run ~2 s: `facts::progress`).
//!
//! Discovery walks folders without following symbolic links and stops descending at a
//! repository (its submodules and nested checkouts belong to it). A repository that cannot be
//! opened, or whose facts cannot be gathered, is reported as failed and the others are scanned.
//! `git2::Repository` is `Send` but not `Sync`, so each task opens its own (inside
//! `facts::gather`); nothing is shared between tasks but the read-only config.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::discover::Root;
use crate::error::{Error, Result};
use crate::facts::{self, GatherOptions};
use crate::report::build::Scanned;
use crate::report::model::FailedRoot;
use crate::settings::Settings;

/// The repositories found below some folders.
#[derive(Debug, Default)]
pub struct Found {
    /// Folders holding a repository that opens, in path order.
    pub repositories: Vec<PathBuf>,
    /// Repositories (or folders) that could not be opened or read.
    pub failed: Vec<FailedRoot>,
}

/// Finds every repository below each of `dirs` (a `dir` that is itself a repository counts).
pub fn find(dirs: &[PathBuf]) -> Result<Found> {
    let mut found = Found::default();
    for dir in dirs {
        if !dir.is_dir() {
            return Err(Error::Input {
                path: dir.clone(),
                message: "--recursive needs a folder".to_string(),
            });
        }
        let before = found.repositories.len() + found.failed.len();
        let mut walk = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e
                        .path()
                        .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                    found.failed.push(FailedRoot {
                        path,
                        message: format!("cannot be read: {e}"),
                    });
                    continue;
                }
            };
            if !entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == ".git") {
                walk.skip_current_dir();
                continue;
            }
            if !crate::discover::looks_like_repository(path) {
                continue;
            }
            walk.skip_current_dir();
            match crate::discover::kind_of(path) {
                Ok(_) => found.repositories.push(path.to_path_buf()),
                Err(message) => found.failed.push(FailedRoot {
                    path: path.display().to_string(),
                    message,
                }),
            }
        }
        if found.repositories.len() + found.failed.len() == before {
            return Err(Error::Input {
                path: dir.clone(),
                message: "no git repository found below this folder".to_string(),
            });
        }
    }
    Ok(found)
}

/// Gathers the facts of every root in parallel on `jobs` threads (all cores by default), in
/// input order. With `keep_going` a root that fails is reported as failed; without, the first
/// failure (in input order) is returned.
pub fn gather_all(
    roots: Vec<(Root, Settings)>,
    jobs: Option<usize>,
    keep_going: bool,
    progress: bool,
    base: &GatherOptions,
) -> Result<(Vec<Scanned>, Vec<FailedRoot>)> {
    // One root: its history pass gets the threads and shows its own bar. Several: the roots
    // share the threads, one history thread each, behind one bar for the estate.
    let single = roots.len() == 1;
    let base = GatherOptions {
        jobs: if single { jobs.unwrap_or(0) } else { 1 },
        progress: single && progress,
        defer_knowledge: !single,
        ..base.clone()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the thread pool: {e}")))?;
    let bar = crate::facts::progress::Progress::new(
        progress && !single,
        roots.len() as u64,
        "scanning [{bar:30}] {pos}/{len} repositories {wide_msg}",
    );
    let results: Vec<(Root, Settings, Result<facts::RepoFacts>)> = pool.install(|| {
        roots
            .into_par_iter()
            .map(|(root, settings)| {
                log::info!("scanning {} ({:?})", root.path.display(), root.kind);
                let options = GatherOptions {
                    settings,
                    ..base.clone()
                };
                let result = catch_unwind(AssertUnwindSafe(|| facts::gather(&root, &options))).unwrap_or_else(|_| {
                    Err(Error::Internal(format!(
                        "{}: gathering facts panicked",
                        root.path.display()
                    )))
                });
                bar.set_message(root.name.clone());
                bar.inc(1);
                (root, options.settings, result)
            })
            .collect()
    });
    bar.finish();
    let mut scanned = Vec::new();
    let mut failed = Vec::new();
    for (root, settings, result) in results {
        match result {
            Ok(facts) => scanned.push(Scanned { facts, settings }),
            Err(e) if keep_going => failed.push(FailedRoot {
                path: root.path.display().to_string(),
                message: e.to_string(),
            }),
            Err(e) => return Err(e),
        }
    }
    if !single {
        // A person is active when their last commit in any of the roots is recent.
        let last = facts::last_commits(scanned.iter().map(|s| s.facts.history.as_ref()));
        pool.install(|| {
            scanned.par_iter_mut().for_each(|s| {
                facts::complete_knowledge(&mut s.facts, &s.settings, base.now, &last);
            })
        });
    }
    Ok((scanned, failed))
}
