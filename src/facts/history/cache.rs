//! The history cache: what the engine decoded for each commit (author, dates, co-authors, path
//! changes), kept per repository outside it, so that a re-scan diffs only the new commits
//! (DESIGN §8).
//!
//! A commit's decoding depends only on the commit id (its trees and parents are fixed by it), so
//! entries never go stale; identities, aliases, bots and `--since` are applied after the cache,
//! and changing them needs no invalidation. The cache lives under `EXITREADY_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/exitready`, else `~/.cache/exitready`, one file per repository (named by the
//! SHA-256 of its git directory's path) in postcard's compact binary encoding, never inside the
//! scanned repository. A missing,
//! unreadable or foreign cache file is ignored; failing to write one only logs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use git2::Oid;

use super::engine::{Decoded, Engine};
use super::model::HistoryError;

/// Bumped whenever what the engine records changes, so that old caches are ignored.
const FORMAT: &str = concat!("exitready-history-cache/3/", env!("CARGO_PKG_VERSION"));

/// The cache folder from the environment, when one can be found.
pub fn default_dir() -> Option<PathBuf> {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    env("EXITREADY_CACHE_DIR")
        .or_else(|| env("XDG_CACHE_HOME").map(|d| d.join("exitready")))
        .or_else(|| env("HOME").map(|d| d.join(".cache").join("exitready")))
}

/// The cache file of the repository whose git directory is `git_dir`.
pub fn file_for(dir: &Path, git_dir: &Path) -> PathBuf {
    let key = std::fs::canonicalize(git_dir).unwrap_or_else(|_| git_dir.to_path_buf());
    let hash = crate::base::digest::sha256_hex(key.to_string_lossy().as_bytes());
    dir.join(format!("{}.history", &hash[..32]))
}

#[derive(Default, serde::Serialize, serde::Deserialize)]
struct CacheFile {
    format: String,
    /// The last walk: HEAD and every commit reachable from it, in the pass's order.
    walk: Option<(String, Vec<String>)>,
    commits: HashMap<String, Decoded>,
}

/// The cache of one repository, loaded once per scan and saved when something was added.
pub(crate) struct HistoryCache {
    file: PathBuf,
    content: CacheFile,
    dirty: bool,
}

impl HistoryCache {
    /// Loads the cache file; a missing, unreadable or foreign one gives an empty cache.
    pub fn load(file: PathBuf) -> HistoryCache {
        let mut content = match std::fs::read(&file).map(|b| postcard::from_bytes::<CacheFile>(&b)) {
            Ok(Ok(cache)) if cache.format == FORMAT => cache,
            Ok(_) => {
                log::info!(
                    "history cache {} ignored (another format or unreadable)",
                    file.display()
                );
                CacheFile::default()
            }
            Err(_) => CacheFile::default(),
        };
        // An unreadable commit may be readable next time (a fetch, a repack): ask again.
        content.commits.retain(|_, d| !matches!(d, Decoded::Unreadable(_)));
        HistoryCache {
            file,
            content,
            dirty: false,
        }
    }

    /// The commits reachable from `head`, in order, when the last walk started there.
    pub fn walk_of(&self, head: Oid) -> Option<Vec<Oid>> {
        let (cached_head, ids) = self.content.walk.as_ref()?;
        if *cached_head != head.to_string() {
            return None;
        }
        ids.iter().map(|id| Oid::from_str(id).ok()).collect()
    }

    /// Records a complete walk from `head`.
    pub fn remember_walk(&mut self, head: Oid, ids: &[Oid]) {
        self.content.walk = Some((head.to_string(), ids.iter().map(Oid::to_string).collect()));
        self.dirty = true;
    }

    /// One `Decoded` per id: from the cache, or from `inner` for the commits it has not seen.
    pub fn decode<E: Engine>(
        &mut self,
        inner: &E,
        ids: &[Oid],
        since: Option<i64>,
        tick: &(dyn Fn(u64) + Sync),
    ) -> Result<Vec<Decoded>, HistoryError> {
        let known = &mut self.content.commits;
        let missing: Vec<Oid> = ids
            .iter()
            .copied()
            .filter(|id| !known.contains_key(&id.to_string()))
            .collect();
        tick((ids.len() - missing.len()) as u64);
        // Decoded without --since, so that the entries hold for every later scan.
        let fresh = inner.decode(&missing, None, tick)?;
        self.dirty |= !missing.is_empty();
        for (id, decoded) in missing.iter().zip(fresh) {
            known.insert(id.to_string(), decoded);
        }
        log::info!(
            "history cache {}: {} commit(s) cached, {} decoded",
            self.file.display(),
            ids.len() - missing.len(),
            missing.len()
        );
        if self.dirty {
            let entry = |id: &Oid| known.get(&id.to_string()).cloned();
            Ok(ids
                .iter()
                .map(|id| entry(id).map_or_else(|| missing_entry(*id), |d| since_filter(d, since)))
                .collect())
        } else {
            // Nothing to save: hand the entries over instead of copying 80k commits' changes.
            let mut known = std::mem::take(known);
            let mut entry = |id: &Oid| known.remove(&id.to_string());
            Ok(ids
                .iter()
                .map(|id| entry(id).map_or_else(|| missing_entry(*id), |d| since_filter(d, since)))
                .collect())
        }
    }

