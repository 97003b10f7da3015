//! The swappable part of the history pass: decoding and diffing commits. `walk.rs` drives an
//! [`Engine`]; the git2 implementation lives there too, and a gix one could be added beside it.

use super::model::{Change, HistoryError};

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
    ) -> Result<Vec<Decoded>, HistoryError>;
}
