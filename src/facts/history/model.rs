//! The history pass's data: its options and errors, identities, one record per commit with the
//! paths it changed, per-path events across renames, in-flight branches, and `HistoryFacts`.
//! Plain serialisable data; `walk.rs` fills it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

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
    /// HEAD cannot be read: garbage in `.git/HEAD`, or the commit it names is missing.
    #[error("{path}: cannot read HEAD: {source}")]
    Head {
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
    /// Problems with the history cache: a damaged file dropped (the history was read again), a
    /// cache folder inside the repository left unused. The facts are complete either way.
    pub cache_warnings: Vec<String>,
}
