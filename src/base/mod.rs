//! The vocabulary every stage shares, below all of them: document kinds, organisation roles,
//! file classes, freshness signals, dates, hashing, git paths as text, and text made safe to
//! show.
//!
//! Nothing here reads a file, a repository or the clock, and nothing here imports another module
//! of the crate: settings, facts, checks and the report all import from `base`, never the
//! reverse, so that the pipeline's imports only flow down (ARCHITECTURE.md).

pub mod dates;
pub mod digest;
pub mod doc_kind;
pub mod file_class;
pub mod git_path;
pub mod role;
pub mod signal;
pub mod text;
