//! The changed range of a CI run: what a branch changed since it left the base branch.
//!
//! Stage: facts, for `exitready gate` only (`facts::gather` leaves `RepoFacts::changes` empty).
//! Reads the merge base of REF and HEAD, one tree-to-tree diff between the two commits (paths
//! only, never contents), optionally the uncommitted changes of the work tree, and the commits
//! of `merge-base..HEAD` with their `Runbook-Not-Needed:` trailers. It never walks the whole
//! history: the cost is one merge-base search, one diff and the branch's own commits, which is
//! what keeps the gate under a second on repositories with tens of thousands of commits
//! (BENCHMARKS.md). No judgement here: which service needed a runbook update is decided in
//! `checks::runbook_updated_with_code`.

use std::collections::BTreeSet;

use git2::{Commit, DiffOptions, ErrorCode, Oid, Repository};

use crate::discover::{Root, RootKind};
use crate::error::{Error, Result};

/// The trailer that exempts a range from the runbook rule.
pub const EXEMPT_TRAILER: &str = "Runbook-Not-Needed";

/// The branch whose default is used when `--changed-since` is not given.
pub const DEFAULT_REF: &str = "origin/HEAD";

/// What a branch changed since its merge base with REF.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChangedRange {
    /// The ref as the user gave it (`origin/main`).
    pub since: String,
    /// The merge base's full commit id.
    pub base: String,
    /// HEAD's full commit id.
    pub head: String,
    /// Every changed path (old and new side of a rename, deletions included), sorted, exactly
    /// as git stores it (`/` between folders, any `\` kept as part of a name).
    pub files: Vec<String>,
    /// The commits of `base..HEAD`, newest first.
    pub commits: Vec<RangeCommit>,
    /// Whether uncommitted changes (staged, unstaged, untracked) are included.
    pub worktree: bool,
}

/// One commit of the range.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RangeCommit {
    /// Full commit id.
    pub id: String,
    /// First line of its message.
    pub summary: String,
    /// The value of its `Runbook-Not-Needed:` trailer, when it has one.
    pub runbook_not_needed: Option<String>,
}

impl ChangedRange {
    /// The first commit carrying the exemption trailer, with its reason.
    pub fn exemption(&self) -> Option<(&RangeCommit, &str)> {
        self.commits
            .iter()
            .find_map(|c| c.runbook_not_needed.as_deref().map(|reason| (c, reason)))
    }
}

/// Reads the changed range of `root` since `since` (`None`: `origin/HEAD`, which must exist).
///
/// Errors are the user's to fix (exit 2): not a git repository, no default ref, an unknown ref,
/// no common ancestor, or a shallow clone missing the merge base (with the fix).
pub fn read(root: &Root, since: Option<&str>, worktree: bool) -> Result<ChangedRange> {
    let git_err = |message: String| Error::Git {
        path: root.path.clone(),
        message,
    };
    if root.kind == RootKind::Folder {
        return Err(Error::Input {
            path: root.path.clone(),
            message: "not a git repository: the gate compares commits".to_string(),
        });
    }
    if worktree && root.kind == RootKind::Bare {
        return Err(Error::Usage(format!(
            "--include-worktree: {} is a bare repository, it has no work tree",
            root.path.display()
        )));
    }
    let repo = crate::discover::open_repository(&root.path).map_err(|e| git_err(e.message().to_string()))?;
    let since = match since {
        Some(since) => since.to_string(),
        None if repo.revparse_single(DEFAULT_REF).is_ok() => DEFAULT_REF.to_string(),
        None => {
            return Err(Error::Usage(format!(
                "{}: no --changed-since REF given and {DEFAULT_REF} does not exist; pass the base branch, e.g. --changed-since origin/main",
                root.path.display()
            )));
        }
    };
    let base_tip = repo
        .revparse_single(&since)
        .and_then(|o| o.peel_to_commit())
        .map_err(|_| {
            let hint = if repo.is_shallow() {
                "this is a shallow clone: fetch the full history with the base branch (`fetch-depth: 0` in actions/checkout, `GIT_DEPTH: 0` in GitLab CI, or `git fetch --unshallow origin`)"
            } else {
                "fetch it first, e.g. `git fetch origin`"
            };
            Error::Usage(format!(
                "--changed-since {since}: unknown revision in {} ({hint})",
                root.path.display()
            ))
        })?;
    let head = repo
        .head()
        .and_then(|h| h.peel_to_commit())
        .map_err(|e| git_err(format!("cannot read HEAD: {}", e.message())))?;
    let base = match repo.merge_base(base_tip.id(), head.id()) {
        Ok(base) => base,
        Err(e) if e.code() == ErrorCode::NotFound && repo.is_shallow() => {
            return Err(Error::Usage(format!(
                "{}: shallow clone: the merge base of {since} and HEAD is not in the fetched history, so the changed files cannot be known. Fetch the full history: `fetch-depth: 0` in actions/checkout, `GIT_DEPTH: 0` in GitLab CI, or `git fetch --unshallow`",
                root.path.display()
            )));
        }
        Err(e) if e.code() == ErrorCode::NotFound => {
            return Err(Error::Usage(format!(
                "--changed-since {since}: it has no common ancestor with HEAD in {}",
                root.path.display()
            )));
        }
        Err(e) => return Err(git_err(format!("merge base of {since} and HEAD: {}", e.message()))),
    };
    let base_commit = repo
        .find_commit(base)
        .map_err(|e| git_err(format!("cannot read commit {base}: {}", e.message())))?;
    let mut files = BTreeSet::new();
    diff_paths(&repo, &base_commit, &head, worktree, &mut files).map_err(|e| git_err(e.message().to_string()))?;
    let commits = range_commits(&repo, base, head.id()).map_err(|e| git_err(e.message().to_string()))?;
    Ok(ChangedRange {
        since,
        base: base.to_string(),
        head: head.id().to_string(),
        files: files.into_iter().collect(),
        commits,
        worktree,
    })
}

