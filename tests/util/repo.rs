//! The one fixture builder: a git repository with a work tree, written commit by commit with
//! git2, each commit with a pinned author and date, so that commit ids and ages are the same on
//! every run.
//!
//! Methods that change the repository take `&mut self`. A fixture that several tests only read
//! is built once per test binary and shared through a `static`
//! (`static SHOP: LazyLock<Repo> = LazyLock::new(shop);`): the `&Repo` a test gets from it
//! cannot commit, switch branches or write files. A test that changes its fixture builds its own.

use std::path::{Path, PathBuf};

use git2::{Oid, Repository, Signature, Time};

/// An author: name and email.
pub type Author<'a> = (&'a str, &'a str);

/// The vendor's developer (`@acme-outsourcing.com`).
pub const ALICE: Author = ("Alice Vendor", "alice@acme-outsourcing.com");
/// An in-house developer (`@example.com`).
pub const BOB: Author = ("Bob Inhouse", "bob@example.com");
/// Another in-house developer.
pub const CAROL: Author = ("Carol Inhouse", "carol@example.com");
/// The developer of the gate fixtures, where who wrote the code does not matter.
pub const DEV: Author = ("Dev One", "dev@example.com");

/// A git repository with a work tree, on branch `main` until a test switches.
pub struct Repo {
    /// The temporary folder holding the work tree, removed with the `Repo`; `None` when the
    /// test owns the folder.
    temp: Option<tempfile::TempDir>,
    /// The work tree.
    path: PathBuf,
}

impl Repo {
    /// An empty repository in a new temporary folder, its work tree named `repo`.
    pub fn new() -> Repo {
        Repo::named("repo")
    }

    /// An empty repository in a new temporary folder, its work tree named `name` (a relative
    /// path: `team-a/shop`), for tests where the folder's name shows in the report.
    pub fn named(name: &str) -> Repo {
        let temp = fixture_folder();
        let path = temp.path().join(name);
        init(&path);
        Repo { temp: Some(temp), path }
    }

    /// An empty repository at `path`, in a folder the test owns (several repositories side by
    /// side, as in an estate); the folder is created if needed.
    pub fn at(path: &Path) -> Repo {
        init(path);
        Repo {
            temp: None,
            path: path.to_path_buf(),
        }
    }

    /// The work tree.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The repository, for what the builder has no method for (a remote, say). Taking
    /// `&mut self` keeps a shared fixture out of reach.
    pub fn git(&mut self) -> Repository {
        self.open()
    }

    fn open(&self) -> Repository {
        Repository::open(&self.path).unwrap()
    }

    /// The full id of the commit a revision (`main`, `HEAD~1`) resolves to.
    pub fn rev(&self, spec: &str) -> String {
        self.open()
            .revparse_single(spec)
            .unwrap()
            .peel_to_commit()
            .unwrap()
            .id()
            .to_string()
    }

    /// Writes files in the work tree (`None` deletes one) without committing them: uncommitted
    /// changes, or `exitready.toml`, which is read from disk.
    pub fn write(&mut self, files: &[(&str, Option<&str>)]) {
        self.write_bytes(&as_bytes(files));
    }

    fn write_bytes(&mut self, files: &[(&str, Option<&[u8]>)]) {
        for (path, contents) in files {
            let full = self.path.join(path);
            match contents {
                Some(bytes) => {
                    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                    std::fs::write(&full, bytes).unwrap();
                }
                None => std::fs::remove_file(&full).unwrap(),
            }
        }
    }

    /// Writes files (`None` deletes one) and commits them on the current branch as `author`
    /// `when`: a day (`2025-01-15`, noon UTC) or an RFC 3339 time (`2023-11-14T22:13:20Z`).
    pub fn commit(&mut self, author: Author, when: &str, files: &[(&str, Option<&str>)], message: &str) -> Oid {
        self.commit_bytes(author, when, &as_bytes(files), message)
    }

