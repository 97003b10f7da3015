//! Test fixtures: git repositories built in a temporary folder with pinned authors and dates,
//! and a runner for the real `exitready` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use git2::{Oid, Repository, Signature, Time};

/// A git repository with a work tree, in a temporary folder.
pub struct Repo {
    pub dir: tempfile::TempDir,
    pub repo: Repository,
}

/// An author: name and email.
pub type Author<'a> = (&'a str, &'a str);

pub const ALICE: Author = ("Alice Vendor", "alice@acme-outsourcing.com");
pub const BOB: Author = ("Bob Inhouse", "bob@example.com");
pub const CAROL: Author = ("Carol Inhouse", "carol@example.com");

impl Repo {
    /// An empty repository on branch `main`.
    pub fn new() -> Repo {
        let dir = tempfile::Builder::new().prefix("exitready-fixture").tempdir().unwrap();
        let mut options = git2::RepositoryInitOptions::new();
        options.initial_head("main");
        let repo = Repository::init_opts(dir.path(), &options).unwrap();
        Repo { dir, repo }
    }

    /// The work tree.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes files (None deletes) and commits them on HEAD as `author` at `date` (YYYY-MM-DD, noon UTC).
    pub fn commit(&self, author: Author, date: &str, files: &[(&str, Option<&str>)], message: &str) -> Oid {
        self.commit_bytes(
            author,
            date,
            &files
                .iter()
                .map(|(p, c)| (*p, c.map(str::as_bytes)))
                .collect::<Vec<_>>(),
            message,
        )
    }

    /// Like `commit`, with raw bytes.
    pub fn commit_bytes(&self, author: Author, date: &str, files: &[(&str, Option<&[u8]>)], message: &str) -> Oid {
        let mut index = self.repo.index().unwrap();
        for (path, contents) in files {
            let full = self.path().join(path);
            match contents {
                Some(bytes) => {
                    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                    std::fs::write(&full, bytes).unwrap();
                    index.add_path(Path::new(path)).unwrap();
                }
                None => {
                    std::fs::remove_file(&full).unwrap();
                    index.remove_path(Path::new(path)).unwrap();
                }
            }
        }
        index.write().unwrap();
        let tree = self.repo.find_tree(index.write_tree().unwrap()).unwrap();
        let signature = signature(author, date);
        let parents: Vec<git2::Commit> = self
            .repo
            .head()
            .ok()
            .and_then(|h| h.peel_to_commit().ok())
            .into_iter()
            .collect();
        let parents: Vec<&git2::Commit> = parents.iter().collect();
        self.repo
            .commit(Some("HEAD"), &signature, &signature, message, &tree, &parents)
            .unwrap()
    }
}

/// A signature at noon UTC on a date.
pub fn signature(author: Author, date: &str) -> Signature<'static> {
    let seconds = jiff::civil::Date::from_str_ymd(date)
        .at(12, 0, 0, 0)
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
        .as_second();
    Signature::new(author.0, author.1, &Time::new(seconds, 0)).unwrap()
}

trait FromYmd {
    fn from_str_ymd(text: &str) -> jiff::civil::Date;
}

impl FromYmd for jiff::civil::Date {
    fn from_str_ymd(text: &str) -> jiff::civil::Date {
        text.parse().unwrap()
    }
}

/// The binary, with its history cache in the test target folder (never the user's) and no CI
/// variables from the environment.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_exitready"));
    command
        .env(
            "EXITREADY_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("history-cache"),
        )
        .env_remove("GITHUB_ACTIONS");
    command
}

/// Runs the binary in `cwd` with no colour.
pub fn exitready(cwd: &Path, args: &[&str]) -> Output {
    command()
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap()
}

/// Runs `scan --format json` on a path and parses the report.
pub fn scan_json(path: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "scan",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--now",
        "2026-06-30",
        "-q",
    ];
    args.extend_from_slice(extra);
    let output = exitready(path, &args);
    assert!(
        output.status.success(),
        "scan failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The stdout of an output, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The stderr of an output, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Where snapshot files live.
pub fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name)
}

/// Compares `actual` with a snapshot file; `UPDATE_SNAPSHOTS=1` rewrites it.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = snapshot_path(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no snapshot {name}: run with UPDATE_SNAPSHOTS=1"));
    pretty_assertions::assert_eq!(
        expected,
        actual,
        "snapshot {name} differs (UPDATE_SNAPSHOTS=1 to accept)"
    );
}

impl Repo {
    /// Runs `commits` on a new branch `name` started at HEAD, then returns to the branch HEAD was on.
    pub fn on_branch(&self, name: &str, commits: impl FnOnce(&Repo)) {
        let back = self.repo.head().unwrap().name().unwrap().to_string();
        let tip = self.repo.head().unwrap().peel_to_commit().unwrap();
        self.repo.branch(name, &tip, false).unwrap();
        self.repo.set_head(&format!("refs/heads/{name}")).unwrap();
        commits(self);
        self.repo.set_head(&back).unwrap();
        self.repo
            .checkout_head(Some(git2::build::CheckoutBuilder::new().force().remove_untracked(true)))
            .unwrap();
    }

    /// Writes `exitready.toml` in the work tree (not committed: config is read from disk).
    pub fn config(&self, text: &str) {
        std::fs::write(self.path().join("exitready.toml"), text).unwrap();
    }
}

/// A path as the Markdown report writes it (escaped), for replacing it in snapshots.
pub fn escaped_path(path: &Path) -> String {
    exitready::report::render::escape_markdown(&std::fs::canonicalize(path).unwrap().display().to_string())
}

/// A check of a report by id (panics naming the id when the report has none).
pub fn check<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}"))
}
