//! History facts: one pass over every commit reachable from HEAD (DESIGN §2, §8).
//!
//! Reads a git repository (work tree or bare) strictly read-only and produces [`HistoryFacts`]:
//! resolved identities, one [`CommitRecord`] per non-merge commit with the paths it added,
//! modified, deleted or renamed, the history of every path at HEAD across renames, and the
//! branches whose tip HEAD does not reach (in-flight work). It never reads file contents except
//! blobs needed to pair inexact renames, never writes, never uses the network and passes no
//! judgement: the `knowledge` module turns these facts into figures.
//!
//! The expensive part (decoding and diffing every commit) sits behind [`engine::Engine`] so that
//! another backend (gix, a cache of earlier scans) can replace the git2 one in [`walk`].

pub mod cache;
mod identity;
mod inflight;
mod paths;
mod renames;
#[cfg(test)]
pub(crate) mod testkit;
mod treediff;
mod walk;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub(crate) use identity::glob_match;

/// Options of one history pass.
#[derive(Debug, Clone, Default)]
pub struct HistoryOptions {
    /// Only commits whose committer date is at or after this instant are read (then the history
    /// is marked partial).
    pub since: Option<jiff::Timestamp>,
    /// Second addresses: email → canonical email, both lowercase (config `[people] aliases`).
    pub aliases: BTreeMap<String, String>,
    /// Bot patterns matched against name and email, case-insensitively; `*` is the only wildcard.
    pub bot_patterns: Vec<String>,
    /// Worker threads for the diff pass; 0 means one per core.
    pub jobs: usize,
    /// Show an indicatif progress bar on stderr (hidden anyway when stderr is not a terminal).
    pub progress: bool,
    /// Where decoded commits are cached between scans (`None`: no cache).
    pub cache_dir: Option<PathBuf>,
}

/// Why the history pass could not run at all (anything smaller becomes a warning).
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The path is not a git repository, or libgit2 cannot open it.
    #[error("{path}: cannot open as a git repository: {source}")]
    Open {
        /// The path given.
        path: String,
        /// libgit2's error.
        source: git2::Error,
    },
    /// The thread pool for the diff pass could not be built.
    #[error("cannot start {jobs} worker threads: {message}")]
    Threads {
        /// Threads asked for.
        jobs: usize,
        /// rayon's message.
        message: String,
    },
}

/// One person (or bot) after `.mailmap` and aliases.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Identity {
    /// Display name (the mailmap's, else the one used on the most recent commit).
    pub name: String,
    /// Canonical email, lowercase (empty when commits carry none).
    pub email: String,
    /// Matched `[bot]` or a configured bot pattern.
    pub is_bot: bool,
    /// Non-merge commits reachable from HEAD authored by this identity.
    pub commits: usize,
    /// Commits naming this identity in a `Co-authored-by` trailer.
    pub co_authored: usize,
    /// Author date of the first authored commit, RFC 3339 UTC (`None` for co-authors only).
    pub first_commit: Option<String>,
    /// Author date of the last authored commit, RFC 3339 UTC.
    pub last_commit: Option<String>,
}

/// One path-level change of a commit against its first parent.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A new path.
    Added {
        /// Repository-relative path.
        path: String,
    },
    /// Content or mode changed.
    Modified {
        /// Repository-relative path.
        path: String,
    },
    /// The path disappeared.
    Deleted {
        /// Repository-relative path.
        path: String,
    },
    /// The path moved (similarity 100 means the same blob: a pure move).
    Renamed {
        /// Old path.
        from: String,
        /// New path.
        to: String,
        /// 50..=100, percent of content kept.
        similarity: u8,
    },
}

impl Change {
    /// The path this change leaves behind (the new path of a rename).
    pub fn path(&self) -> &str {
        match self {
            Change::Added { path } | Change::Modified { path } | Change::Deleted { path } => path,
            Change::Renamed { to, .. } => to,
        }
    }
}

/// One non-merge commit reachable from HEAD.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CommitRecord {
    /// Full hex id.
    pub id: String,
    /// Index into [`HistoryFacts::identities`].
    pub author: usize,
    /// Author date, unix seconds.
    pub time: i64,
    /// Identities named in `Co-authored-by` trailers (author excluded, no duplicates, sorted).
    pub co_authors: Vec<usize>,
    /// Listed in `.git-blame-ignore-revs`: counts for no one.
    pub ignored: bool,
    /// Path changes against the first parent, sorted by the path they leave behind.
    pub changes: Vec<Change>,
}

