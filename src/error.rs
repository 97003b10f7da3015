//! The errors exitready reports to its user, and the exit code each one means.
//!
//! Every variant names what went wrong and where (file, line, key), because the reader is an
//! auditor or a CI log, not a debugger. All of them are the user's to fix (exit 2), except
//! `Internal`, which is a bug in exitready and says so. Per-file problems met during a scan are not
//! errors: they become warnings on the report (`facts::Warning`, written as `report::model::WarningReport`)
//! and the scan goes on.

use std::fmt;
use std::path::PathBuf;

/// One problem in an input file, located as precisely as the parser allows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file the problem is in.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The key (dotted) the problem is about, when known.
    pub key: Option<String>,
    /// What is wrong, as one sentence.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(key) = &self.key {
            write!(f, ": {key}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything that stops a command before or during its work.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given on the command line does not exist or is of the wrong type.
    #[error("{path}: {message}")]
    Input {
        /// The path as the user gave it.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A config, checklist, template or attestation file has problems; all of them are listed.
    #[error("{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// Every problem found, in file order.
        problems: Vec<Problem>,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A git operation failed on an input repository.
    #[error("{path}: {message}")]
    Git {
        /// The repository.
        path: PathBuf,
        /// libgit2's message, with what exitready was doing.
        message: String,
    },
    /// The command line is inconsistent (a missing value, two flags that exclude each other).
    #[error("{0}")]
    Usage(String),
    /// A bug in exitready: please report it.
    #[error("internal error (a bug in exitready, please report it): {0}")]
    Internal(String),
}

impl Error {
    /// One located problem as an error.
    pub fn invalid(problem: Problem) -> Self {
        Error::Invalid {
            problems: vec![problem],
        }
    }

    /// An I/O failure on a path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The result type of every fallible exitready operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;
