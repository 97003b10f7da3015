//! The history pass: walk HEAD's commits once, diff them in parallel, assemble the facts.
//!
//! Reads the repository (objects, refs, `.mailmap`, HEAD's `.git-blame-ignore-revs`) through
//! git2 with strict hash verification off (objects are only read, and re-hashing each one costs
//! more than the diff itself). Commits are listed once, parents before children; the git2
//! [`Git2Engine`] decodes and diffs them on a rayon pool, one `Repository` per worker thread
//! (libgit2 objects are not shared across threads), each keeping a cache of raw trees over a
//! contiguous run of commits. Produces [`HistoryFacts`]; never writes, never reads work-tree
//! files other than `.mailmap`.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use git2::{Oid, Repository, Sort};

use super::engine::{Decoded, Engine, RawCommit};
use super::identity::{Resolver, co_authors};
use super::model::{Change, CommitRecord, HistoryError, HistoryFacts, HistoryOptions};
use super::treediff::{TreeChanges, TreeReader};
use super::{inflight, paths, renames};

/// libgit2's object cache per repository (its default is 256 MiB). Trees are cached by the
/// tree compare itself, so a small cache costs no speed and saves memory (BENCHMARKS.md).
const CACHE_MAX_BYTES: isize = 4 << 20;

/// Partial-history causes listed one by one before the rest is summarised.
const MAX_LISTED_ERRORS: usize = 20;