/// What happened to a path at HEAD in one commit, following renames back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathEventKind {
    /// The file was created (or re-added after a deletion) here.
    Created,
    /// Its content or mode changed.
    Modified,
    /// It arrived here from another path; `content_changed` is false for a pure move.
    Renamed {
        /// The path it had before.
        from: String,
        /// Whether the blob changed too.
        content_changed: bool,
    },
    /// It was deleted (and later re-added, or it would not be at HEAD).
    Deleted,
}

/// One event of a path's history.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PathEvent {
    /// Index into [`HistoryFacts::commits`].
    pub commit: usize,
    /// What happened.
    pub kind: PathEventKind,
}

/// A branch whose tip HEAD does not reach.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct InFlightBranch {
    /// `name` for a local branch, `remote/name` for a remote-tracking one.
    pub branch: String,
    /// Whether it is a remote-tracking branch.
    pub remote: bool,
    /// Index into [`HistoryFacts::identities`] of the tip's author.
    pub last_author: usize,
    /// Full hex id of the tip.
    pub last_commit: String,
    /// Author date of the tip, unix seconds.
    pub last_commit_time: i64,
    /// Commits reachable from the tip but not from HEAD.
    pub commits_ahead: usize,
}

/// Everything the history pass learned about one repository.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct HistoryFacts {
    /// Full hex id of HEAD (`None` for an empty repository or an unborn branch).
    pub head: Option<String>,
    /// The figures rest on incomplete history (shallow clone, `--since`, unreadable objects).
    pub partial_history: bool,
    /// One sentence per cause of `partial_history`, with the fix where there is one.
    pub partial_reasons: Vec<String>,
    /// Identities sorted by email, then name.
    pub identities: Vec<Identity>,
    /// Non-merge commits reachable from HEAD, parents before children (then by date).
    pub commits: Vec<CommitRecord>,
    /// Path at HEAD → its history across renames and re-adds, oldest first.
    pub path_events: BTreeMap<String, Vec<PathEvent>>,
    /// Path at HEAD → index into `commits` of its last content change (a pure move is none;
    /// ignored commits are skipped unless they are all there is).
    pub last_content_change: BTreeMap<String, usize>,
    /// Path at HEAD → every commit that changed its content, oldest first (ignored ones too).
    pub path_commits: BTreeMap<String, Vec<usize>>,
    /// Every path ever present in a commit's tree (changes seen plus HEAD's files).
    pub paths_seen: BTreeSet<String>,
    /// Branches whose tip is not reachable from HEAD, by branch name.
    pub in_flight: Vec<InFlightBranch>,
    /// Submodules met (not descended), by path.
    pub submodules: Vec<String>,
    /// Non-fatal problems (unreadable `.git-blame-ignore-revs` lines, submodules, …).
    pub warnings: Vec<String>,
}

/// Reads the history of the repository at `repo_path` (work tree or bare), read-only.
pub fn gather(repo_path: &Path, opts: &HistoryOptions) -> Result<HistoryFacts, HistoryError> {
    walk::gather(repo_path, opts)
}

/// The swappable part of the pass: decoding and diffing commits.
pub(crate) mod engine {
    use super::Change;

    /// A commit as an engine reports it, before identities are resolved.
    #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    pub(crate) struct RawCommit {
        /// Author name and email as stored (possibly invalid UTF-8).
        pub author: (Vec<u8>, Vec<u8>),
        /// Author date, unix seconds.
        pub time: i64,
        /// Committer date, unix seconds (what `--since` compares).
        pub committed: i64,
        /// `Co-authored-by` trailers as (name, email).
        pub co_authors: Vec<(String, String)>,
        /// Path changes against the first parent.
        pub changes: Vec<Change>,
        /// Submodule paths met in the changed trees.
        pub submodules: Vec<String>,
        /// An object that could not be read, named with the commit.
        pub error: Option<String>,
    }

    /// What an engine makes of one commit id.
    #[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
    pub(crate) enum Decoded {
        /// A merge commit: adds no paths of its own.
        Merge,
        /// Older than `--since`.
        TooOld,
        /// A commit to record.
        Commit(Box<RawCommit>),
        /// The commit object itself is unreadable.
        Unreadable(String),
    }

    /// Decodes and diffs commits; implementations may run in parallel.
    pub(crate) trait Engine {
        /// One [`Decoded`] per id, in the order given; `tick` is called as commits complete.
        fn decode(
            &self,
            ids: &[git2::Oid],
            since: Option<i64>,
            tick: &(dyn Fn(u64) + Sync),
        ) -> Result<Vec<Decoded>, super::HistoryError>;
    }
}