    /// Writes the cache when something was added; a failure only logs.
    pub fn save(self) {
        if !self.dirty {
            return;
        }
        let file = self.file;
        let content = CacheFile {
            format: FORMAT.to_string(),
            ..self.content
        };
        let result = file.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| {
            // Written aside and renamed, so that a concurrent scan never reads half a file.
            let partial = file.with_extension(format!("tmp{}", std::process::id()));
            std::fs::write(
                &partial,
                postcard::to_allocvec(&content).map_err(std::io::Error::other)?,
            )?;
            std::fs::rename(&partial, &file)
        });
        if let Err(e) = result {
            log::info!("history cache {} not written: {e}", file.display());
        }
    }
}

fn missing_entry(id: Oid) -> Decoded {
    Decoded::Unreadable(format!("commit {id}: missing from the history cache"))
}

/// `--since` applied to a cached entry, as the engine would have applied it.
fn since_filter(decoded: Decoded, since: Option<i64>) -> Decoded {
    match decoded {
        Decoded::Commit(raw) if since.is_some_and(|s| raw.committed < s) => Decoded::TooOld,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::history::engine::RawCommit;
    use crate::facts::history::model::Change;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// An engine that decodes every id as a commit at its position, counting what it was asked.
    struct Counting(AtomicUsize);

    impl Engine for Counting {
        fn decode(
            &self,
            ids: &[Oid],
            since: Option<i64>,
            _: &(dyn Fn(u64) + Sync),
        ) -> Result<Vec<Decoded>, HistoryError> {
            assert_eq!(since, None, "the cache asks without --since");
            self.0.fetch_add(ids.len(), Ordering::Relaxed);
            Ok(ids
                .iter()
                .map(|id| {
                    let n = id.as_bytes()[19] as i64;
                    Decoded::Commit(Box::new(RawCommit {
                        author: (b"Ann".to_vec(), vec![0xff, b'@', b'x']),
                        time: n,
                        committed: n * 100,
                        changes: vec![Change::Added { path: format!("f{n}") }],
                        ..RawCommit::default()
                    }))
                })
                .collect())
        }
    }

    fn id(n: u8) -> Oid {
        let mut bytes = [0u8; 20];
        bytes[19] = n;
        Oid::from_bytes(&bytes).unwrap()
    }

    /// Loads the cache, decodes `ids` through it and saves it, as one scan does.
    fn scan(file: &Path, engine: &Counting, ids: &[Oid], since: Option<i64>) -> Vec<Decoded> {
        let mut cache = HistoryCache::load(file.to_path_buf());
        let decoded = cache.decode(engine, ids, since, &|_| {}).unwrap();
        cache.remember_walk(ids[ids.len() - 1], ids);
        cache.save();
        decoded
    }

    #[test]
    fn a_rescan_decodes_only_new_commits_and_applies_since_itself() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.history");
        let engine = Counting(AtomicUsize::new(0));
        let first = scan(&file, &engine, &[id(1), id(2)], None);
        assert_eq!(engine.0.load(Ordering::Relaxed), 2);
        let second = scan(&file, &engine, &[id(1), id(2), id(3)], Some(150));
        assert_eq!(engine.0.load(Ordering::Relaxed), 3, "only the new commit is decoded");
        assert!(matches!(second[0], Decoded::TooOld));
        let (Decoded::Commit(a), Decoded::Commit(b)) = (&first[1], &second[1]) else {
            panic!("commits expected")
        };
        assert_eq!(a, b, "a cached commit comes back as decoded, invalid UTF-8 included");
        let cache = HistoryCache::load(file.clone());
        assert_eq!(cache.walk_of(id(3)), Some(vec![id(1), id(2), id(3)]));
        assert_eq!(cache.walk_of(id(2)), None, "a walk is only reused from the same HEAD");
        std::fs::write(
            &file,
            postcard::to_allocvec(&CacheFile {
                format: "other".into(),
                ..CacheFile::default()
            })
            .unwrap(),
        )
        .unwrap();
        scan(&file, &engine, &[id(1)], None);
        assert_eq!(engine.0.load(Ordering::Relaxed), 4, "a foreign cache is ignored");
    }

    #[test]
    fn cache_files_are_per_repository() {
        let dir = Path::new("/cache");
        assert_ne!(file_for(dir, Path::new("/a/.git")), file_for(dir, Path::new("/b/.git")));
        assert!(file_for(dir, Path::new("/a/.git")).starts_with("/cache"));
    }
}