/// Runs the whole pass (see [`super::gather`]).
pub(super) fn gather(repo_path: &Path, opts: &HistoryOptions) -> Result<HistoryFacts, HistoryError> {
    // Trees are cached by the pass itself; libgit2's own cache (256 MiB per repository, one
    // repository per thread) would mostly hold commits already used, so keep it small.
    // SAFETY: a plain global setting; libgit2 reads it at each cache insertion.
    if let Err(e) = unsafe { git2::opts::set_cache_max_size(CACHE_MAX_BYTES) } {
        log::debug!("cannot shrink libgit2's object cache: {e}");
    }
    let repo = crate::discover::open_repository(repo_path).map_err(|source| HistoryError::Open {
        path: repo_path.display().to_string(),
        source,
    })?;
    let mut facts = HistoryFacts::default();
    if repo.is_shallow() {
        facts.partial_reasons.push(
            "shallow clone: commits before the cut are missing and the oldest visible commits \
             look like they created every file; run `git fetch --unshallow` for complete figures"
                .into(),
        );
    }
    let since = opts.since.map(|t| t.as_second());
    if let Some(t) = opts.since {
        facts
            .partial_reasons
            .push(format!("only commits since {t} were read (--since)"));
    }
    // An empty repository or an unborn branch has no history: empty facts, not an error. A
    // HEAD that cannot be read (garbage in `.git/HEAD`, a missing commit) is not "no commits".
    let head = match repo.head() {
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => {
            facts.partial_history = !facts.partial_reasons.is_empty();
            return Ok(facts);
        }
        head => head
            .and_then(|h| h.peel_to_commit())
            .map_err(|source| HistoryError::Head {
                path: repo_path.display().to_string(),
                source,
            })?,
    };
    facts.head = Some(head.id().to_string());

    let mut errors = Vec::new();
    let started = std::time::Instant::now();
    // A shallow clone's oldest commits look parentless; cached so, they would stay wrong after
    // `git fetch --unshallow`, so shallow clones are never cached.
    let mut cache = opts
        .cache_dir
        .as_ref()
        .filter(|_| !repo.is_shallow())
        .filter(|dir| match inside_repository(dir, &repo) {
            // exitready never writes inside a repository it reads.
            Some(repository) => {
                facts.cache_warnings.push(format!(
                    "history cache not used: its folder {} lies inside the scanned repository {}",
                    dir.display(),
                    repository.display()
                ));
                false
            }
            None => true,
        })
        .map(|dir| super::cache::HistoryCache::load(super::cache::file_for(dir, repo.path())));
    if let Some(dropped) = cache.as_ref().and_then(|c| c.dropped()) {
        facts.cache_warnings.push(dropped.to_string());
    }
    let ids = match cache.as_ref().and_then(|c| c.walk_of(head.id())) {
        Some(ids) => ids,
        None => {
            let ids = list_commits(&repo, head.id(), &mut errors);
            if let (Some(cache), true) = (cache.as_mut(), errors.is_empty()) {
                cache.remember_walk(head.id(), &ids);
            }
            ids
        }
    };
    log::debug!("history: {} commits listed in {:.2?}", ids.len(), started.elapsed());
    let engine = Git2Engine {
        git_dir: repo.path().to_path_buf(),
        jobs: if opts.jobs == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            opts.jobs
        },
    };
    let bar = progress_bar(opts.progress, ids.len());
    let decoded = match cache.as_mut() {
        Some(cache) => cache.decode(&engine, &ids, since, &|n| bar.inc(n))?,
        None => engine.decode(&ids, since, &|n| bar.inc(n))?,
    };
    if let Some(cache) = cache {
        cache.save();
    }
    bar.finish();
    log::debug!("history: commits decoded in {:.2?}", started.elapsed());

    let ignored = blame_ignore_revs(&repo, &head, &mut facts.warnings);
    let mut resolver = Resolver::new(
        mailmap(&repo, &head, &mut facts.warnings),
        &opts.aliases,
        &opts.bot_patterns,
    );
    let mut submodules = BTreeSet::new();
    for (id, d) in ids.iter().zip(decoded) {
        let raw: RawCommit = match d {
            Decoded::Merge | Decoded::TooOld => continue,
            Decoded::Unreadable(e) => {
                errors.push(e);
                continue;
            }
            Decoded::Commit(raw) => *raw,
        };
        if let Some(e) = raw.error {
            errors.push(e);
        }
        let (name, email) = &raw.author;
        let author = resolver.resolve(name, email);
        resolver.authored(author, name, email, raw.time);
        let mut co: Vec<usize> = raw
            .co_authors
            .iter()
            .map(|(n, e)| resolver.resolve_str(n, e))
            .filter(|&c| c != author)
            .collect();
        co.sort_unstable();
        co.dedup();
        for &c in &co {
            resolver.co_authored(c);
        }
        submodules.extend(raw.submodules);
        let hex = id.to_string();
        facts.commits.push(CommitRecord {
            ignored: ignored.contains(&hex),
            id: hex,
            author,
            time: raw.time,
            co_authors: co,
            changes: raw.changes,
        });
    }

    let reachable: HashSet<Oid> = ids.iter().copied().collect();
    let in_flight = inflight::branches(&repo, &reachable, &mut resolver, &mut facts.warnings);
    let (identities, remap) = resolver.finish();
    facts.identities = identities;
    for c in &mut facts.commits {
        c.author = remap[c.author];
        for co in &mut c.co_authors {
            *co = remap[*co];
        }
        c.co_authors.sort_unstable();
    }
    facts.in_flight = in_flight
        .into_iter()
        .map(|mut b| {
            b.last_author = remap[b.last_author];
            b
        })
        .collect();

    log::debug!("history: identities resolved in {:.2?}", started.elapsed());
    let head_files = head_files(&repo, head.tree_id(), &mut errors);
    submodules.extend(head_files.submodules);
    let head_paths: Vec<String> = head_files.added.into_iter().map(|(p, _)| p).collect();
    let history = paths::follow(&facts.commits, head_paths.iter());
    facts.path_events = history.events;
    facts.last_content_change = history.last_content_change;
    facts.path_commits = history.path_commits;
    for c in &facts.commits {
        for ch in &c.changes {
            if let Change::Renamed { from, .. } = ch {
                facts.paths_seen.insert(from.clone());
            }
            facts.paths_seen.insert(ch.path().to_string());
        }
    }
    facts.paths_seen.extend(head_paths);
    for s in &submodules {
        facts.warnings.push(format!("submodule `{s}` not descended"));
    }
    facts.submodules = submodules.into_iter().collect();

    let extra = errors.len().saturating_sub(MAX_LISTED_ERRORS);
    facts.partial_reasons.extend(errors.into_iter().take(MAX_LISTED_ERRORS));
    if extra > 0 {
        facts.partial_reasons.push(format!("{extra} more unreadable objects"));
    }
    facts.partial_history = !facts.partial_reasons.is_empty();
    Ok(facts)
}