#[cfg(test)]
mod tests {
    use super::testkit::{Fx, Op};
    use super::*;
    use pretty_assertions::assert_eq;

    const BOB: (&str, &str) = ("Bob", "bob@client.com");
    const DAY: i64 = 86_400;
    const T0: i64 = 1_700_000_000;

    fn opts() -> HistoryOptions {
        HistoryOptions {
            jobs: 2,
            ..HistoryOptions::default()
        }
    }

    fn who(facts: &HistoryFacts, i: usize) -> &str {
        &facts.identities[i].email
    }

    #[test]
    fn empty_repository_and_unborn_head_give_empty_facts() {
        let fx = Fx::new();
        let facts = gather(fx.path(), &opts()).unwrap();
        assert_eq!(facts, HistoryFacts::default());
        assert!(gather(&fx.path().join("nope"), &opts()).is_err());
    }

    #[test]
    fn a_rename_keeps_history_and_a_pure_move_is_no_content_change() {
        let fx = Fx::new();
        let body: String = (0..30).map(|i| format!("fn f{i}() {{}}\n")).collect();
        fx.commit("main", fx.alice(), T0, &[Op::write("src/a.rs", &body)]);
        fx.commit(
            "main",
            BOB,
            T0 + DAY,
            &[Op::write("src/a.rs", &format!("{body}// b\n"))],
        );
        fx.commit("main", BOB, T0 + 2 * DAY, &[Op::rename("src/a.rs", "lib/a.rs")]);
        fx.commit(
            "main",
            fx.alice(),
            T0 + 3 * DAY,
            &[Op::delete("lib/a.rs"), Op::write("core/a.rs", &format!("{body}// c\n"))],
        );
        let facts = gather(fx.path(), &opts()).unwrap();
        assert_eq!(facts.commits.len(), 4);
        assert_eq!(
            facts.commits[2].changes,
            vec![Change::Renamed {
                from: "src/a.rs".into(),
                to: "lib/a.rs".into(),
                similarity: 100
            }]
        );
        assert!(matches!(
            facts.commits[3].changes[..],
            [Change::Renamed {
                similarity: 93..=99,
                ..
            }]
        ));
        assert_eq!(facts.path_commits["core/a.rs"], vec![0, 1, 3]);
        assert_eq!(facts.last_content_change["core/a.rs"], 3);
        assert_eq!(facts.path_events["core/a.rs"].len(), 4);
        assert_eq!(
            facts.paths_seen.iter().collect::<Vec<_>>(),
            vec!["core/a.rs", "lib/a.rs", "src/a.rs"]
        );
        assert!(!facts.partial_history);
        assert_eq!(facts.head, Some(facts.commits[3].id.clone()));
    }