    /// Like `commit`, with raw bytes.
    pub fn commit_bytes(&mut self, author: Author, when: &str, files: &[(&str, Option<&[u8]>)], message: &str) -> Oid {
        self.write_bytes(files);
        let repo = self.open();
        let mut index = repo.index().unwrap();
        for (path, contents) in files {
            match contents {
                Some(_) => index.add_path(Path::new(path)).unwrap(),
                None => index.remove_path(Path::new(path)).unwrap(),
            }
        }
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let signature = signature(author, when);
        let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        repo.commit(Some("HEAD"), &signature, &signature, message, &tree, &parents)
            .unwrap()
    }

    /// Creates branch `name` at HEAD and checks it out.
    pub fn branch(&mut self, name: &str) {
        let repo = self.open();
        let tip = repo.head().unwrap().peel_to_commit().unwrap();
        repo.branch(name, &tip, false).unwrap();
        self.checkout(name);
    }

    /// Checks branch `name` out, work tree included (untracked files are removed).
    pub fn checkout(&mut self, name: &str) {
        let repo = self.open();
        repo.set_head(&format!("refs/heads/{name}")).unwrap();
        repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force().remove_untracked(true)))
            .unwrap();
    }

    /// A clone made by `git clone -q FLAGS` (the command line, as CI checks out: `--depth 1`,
    /// `--branch feature`), in a new temporary folder, its work tree named `clone`.
    pub fn git_clone(&self, flags: &[&str]) -> Repo {
        let temp = fixture_folder();
        let path = temp.path().join("clone");
        let status = std::process::Command::new("git")
            .args(["clone", "-q"])
            .args(flags)
            .arg(format!("file://{}", self.path.display()))
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success(), "git clone {flags:?} failed");
        Repo { temp: Some(temp), path }
    }

    /// Runs `commits` on a new branch `name` started at HEAD, then checks out the branch HEAD
    /// was on: work left on a branch that was never merged.
    pub fn on_branch(&mut self, name: &str, commits: impl FnOnce(&mut Repo)) {
        let back = self.open().head().unwrap().shorthand().unwrap().to_string();
        self.branch(name);
        commits(self);
        self.checkout(&back);
    }
}

/// Creates `path` if needed and an empty repository in it whose first branch is `main`.
fn init(path: &Path) {
    std::fs::create_dir_all(path).unwrap();
    let mut options = git2::RepositoryInitOptions::new();
    options.initial_head("main");
    Repository::init_opts(path, &options).unwrap();
}

fn as_bytes<'a>(files: &[(&'a str, Option<&'a str>)]) -> Vec<(&'a str, Option<&'a [u8]>)> {
    files.iter().map(|(p, c)| (*p, c.map(str::as_bytes))).collect()
}

/// A signature at `when`: a day (noon UTC) or an RFC 3339 time.
fn signature(author: Author, when: &str) -> Signature<'static> {
    let instant = match when.parse::<jiff::civil::Date>() {
        Ok(day) => day
            .at(12, 0, 0, 0)
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .unwrap()
            .timestamp(),
        Err(_) => when
            .parse::<jiff::Timestamp>()
            .unwrap_or_else(|e| panic!("{when}: neither YYYY-MM-DD nor RFC 3339: {e}")),
    };
    Signature::new(author.0, author.1, &Time::new(instant.as_second(), 0)).unwrap()
}

/// A new temporary folder for a fixture.
fn fixture_folder() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("fixture-")
        .tempdir_in(fixtures_dir())
        .unwrap()
}

/// Where fixture repositories are made: under cargo's temporary folder for integration tests.
/// A shared fixture lives in a `static`, which is never dropped, so its folder outlives the run;
/// the first fixture of a run removes what runs over an hour ago left there.
fn fixtures_dir() -> PathBuf {
    static SWEEP: std::sync::Once = std::sync::Once::new();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixtures");
    SWEEP.call_once(|| {
        std::fs::create_dir_all(&dir).unwrap();
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            if entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < hour_ago) {
                // Another run may be removing it too.
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    });
    dir
}
