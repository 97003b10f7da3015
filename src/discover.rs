//! Discovering inputs: each root on the command line becomes a git work tree, a bare repository
//! or a plain folder (an exported wiki, a docs share).
//!
//! Everything here is checked before any work starts, so that a typo in a path exits 2 at once.
//! Repositories are opened read-only in spirit: nothing here (or anywhere) writes to them.
//!
//! A folder is scanned as a plain folder only when it holds no repository: a `.git` that is
//! there but cannot be opened (its objects folder missing, a repository owned by another user,
//! a `gitdir:` pointing nowhere) is an error naming the cause, never a silent folder scan with
//! another score (issue 11). An unreadable folder is an error too, not an empty report.

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
    // Unreadable, it would be scanned as an empty folder and scored F.
    std::fs::read_dir(&absolute).map_err(|e| Error::Input {
        path: path.to_path_buf(),
        message: format!("cannot be read: {e}"),
    })?;
    let kind = kind_of(&absolute).map_err(|message| Error::Git {
        path: absolute.clone(),
        message,
    })?;
    Ok(Root {
        name: root_name(&absolute),
        path: absolute,
        kind,
    })
}

/// What the folder at `path` is: a repository that opens and whose objects can be read, or a
/// folder holding no repository at all. `Err` says why a repository that is there cannot be
/// read (`open_failure`).
pub fn kind_of(path: &Path) -> Result<RootKind, String> {
    match open_repository(path) {
        Ok(repo) => {
            let objects = repo.commondir().join("objects");
            std::fs::read_dir(&objects).map_err(|e| {
                format!(
                    "{UNREADABLE}: its objects folder {} cannot be read: {e}",
                    objects.display()
                )
            })?;
            Ok(if repo.is_bare() {
                RootKind::Bare
            } else {
                RootKind::WorkTree
            })
        }
        Err(e) if looks_like_repository(path) => Err(open_failure(path, &e)),
        Err(_) => Ok(RootKind::Folder),
    }
}

/// Opens the repository at exactly `path` (no search upwards, so a docs folder inside a
/// repository is scanned as that folder).
pub fn open_exact(path: &Path) -> Option<Repository> {
    open_repository(path).ok()
}

/// Whether `path` holds a repository, openable or not: a `.git` entry (folder, or file
/// pointing elsewhere), or the layout of a bare repository (`HEAD`, `refs/`, and `objects/`
/// or `config`).
pub fn looks_like_repository(path: &Path) -> bool {
    path.join(".git").symlink_metadata().is_ok()
        || (path.join("HEAD").is_file()
            && path.join("refs").is_dir()
            && (path.join("objects").is_dir() || path.join("config").is_file()))
}

/// How every message about a repository that is there but cannot be read starts.
const UNREADABLE: &str = "not a readable git repository";

/// Why the repository at `path` cannot be opened, as a sentence with the fix when there is one.
pub fn open_failure(path: &Path, error: &git2::Error) -> String {
    if error.code() == git2::ErrorCode::Owner {
        return format!(
            "{UNREADABLE}: it is owned by another user, and git refuses to read it (safe.directory); \
             if you trust it, run: git config --global --add safe.directory {}",
            path.display()
        );
    }
    let dot_git = path.join(".git");
    let (git_dir, name) = if dot_git.is_dir() {
        (dot_git, "`.git`")
    } else if dot_git.symlink_metadata().is_ok() {
        return format!(
            "{UNREADABLE}: `.git` is there but the repository it points to cannot be opened: {}",
            error.message()
        );
    } else {
        (path.to_path_buf(), "the bare repository")
    };
    let missing: Vec<&str> = [("HEAD", false), ("objects", true), ("refs", true)]
        .into_iter()
        .filter(|(part, folder)| {
            let full = git_dir.join(part);
            if *folder { !full.is_dir() } else { !full.is_file() }
        })
        .map(|(part, _)| part)
        .collect();
    if missing.is_empty() {
        format!(
            "{UNREADABLE}: {name} is there but cannot be opened: {}",
            error.message()
        )
    } else {
        format!(
            "{UNREADABLE}: {name} is there but cannot be opened: {} missing",
            missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
        )
    }
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
    fn a_repository_that_cannot_be_opened_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("svc");
        Repository::init(&path).unwrap();
        let owner = git2::Error::new(git2::ErrorCode::Owner, git2::ErrorClass::Config, "not owned");
        assert_eq!(
            open_failure(&path, &owner),
            format!(
                "not a readable git repository: it is owned by another user, and git refuses to read it \
                 (safe.directory); if you trust it, run: git config --global --add safe.directory {}",
                path.display()
            )
        );
        std::fs::remove_dir_all(path.join(".git/refs")).unwrap();
        std::fs::remove_file(path.join(".git/HEAD")).unwrap();
        let Err(error) = open_repository(&path) else {
            panic!("a repository without HEAD and refs opened")
        };
        assert_eq!(
            open_failure(&path, &error),
            "not a readable git repository: `.git` is there but cannot be opened: `HEAD`, `refs` missing"
        );
        let err = discover(std::slice::from_ref(&path)).unwrap_err();
        assert!(matches!(err, Error::Git { .. }), "{err}");
        // A folder without any repository is a plain folder.
        let plain = dir.path().join("wiki");
        std::fs::create_dir(&plain).unwrap();
        assert_eq!(kind_of(&plain), Ok(RootKind::Folder));
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