    #[test]
    fn a_merged_topic_branch_is_credited_and_unmerged_work_is_in_flight() {
        let fx = Fx::new();
        fx.commit("main", fx.alice(), T0, &[Op::write("x.rs", "1")]);
        fx.commit("topic", BOB, T0 + DAY, &[Op::write("y.rs", "1")]);
        fx.commit("topic", BOB, T0 + 2 * DAY, &[Op::write("y.rs", "2")]);
        fx.commit("main", fx.alice(), T0 + 3 * DAY, &[Op::write("x.rs", "2")]);
        fx.merge("main", "topic", fx.alice(), T0 + 4 * DAY);
        fx.commit("wip", BOB, T0 + 5 * DAY, &[Op::write("z.rs", "1")]);
        let tip = fx.commit("wip", BOB, T0 + 6 * DAY, &[Op::write("z.rs", "2")]);
        let facts = gather(fx.path(), &opts()).unwrap();
        assert_eq!(facts.commits.len(), 4);
        let authors: Vec<&str> = facts.commits.iter().map(|c| who(&facts, c.author)).collect();
        assert_eq!(
            authors,
            vec![
                "alice@vendor.com",
                "bob@client.com",
                "bob@client.com",
                "alice@vendor.com"
            ]
        );
        let y: Vec<usize> = facts.path_events["y.rs"].iter().map(|e| e.commit).collect();
        assert_eq!(y, vec![1, 2]);
        assert!(!facts.path_events.contains_key("z.rs"));
        assert_eq!(facts.in_flight.len(), 1);
        let wip = &facts.in_flight[0];
        assert_eq!(
            (
                wip.branch.as_str(),
                wip.commits_ahead,
                wip.last_commit.clone(),
                wip.last_commit_time
            ),
            ("wip", 2, tip.to_string(), T0 + 6 * DAY)
        );
        assert_eq!(who(&facts, wip.last_author), "bob@client.com");
        assert_eq!(facts.identities[1].commits, 2);
        assert_eq!(facts.identities[1].last_commit.as_deref(), Some("2023-11-16T22:13:20Z"));
    }

    #[test]
    fn blame_ignore_revs_mark_reformatting_commits() {
        let fx = Fx::new();
        fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        let fmt = fx.commit("main", BOB, T0 + DAY, &[Op::write("a.rs", "1 ")]);
        let list = format!("# rustfmt\n{fmt}\nnot-a-rev\n");
        fx.commit("main", BOB, T0 + 2 * DAY, &[Op::write(".git-blame-ignore-revs", &list)]);
        let facts = gather(fx.path(), &opts()).unwrap();
        let ignored: Vec<bool> = facts.commits.iter().map(|c| c.ignored).collect();
        assert_eq!(ignored, vec![false, true, false]);
        assert_eq!(facts.last_content_change["a.rs"], 0);
        assert_eq!(
            facts.warnings,
            vec![".git-blame-ignore-revs:3: `not-a-rev` is not a commit here".to_string()]
        );
    }

    #[test]
    fn mailmap_aliases_bots_and_co_authors() {
        let fx = Fx::new();
        std::fs::write(
            fx.path().join(".mailmap"),
            "Alice Vendor <alice@vendor.com> <alice@home.net>\n",
        )
        .unwrap();
        fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        fx.commit("main", ("al", "Alice@Home.net"), T0 + DAY, &[Op::write("a.rs", "2")]);
        fx.commit(
            "main",
            ("Bob B", "bob.b@gmail.com"),
            T0 + DAY,
            &[Op::write("b.rs", "1")],
        );
        fx.commit(
            "main",
            ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
            T0,
            &[Op::write("c.rs", "1")],
        );
        fx.commit(
            "main",
            ("Renovate", "renovate@whitesource.io"),
            T0,
            &[Op::write("c.rs", "2")],
        );
        fx.commit_msg(
            "main",
            fx.alice(),
            T0 + 2 * DAY,
            &[Op::write("a.rs", "3")],
            "pair\n\nCo-authored-by: Bob <bob.b@gmail.com>\nCo-authored-by: Alice <alice@vendor.com>\n",
        );
        let o = HistoryOptions {
            aliases: BTreeMap::from([("bob.b@gmail.com".to_string(), "bob@client.com".to_string())]),
            bot_patterns: vec!["renovate*".into()],
            ..opts()
        };
        let facts = gather(fx.path(), &o).unwrap();
        let ids: Vec<(&str, &str, bool, usize, usize)> = facts
            .identities
            .iter()
            .map(|i| (i.name.as_str(), i.email.as_str(), i.is_bot, i.commits, i.co_authored))
            .collect();
        assert_eq!(
            ids,
            vec![
                (
                    "dependabot[bot]",
                    "49699333+dependabot[bot]@users.noreply.github.com",
                    true,
                    1,
                    0
                ),
                ("Alice", "alice@vendor.com", false, 3, 0),
                ("Bob B", "bob@client.com", false, 1, 1),
                ("Renovate", "renovate@whitesource.io", true, 1, 0),
            ]
        );
        assert_eq!(facts.commits[5].co_authors, vec![2]);
    }

