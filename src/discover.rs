//! Discovering inputs: each root on the command line becomes a git work tree, a bare repository
//! or a plain folder (an exported wiki, a docs share).
//!
//! Everything here is checked before any work starts, so that a typo in a path exits 2 at once.
//! Repositories are opened read-only in spirit: nothing here (or anywhere) writes to them.

use std::path::{Path, PathBuf};

use git2::{Repository, RepositoryOpenFlags};

use crate::error::{Error, Result};

/// What kind of input a root is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RootKind {
    /// A git repository with a work tree; files are still read from HEAD (the committed state).
    WorkTree,
    /// A bare git repository.
    Bare,
    /// A folder without git: files read from disk, dates from mtime.
    Folder,
}

/// One input to scan.
#[derive(Debug, Clone)]
pub struct Root {
    /// Absolute path.
    pub path: PathBuf,
    /// Display name: the folder's name (without `.git` for bare repositories).
    pub name: String,
    /// What it is.
    pub kind: RootKind,
}

/// Resolves the command line's paths, failing on the first that is missing or not a folder.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Root>> {
    paths.iter().map(|p| discover_one(p)).collect()
}

fn discover_one(path: &Path) -> Result<Root> {
    let meta = std::fs::metadata(path).map_err(|e| Error::Input {
        path: path.to_path_buf(),
        message: match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            _ => e.to_string(),
        },
    })?;
    if !meta.is_dir() {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "is a file; exitready scans folders and repositories".to_string(),
        });
    }
    let absolute = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    let kind = match open_exact(&absolute) {
        Some(repo) if repo.is_bare() => RootKind::Bare,
        Some(_) => RootKind::WorkTree,
        None => RootKind::Folder,
    };
    Ok(Root {
        name: root_name(&absolute),
        path: absolute,
        kind,
    })
}

/// Opens the repository at exactly `path` (no search upwards, so a docs folder inside a
/// repository is scanned as that folder).
pub fn open_exact(path: &Path) -> Option<Repository> {
    open_repository(path).ok()
}

/// Opens the repository at exactly `path` for reading. Every repository exitready reads is
/// opened here, so that libgit2's check of every object's hash on read is switched off once:
/// exitready only reads, git itself does not re-hash on read, and the check costs a quarter of
/// a gate and half of the history pass (BENCHMARKS.md).
pub fn open_repository(path: &Path) -> Result<Repository, git2::Error> {
    static READ_ONLY_SETUP: std::sync::Once = std::sync::Once::new();
    READ_ONLY_SETUP.call_once(|| git2::opts::strict_hash_verification(false));
    Repository::open_ext(path, RepositoryOpenFlags::NO_SEARCH, std::iter::empty::<&str>())
}

fn root_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    match name.strip_suffix(".git") {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_path_and_file_are_input_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        let err = discover(std::slice::from_ref(&missing)).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{}: no such file or directory", missing.display())
        );
        let file = dir.path().join("f.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(
            discover(&[file])
                .unwrap_err()
                .to_string()
                .ends_with("is a file; exitready scans folders and repositories")
        );
    }

    #[test]
    fn kinds_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let work = dir.path().join("work");
        let bare = dir.path().join("svc.git");
        let plain = dir.path().join("wiki");
        Repository::init(&work).unwrap();
        Repository::init_bare(&bare).unwrap();
        std::fs::create_dir(&plain).unwrap();
        let roots = discover(&[work, bare, plain]).unwrap();
        let got: Vec<_> = roots.iter().map(|r| (r.name.as_str(), r.kind)).collect();
        assert_eq!(
            got,
            vec![
                ("work", RootKind::WorkTree),
                ("svc", RootKind::Bare),
                ("wiki", RootKind::Folder)
            ]
        );
    }
}