/// The work tree or git folder of `repo` that `dir` lies in (symbolic links resolved as far as
/// `dir` exists), if any.
fn inside_repository(dir: &Path, repo: &Repository) -> Option<PathBuf> {
    let resolved = resolve_existing(dir);
    [repo.workdir(), Some(repo.path()), Some(repo.commondir())]
        .into_iter()
        .flatten()
        .map(resolve_existing)
        .find(|folder| resolved.starts_with(folder))
}

/// `path` with its longest existing prefix canonicalised (the rest appended as written).
fn resolve_existing(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(canonical, |acc: PathBuf, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// Every commit reachable from `head`, parents before children, then by commit date.
fn list_commits(repo: &Repository, head: Oid, errors: &mut Vec<String>) -> Vec<Oid> {
    let mut ids = Vec::new();
    let walk = repo.revwalk().and_then(|mut w| {
        w.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)?;
        w.push(head)?;
        Ok(w)
    });
    match walk {
        Ok(walk) => {
            for r in walk {
                match r {
                    Ok(id) => ids.push(id),
                    Err(e) => {
                        errors.push(format!("history walk from {head} stopped: {}", e.message()));
                        break;
                    }
                }
            }
        }
        Err(e) => errors.push(format!("history walk from {head} failed: {}", e.message())),
    }
    ids
}

fn progress_bar(enabled: bool, len: usize) -> crate::facts::progress::Progress {
    crate::facts::progress::Progress::new(enabled, len as u64, "history [{bar:30}] {pos}/{len} commits {elapsed}")
}

/// HEAD's files (and submodules), for the path histories.
fn head_files(repo: &Repository, tree: Oid, errors: &mut Vec<String>) -> TreeChanges {
    match repo.odb() {
        Ok(odb) => {
            let listed = TreeReader::new(odb).list(tree);
            errors.extend(listed.errors.iter().map(|e| format!("{e} (HEAD's tree)")));
            listed
        }
        Err(e) => {
            errors.push(format!("object database: {}", e.message()));
            TreeChanges::default()
        }
    }
}

/// The work tree's `.mailmap` through libgit2 when there is one; otherwise HEAD's committed
/// `.mailmap` (libgit2 only falls back to it for repositories it knows to be bare, and a mirror
/// without a config file is not one). A work-tree `.mailmap` that is not a regular file (a
/// named pipe would block libgit2's read forever) is left alone, with a warning.
fn mailmap(repo: &Repository, head: &git2::Commit<'_>, warnings: &mut Vec<String>) -> Option<git2::Mailmap> {
    let on_disk = repo.workdir().and_then(|w| std::fs::metadata(w.join(".mailmap")).ok());
    let in_work_tree = on_disk.as_ref().is_some_and(|m| m.is_file());
    let committed = head
        .tree()
        .ok()
        .and_then(|t| t.get_name(".mailmap").map(|e| e.id()))
        .and_then(|id| repo.find_blob(id).ok());
    let from_committed =
        |blob: git2::Blob<'_>| git2::Mailmap::from_buffer(&String::from_utf8_lossy(blob.content())).ok();
    match (committed, on_disk) {
        (committed, Some(meta)) if !meta.is_file() => {
            warnings.push(format!(
                ".mailmap in the work tree is {}: not read",
                crate::base::file_class::describe_file_type(&meta.file_type())
            ));
            committed.and_then(from_committed)
        }
        (Some(blob), _) if !in_work_tree => from_committed(blob),
        _ => repo.mailmap().ok(),
    }
}

/// Commit ids listed in HEAD's `.git-blame-ignore-revs` (full ids; others resolved).
fn blame_ignore_revs(repo: &Repository, head: &git2::Commit<'_>, warnings: &mut Vec<String>) -> HashSet<String> {
    const FILE: &str = ".git-blame-ignore-revs";
    let mut out = HashSet::new();
    let Ok(tree) = head.tree() else { return out };
    let Some(entry) = tree.get_name(FILE) else {
        return out;
    };
    let Ok(blob) = repo.find_blob(entry.id()) else {
        warnings.push(format!("{FILE}: unreadable blob {}", entry.id()));
        return out;
    };
    let text = String::from_utf8_lossy(blob.content());
    for (n, line) in text.lines().enumerate() {
        let Some(token) = line.split('#').next().map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        let resolved = repo
            .revparse_single(token)
            .and_then(|o| o.peel_to_commit())
            .map(|c| c.id().to_string());
        match resolved {
            Ok(id) => {
                out.insert(id);
            }
            Err(_) => warnings.push(format!("{FILE}:{}: `{token}` is not a commit here", n + 1)),
        }
    }
    out
}

/// The git2 engine: a rayon pool, one `Repository` and tree cache per worker thread.
struct Git2Engine {
    git_dir: PathBuf,
    jobs: usize,
}

impl Engine for Git2Engine {
    fn decode(
        &self,
        ids: &[Oid],
        since: Option<i64>,
        tick: &(dyn Fn(u64) + Sync),
    ) -> Result<Vec<Decoded>, HistoryError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs)
            .build()
            .map_err(|e| HistoryError::Threads {
                jobs: self.jobs,
                message: e.to_string(),
            })?;
        // Contiguous runs keep a parent's trees in the same thread's cache as its child's.
        let chunk = (ids.len() / (self.jobs * 16)).clamp(64, 2048);
        let chunks = ids.len().div_ceil(chunk);
        let next = AtomicUsize::new(0);
        let done: Mutex<Vec<Option<Vec<Decoded>>>> = Mutex::new(vec![None; chunks]);
        pool.broadcast(|_| {
            let Ok(repo) = crate::discover::open_repository(&self.git_dir) else {
                return;
            };
            let Ok(odb) = repo.odb() else { return };
            let mut reader = TreeReader::new(odb);
            loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= chunks {
                    break;
                }
                let part = &ids[k * chunk..((k + 1) * chunk).min(ids.len())];
                let out: Vec<Decoded> = part
                    .iter()
                    .map(|&id| decode_one(&repo, &mut reader, id, since))
                    .collect();
                tick(out.len() as u64);
                if let Ok(mut d) = done.lock() {
                    d[k] = Some(out);
                }
            }
        });
        let done = done.into_inner().unwrap_or_default();
        let mut all = Vec::with_capacity(ids.len());
        for (k, part) in done.into_iter().enumerate() {
            match part {
                Some(p) => all.extend(p),
                // Only when no worker could open the repository.
                None => {
                    let end = ((k + 1) * chunk).min(ids.len());
                    all.extend(
                        ids[k * chunk..end].iter().map(|id| {
                            Decoded::Unreadable(format!("commit {id}: worker could not open the repository"))
                        }),
                    );
                }
            }
        }
        Ok(all)
    }
}