    #[test]
    fn a_shallow_clone_is_partial_and_says_how_to_fix_it() {
        let fx = Fx::new();
        fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        fx.commit("main", BOB, T0 + DAY, &[Op::write("a.rs", "2")]);
        let dest = tempfile::tempdir().unwrap();
        let url = format!("file://{}", fx.path().display());
        let status = std::process::Command::new("git")
            .args(["clone", "-q", "--depth", "1", &url])
            .arg(dest.path().join("c"))
            .status()
            .unwrap();
        assert!(status.success());
        let facts = gather(&dest.path().join("c"), &opts()).unwrap();
        assert!(facts.partial_history);
        assert!(facts.partial_reasons[0].contains("git fetch --unshallow"));
        assert_eq!(facts.commits.len(), 1);
        assert_eq!(facts.commits[0].changes, vec![Change::Added { path: "a.rs".into() }]);
    }

    #[test]
    fn bare_repositories_and_detached_heads_work_and_since_marks_partial() {
        let fx = Fx::new();
        let first = fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        fx.commit("main", BOB, T0 + DAY, &[Op::write("a.rs", "2")]);
        let bare = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("git")
            .args(["clone", "-q", "--bare"])
            .arg(fx.path())
            .arg(bare.path().join("b.git"))
            .status()
            .unwrap();
        assert!(status.success());
        let facts = gather(&bare.path().join("b.git"), &opts()).unwrap();
        assert_eq!(facts.commits.len(), 2);
        fx.repo.set_head_detached(first).unwrap();
        let facts = gather(fx.path(), &opts()).unwrap();
        assert_eq!(facts.head, Some(first.to_string()));
        assert_eq!(facts.in_flight[0].branch, "main");
        fx.repo.set_head("refs/heads/main").unwrap();
        let since = jiff::Timestamp::from_second(T0 + 3600).unwrap();
        let facts = gather(
            fx.path(),
            &HistoryOptions {
                since: Some(since),
                ..opts()
            },
        )
        .unwrap();
        assert_eq!(facts.commits.len(), 1);
        assert!(facts.partial_history);
        assert_eq!(
            facts.partial_reasons,
            vec!["only commits since 2023-11-14T23:13:20Z were read (--since)"]
        );
    }

    #[test]
    fn submodules_are_listed_not_descended() {
        let fx = Fx::new();
        let c = fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        let base = fx.repo.find_commit(c).unwrap().tree().unwrap();
        let mut tb = fx.repo.treebuilder(Some(&base)).unwrap();
        tb.insert("vendor-lib", c, 0o160000).unwrap();
        let tree = fx.repo.find_tree(tb.write().unwrap()).unwrap();
        let sig = git2::Signature::new("Bob", "bob@client.com", &git2::Time::new(T0 + DAY, 0)).unwrap();
        let parent = fx.repo.find_commit(c).unwrap();
        fx.repo
            .commit(Some("HEAD"), &sig, &sig, "sub", &tree, &[&parent])
            .unwrap();
        let facts = gather(fx.path(), &opts()).unwrap();
        assert_eq!(facts.submodules, vec!["vendor-lib"]);
        assert_eq!(facts.warnings, vec!["submodule `vendor-lib` not descended"]);
        assert!(facts.commits[1].changes.is_empty());
    }

    #[test]
    fn a_corrupt_tree_names_object_and_commit_and_the_rest_survives() {
        let fx = Fx::new();
        fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        let bad = fx.commit("main", BOB, T0 + DAY, &[Op::write("sub/b.rs", "1")]);
        fx.commit("main", BOB, T0 + 2 * DAY, &[Op::write("a.rs", "2")]);
        let tree = fx.repo.find_commit(bad).unwrap().tree().unwrap();
        let sub = tree.get_name("sub").unwrap().id().to_string();
        let file = fx.path().join(".git/objects").join(&sub[..2]).join(&sub[2..]);
        let mut perms = std::fs::metadata(&file).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&file, perms).unwrap();
        std::fs::write(&file, b"garbage").unwrap();
        let facts = gather(fx.path(), &opts()).unwrap();
        assert!(facts.partial_history);
        assert_eq!(facts.commits.len(), 3);
        let reason = &facts.partial_reasons[0];
        assert!(reason.contains(&sub) && reason.contains(&bad.to_string()), "{reason}");
        assert_eq!(facts.path_commits["a.rs"], vec![0, 2]);
    }
}
