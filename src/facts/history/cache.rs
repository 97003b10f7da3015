//! The history cache: what the engine decoded for each commit (author, dates, co-authors, path
//! changes), kept per repository outside it, so that a re-scan diffs only the new commits
//! (DESIGN §8).
//!
//! A commit's decoding depends only on the commit id (its trees and parents are fixed by it), so
//! entries never go stale; identities, aliases, bots and `--since` are applied after the cache,
//! and changing them needs no invalidation. The cache lives under `EXITREADY_CACHE_DIR` (an
//! absolute path: a relative one is refused before any work, `check_environment`), else
//! `$XDG_CACHE_HOME/exitready` (ignored when relative, as the XDG spec says), else
//! `~/.cache/exitready`; one file per repository, named by the SHA-256 of its git directory's
//! path, and never inside the scanned repository (`walk.rs` leaves the cache out when the
//! folder lies there).
//!
//! A file is one header line, `FORMAT SHA-256(payload)`, then the payload in postcard's compact
//! binary encoding. A file of another format or version is ignored quietly and replaced; a file
//! whose payload does not match its checksum, or does not decode, is dropped (deleted) with a
//! warning and the history is read again: a flipped bit once changed reports in silence (issue
//! 11). Files are written aside and renamed; a temporary file a killed write left behind is
//! removed by a later scan. Failing to write only logs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use git2::Oid;

use super::engine::{Decoded, Engine};
use super::model::HistoryError;

/// Bumped whenever what the engine records changes, so that old caches are ignored.
const FORMAT: &str = concat!("exitready-history-cache/4/", env!("CARGO_PKG_VERSION"));

/// How every cache file's header starts, whatever its version.
const MAGIC: &str = "exitready-history-cache/";

/// A temporary file older than this was left by a write that never finished (a write takes
/// seconds): it is removed.
const ORPHAN_AGE: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// The cache folder from the environment, when one can be found. Relative paths are never used:
/// they would put the cache wherever the scan runs, a scanned repository included.
pub fn default_dir() -> Option<PathBuf> {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    match env("EXITREADY_CACHE_DIR") {
        Some(dir) if dir.is_absolute() => return Some(dir),
        // Refused before any work by `check_environment`; never used.
        Some(_) => return None,
        None => {}
    }
    // "If an implementation encounters a relative path in any of these variables it should
    // consider the path invalid and ignore it" (XDG Base Directory Specification).
    env("XDG_CACHE_HOME")
        .filter(|d| d.is_absolute())
        .map(|d| d.join("exitready"))
        .or_else(|| {
            env("HOME")
                .filter(|d| d.is_absolute())
                .map(|d| d.join(".cache").join("exitready"))
        })
}

/// Refuses a relative `EXITREADY_CACHE_DIR` (exit 2, before any work): resolved against the
/// folder a scan runs in, it would write a cache folder wherever that is, inside the scanned
/// repository included.
pub fn check_environment() -> crate::error::Result<()> {
    match std::env::var_os("EXITREADY_CACHE_DIR").filter(|v| !v.is_empty()) {
        Some(dir) if !Path::new(&dir).is_absolute() => Err(crate::error::Error::Usage(format!(
            "EXITREADY_CACHE_DIR={}: not an absolute path; give an absolute folder (the history cache is never written inside a scanned repository)",
            Path::new(&dir).display()
        ))),
        _ => Ok(()),
    }
}

/// The cache file of the repository whose git directory is `git_dir`.
pub fn file_for(dir: &Path, git_dir: &Path) -> PathBuf {
    let key = std::fs::canonicalize(git_dir).unwrap_or_else(|_| git_dir.to_path_buf());
    let hash = crate::base::digest::sha256_hex(key.to_string_lossy().as_bytes());
    dir.join(format!("{}.history", &hash[..32]))
}

#[derive(Default, serde::Serialize, serde::Deserialize)]
struct CacheFile {
    /// The last walk: HEAD and every commit reachable from it, in the pass's order.
    walk: Option<(String, Vec<String>)>,
    commits: HashMap<String, Decoded>,
}