fn decode_one(repo: &Repository, reader: &mut TreeReader<'_>, id: Oid, since: Option<i64>) -> Decoded {
    let commit = match repo.find_commit(id) {
        Ok(c) => c,
        Err(e) => return Decoded::Unreadable(format!("commit {id}: {}", e.message())),
    };
    if commit.parent_count() > 1 {
        return Decoded::Merge;
    }
    if since.is_some_and(|s| commit.time().seconds() < s) {
        return Decoded::TooOld;
    }
    let author = commit.author();
    let mut raw = RawCommit {
        author: (author.name_bytes().to_vec(), author.email_bytes().to_vec()),
        time: author.when().seconds(),
        committed: commit.time().seconds(),
        co_authors: co_authors(commit.message_bytes()),
        ..RawCommit::default()
    };
    let parent_tree = match commit.parent_count() {
        0 => Ok(None),
        _ => commit
            .parent_id(0)
            .and_then(|p| repo.find_commit(p))
            .map(|p| Some(p.tree_id()))
            .map_err(|e| format!("parent of commit {id}: {}", e.message())),
    };
    let mut tc = TreeChanges::default();
    match parent_tree {
        Ok(old) => reader.diff(old, commit.tree_id(), &mut tc),
        Err(e) => tc.errors.push(e),
    }
    if !tc.errors.is_empty() {
        raw.error = Some(format!("{} in commit {id}", tc.errors.join("; ")));
    }
    raw.submodules = std::mem::take(&mut tc.submodules);
    raw.changes = renames::pair(reader.odb(), tc);
    Decoded::Commit(Box::new(raw))
}