/// The paths that differ between the two commits' trees (and the work tree when asked).
fn diff_paths(
    repo: &Repository,
    base: &Commit,
    head: &Commit,
    worktree: bool,
    files: &mut BTreeSet<String>,
) -> std::result::Result<(), git2::Error> {
    let base_tree = base.tree()?;
    let head_tree = head.tree()?;
    let mut options = DiffOptions::new();
    options.skip_binary_check(true);
    // Paths from git are never rewritten (`base::git_path`): a file named
    // `docs\runbooks\pay.md` is not the runbook `docs/runbooks/pay.md`, and taking it for one let
    // a change pass the gate (issue 11).
    let mut collect = |diff: git2::Diff| {
        for delta in diff.deltas() {
            for file in [delta.old_file(), delta.new_file()] {
                if let Some(path) = file.path_bytes() {
                    files.insert(crate::base::git_path::decode(path).into_owned());
                }
            }
        }
    };
    collect(repo.diff_tree_to_tree(Some(&base_tree), Some(&head_tree), Some(&mut options))?);
    if worktree {
        let mut options = DiffOptions::new();
        options
            .skip_binary_check(true)
            .include_untracked(true)
            .recurse_untracked_dirs(true);
        collect(repo.diff_tree_to_workdir_with_index(Some(&head_tree), Some(&mut options))?);
    }
    Ok(())
}

/// The commits reachable from HEAD and not from the merge base, newest first.
fn range_commits(repo: &Repository, base: Oid, head: Oid) -> std::result::Result<Vec<RangeCommit>, git2::Error> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
    walk.push(head)?;
    walk.hide(base)?;
    let mut commits = Vec::new();
    for id in walk {
        let commit = repo.find_commit(id?)?;
        let message = String::from_utf8_lossy(commit.message_bytes()).into_owned();
        commits.push(RangeCommit {
            id: commit.id().to_string(),
            summary: message.lines().next().unwrap_or("").trim().to_string(),
            runbook_not_needed: trailer(&message, EXEMPT_TRAILER),
        });
    }
    Ok(commits)
}

/// The value of a trailer (case-insensitive key), as git parses trailers; a blank value is none.
pub fn trailer(message: &str, key: &str) -> Option<String> {
    let trailers = git2::message_trailers_strs(message).ok()?;
    trailers
        .iter()
        .find(|(k, v)| k.eq_ignore_ascii_case(key) && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailers_are_read_like_git() {
        let message = "Bump the client\n\nNothing operational.\n\nRunbook-Not-Needed: internal refactor\nSigned-off-by: A <a@b.c>\n";
        assert_eq!(trailer(message, EXEMPT_TRAILER).as_deref(), Some("internal refactor"));
        assert_eq!(
            trailer("x\n\nrunbook-not-needed: lower case\n", EXEMPT_TRAILER).as_deref(),
            Some("lower case")
        );
        // In the body, not in the trailer block: not a trailer.
        assert_eq!(
            trailer("x\n\nRunbook-Not-Needed: no\n\nmore text\n", EXEMPT_TRAILER),
            None
        );
        assert_eq!(trailer("Runbook-Not-Needed: subject only", EXEMPT_TRAILER), None);
    }
}