/// Why the bytes of a cache file were not used.
#[derive(Debug, PartialEq, Eq)]
enum Rejected {
    /// Not a cache of this version (an older exitready, another file): replaced quietly.
    Foreign,
    /// A cache of this version whose bytes are damaged: dropped with a warning.
    Damaged(&'static str),
}

/// The contents of a cache file's bytes, checked against the checksum in its header.
fn decode_file(bytes: &[u8]) -> Result<CacheFile, Rejected> {
    let Some(rest) = bytes.strip_prefix(MAGIC.as_bytes()) else {
        return Err(Rejected::Foreign);
    };
    let Some(end) = rest.iter().take(128).position(|&b| b == b'\n') else {
        return Err(Rejected::Damaged("its header has no end"));
    };
    let header = std::str::from_utf8(&rest[..end]).map_err(|_| Rejected::Damaged("its header is not text"))?;
    let payload = &rest[end + 1..];
    let Some((format, checksum)) = header.rsplit_once(' ') else {
        return Err(Rejected::Damaged("its header has no checksum"));
    };
    if format != &FORMAT[MAGIC.len()..] {
        return Err(Rejected::Foreign);
    }
    if checksum != crate::base::digest::sha256_hex(payload) {
        return Err(Rejected::Damaged("its checksum does not match its contents"));
    }
    postcard::from_bytes(payload).map_err(|_| Rejected::Damaged("its contents do not decode"))
}

/// The bytes of a cache file: header line, then the payload.
fn encode_file(content: &CacheFile) -> std::io::Result<Vec<u8>> {
    let payload = postcard::to_allocvec(content).map_err(std::io::Error::other)?;
    let mut bytes = format!("{FORMAT} {}\n", crate::base::digest::sha256_hex(&payload)).into_bytes();
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// The cache of one repository, loaded once per scan and saved when something was added.
pub(crate) struct HistoryCache {
    file: PathBuf,
    content: CacheFile,
    dirty: bool,
    dropped: Option<String>,
}

impl HistoryCache {
    /// Loads the cache file; a missing, unreadable or foreign one gives an empty cache, and so
    /// does a damaged one, which is deleted and said (`dropped`).
    pub fn load(file: PathBuf) -> HistoryCache {
        remove_orphans(&file);
        let mut dropped = None;
        let bytes = match std::fs::metadata(&file) {
            // Only a regular file is read (a named pipe would block the scan).
            Ok(meta) if meta.is_file() => std::fs::read(&file).ok(),
            _ => None,
        };
        let mut content = match bytes.as_deref().map(decode_file) {
            Some(Ok(cache)) => cache,
            Some(Err(Rejected::Foreign)) => {
                log::info!("history cache {} ignored (another format or version)", file.display());
                CacheFile::default()
            }
            Some(Err(Rejected::Damaged(why))) => {
                let removed = match std::fs::remove_file(&file) {
                    Ok(()) => "dropped",
                    Err(_) => "ignored",
                };
                dropped = Some(format!(
                    "history cache {} is damaged ({why}): {removed}, the history was read again",
                    file.display()
                ));
                CacheFile::default()
            }
            None => CacheFile::default(),
        };
        // An unreadable commit may be readable next time (a fetch, a repack): ask again.
        content.commits.retain(|_, d| !matches!(d, Decoded::Unreadable(_)));
        HistoryCache {
            file,
            content,
            dirty: false,
            dropped,
        }
    }

    /// Why the cache file was dropped on loading, when it was (a warning for the report).
    pub fn dropped(&self) -> Option<&str> {
        self.dropped.as_deref()
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
        let result = file.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| {
            // Written aside and renamed, so that a concurrent scan never reads half a file.
            let partial = file.with_extension(format!("tmp{}", std::process::id()));
            std::fs::write(&partial, encode_file(&self.content)?)?;
            std::fs::rename(&partial, &file)
        });
        if let Err(e) = result {
            log::info!("history cache {} not written: {e}", file.display());
        }
    }
}

/// Removes the temporary files that writes killed before their rename left in the cache folder
/// (`<name>.tmp<pid>`), once they are old enough that no write can still be going on.
fn remove_orphans(file: &Path) {
    let Some(dir) = file.parent() else { return };
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_temporary = name
            .split_once(".tmp")
            .is_some_and(|(stem, pid)| !stem.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if !is_temporary {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > ORPHAN_AGE));
        if old && entry.file_type().is_ok_and(|t| t.is_file()) {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => log::info!(
                    "history cache: removed {}, left by a write that never finished",
                    entry.path().display()
                ),
                Err(e) => log::info!("history cache: cannot remove {}: {e}", entry.path().display()),
            }
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
        let other = encode_file(&CacheFile::default()).unwrap();
        let other = String::from_utf8_lossy(&other).replacen("cache/4/", "cache/3/", 1);
        std::fs::write(&file, other.as_bytes()).unwrap();
        let cache = HistoryCache::load(file.clone());
        assert_eq!(cache.dropped(), None, "another version is replaced quietly");
        scan(&file, &engine, &[id(1)], None);
        assert_eq!(engine.0.load(Ordering::Relaxed), 4, "a foreign cache is ignored");
    }

