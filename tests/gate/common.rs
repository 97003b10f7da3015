//! Fixture repositories for the gate tests: a work tree built commit by commit with pinned
//! signatures, and a runner for the real binary.

use std::path::{Path, PathBuf};
use std::process::Output;

use git2::{BranchType, IndexAddOption, Oid, Repository, Signature, Time};

/// A fixture repository with a work tree.
pub struct Fixture {
    /// Keeps the temporary folder alive.
    pub dir: tempfile::TempDir,
    /// The repository.
    pub repo: Repository,
    clock: i64,
}

impl Fixture {
    /// An empty repository whose first branch is `main`.
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("repo");
        let mut options = git2::RepositoryInitOptions::new();
        options.initial_head("main");
        let repo = Repository::init_opts(&path, &options).unwrap();
        Fixture {
            dir,
            repo,
            clock: 1_767_225_600, // 2026-01-01T00:00:00Z
        }
    }

    /// The work tree.
    pub fn path(&self) -> PathBuf {
        self.repo.workdir().unwrap().to_path_buf()
    }

    /// Writes (or with `None` deletes) files in the work tree.
    pub fn write(&self, files: &[(&str, Option<&str>)]) -> &Self {
        for (path, contents) in files {
            let full = self.path().join(path);
            match contents {
                Some(text) => {
                    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                    std::fs::write(&full, text).unwrap();
                }
                None => std::fs::remove_file(&full).unwrap(),
            }
        }
        self
    }

    /// Commits every change of the work tree on the current branch, a day after the last commit.
    pub fn commit(&mut self, message: &str) -> Oid {
        self.clock += 86_400;
        let signature = Signature::new("Dev One", "dev@example.com", &Time::new(self.clock, 0)).unwrap();
        let mut index = self.repo.index().unwrap();
        index.add_all(["*"], IndexAddOption::DEFAULT, None).unwrap();
        index.update_all(["*"], None).unwrap();
        index.write().unwrap();
        let tree = self.repo.find_tree(index.write_tree().unwrap()).unwrap();
        let parent = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        self.repo
            .commit(Some("HEAD"), &signature, &signature, message, &tree, &parents)
            .unwrap()
    }

    /// Writes files and commits them.
    pub fn commit_files(&mut self, files: &[(&str, Option<&str>)], message: &str) -> Oid {
        self.write(files);
        self.commit(message)
    }

    /// Creates a branch at `from` and checks it out.
    pub fn branch(&self, name: &str, from: &str) {
        let commit = self
            .repo
            .find_branch(from, BranchType::Local)
            .unwrap()
            .get()
            .peel_to_commit()
            .unwrap();
        self.repo.branch(name, &commit, false).unwrap();
        self.checkout(name);
    }

    /// Checks a branch out, work tree included.
    pub fn checkout(&self, name: &str) {
        self.repo.set_head(&format!("refs/heads/{name}")).unwrap();
        self.repo
            .checkout_head(Some(git2::build::CheckoutBuilder::new().force().remove_untracked(true)))
            .unwrap();
    }

    /// The full id a revision resolves to.
    pub fn rev(&self, spec: &str) -> String {
        self.repo
            .revparse_single(spec)
            .unwrap()
            .peel_to_commit()
            .unwrap()
            .id()
            .to_string()
    }
}

/// The standard service layout: payments with its runbook, billing without one.
pub fn services() -> Fixture {
    let mut fixture = Fixture::new();
    fixture.commit_files(
        &[
            ("README.md", Some("# Shop\n")),
            ("services/payments/Dockerfile", Some("FROM scratch\n")),
            ("services/payments/app.py", Some("print('pay')\n")),
            ("services/payments/db.py", Some("DB = 1\n")),
            ("services/payments/README.md", Some("# Payments\n")),
            ("docs/runbooks/payments.md", Some("# Payments runbook\n\n## Symptoms\n")),
            ("services/billing/Dockerfile", Some("FROM scratch\n")),
            ("services/billing/main.go", Some("package main\n")),
            ("lib/util.py", Some("X = 1\n")),
        ],
        "Initial layout",
    );
    fixture
}

/// Runs the binary in `dir` with `args` and the environment variables given (GITHUB_ACTIONS and
/// NO_COLOR are cleared unless given).
pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = crate::util::command();
    command
        .current_dir(dir)
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

/// Runs the binary in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    run_in(dir, args, &[])
}

/// stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The exit code.
pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}