    #[test]
    fn a_damaged_cache_is_dropped_and_said_and_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.history");
        let engine = Counting(AtomicUsize::new(0));
        scan(&file, &engine, &[id(1), id(2)], None);
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0x01;
        std::fs::write(&file, &bytes).unwrap();
        let cache = HistoryCache::load(file.clone());
        assert_eq!(
            cache.dropped(),
            Some(
                format!(
                    "history cache {} is damaged (its checksum does not match its contents): dropped, the history was read again",
                    file.display()
                )
                .as_str()
            )
        );
        assert!(!file.exists(), "the damaged file is deleted");
        assert_eq!(cache.walk_of(id(2)), None);
        scan(&file, &engine, &[id(1), id(2)], None);
        assert_eq!(engine.0.load(Ordering::Relaxed), 4, "every commit decoded again");
        assert_eq!(HistoryCache::load(file.clone()).dropped(), None, "written whole again");
    }

    #[test]
    fn temporary_files_of_killed_writes_are_removed_once_old() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.history");
        let old = dir.path().join("c.tmp4242");
        let fresh = dir.path().join("d.tmp77");
        let other = dir.path().join("notes.tmp");
        for path in [&old, &fresh, &other] {
            std::fs::write(path, b"partial").unwrap();
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for path in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(hour_ago)
                .unwrap();
        }
        HistoryCache::load(file);
        assert!(!old.exists(), "an old temporary file is an orphan");
        assert!(fresh.exists(), "a fresh one may belong to a write going on");
        assert!(other.exists(), "not a temporary file of the cache");
    }

    #[test]
    fn cache_files_are_per_repository() {
        let dir = Path::new("/cache");
        assert_ne!(file_for(dir, Path::new("/a/.git")), file_for(dir, Path::new("/b/.git")));
        assert!(file_for(dir, Path::new("/a/.git")).starts_with("/cache"));
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any bytes are a cache, foreign or damaged, never a panic.
        #[test]
        fn any_bytes_are_read_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = decode_file(&bytes);
            let mut ours = MAGIC.as_bytes().to_vec();
            ours.extend_from_slice(&bytes);
            let _ = decode_file(&ours);
        }

        /// A payload of any bytes under a valid header and checksum decodes or is damaged.
        #[test]
        fn any_payload_with_a_matching_checksum_is_read_without_a_panic(
            payload in proptest::collection::vec(any::<u8>(), 0..600)
        ) {
            let mut bytes = format!("{FORMAT} {}\n", crate::base::digest::sha256_hex(&payload)).into_bytes();
            bytes.extend_from_slice(&payload);
            match decode_file(&bytes) {
                Ok(_) | Err(Rejected::Damaged("its contents do not decode")) => {}
                Err(other) => prop_assert!(false, "{other:?}"),
            }
        }

        /// Flipping any one bit of a real cache file never goes unnoticed.
        #[test]
        fn a_flipped_bit_is_never_read_as_a_cache(at in any::<prop::sample::Index>(), bit in 0u8..8) {
            let content = CacheFile {
                walk: Some(("a".repeat(40), vec!["b".repeat(40)])),
                ..CacheFile::default()
            };
            let mut bytes = encode_file(&content).unwrap();
            let i = at.index(bytes.len());
            bytes[i] ^= 1 << bit;
            prop_assert!(decode_file(&bytes).is_err());
        }
    }
}
