//! The command line, and the only module that knows clap.
//!
//! These structs stay close to the flags and do no I/O; `commands::*` turn them into resolved
//! settings (config loaded, globs compiled, paths absolute) before any work starts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Audits how replaceable an outside IT vendor is: runbooks, design notes, ownership and who
/// knows the code, with evidence.
#[derive(Debug, Parser)]
#[command(name = "exitready", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Print nothing but errors and the requested output.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Log what exitready does to stderr (repeat for more).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Use this config file for every root instead of each root's own exitready.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to colour the terminal output (NO_COLOR is honoured by `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Pin the clock (RFC 3339 or YYYY-MM-DD, UTC) so that ages and reviews are reproducible.
    #[arg(long, global = true, value_name = "DATE")]
    pub now: Option<String>,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit repositories and documentation folders and write the exit-readiness report.
    Scan(ScanArgs),
    /// Explain why a file got its kind and owners, or why a check got its result.
    Explain(ExplainArgs),
    /// List the built-in checklists, or print one.
    Checklists(ChecklistsArgs),
    /// CI mode: fail when service code changed on this branch and its runbook did not.
    Gate(GateArgs),
}

/// Output formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The terminal summary.
    Text,
    /// The full report as JSON (the stable contract).
    Json,
    /// The full report as Markdown.
    Md,
    /// SARIF 2.1.0, for code scanning (one result per finding).
    Sarif,
    /// JUnit XML (one test case per checklist item).
    Junit,
    /// GitLab Code Quality JSON (one issue per finding).
    Codequality,
}

/// `exitready scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Git work trees, bare repositories or plain documentation folders.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Write the report to FILE, format from the extension (.json, .md, .sarif, .xml, .codequality.json, else --format); repeatable.
    #[arg(short, long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    /// Print the report to stdout in this format (summary and warnings go to stderr).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// A built-in checklist name or a checklist file; repeat to combine. Default: exit-readiness.
    #[arg(long = "checklist", value_name = "NAME|FILE")]
    pub checklists: Vec<String>,
    /// Override built-in templates by name from this folder (e.g. report.md.hbs).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Exit 1 when the overall score is under N (0-100).
    #[arg(long, value_name = "N")]
    pub fail_under: Option<f64>,
    /// Read history only from this date on (the report is then marked partial).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Threads for reading history (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `exitready gate`.
#[derive(Debug, Args)]
pub struct GateArgs {
    /// The git work tree (or bare repository) to check.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The base branch: files changed between its merge base with HEAD and HEAD are checked
    /// (default: origin/HEAD, when it exists).
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Also count uncommitted changes (staged, unstaged and untracked files).
    #[arg(long)]
    pub include_worktree: bool,
    /// Write the report to FILE, format from the extension; repeatable.
    #[arg(short, long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    /// Print the report to stdout in this format (the gate's lines go to stderr).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// A built-in checklist name or a checklist file; repeat to combine. Default: ci-runbooks.
    #[arg(long = "checklist", value_name = "NAME|FILE")]
    pub checklists: Vec<String>,
    /// Also fail when the overall score of the checklist(s) is under N (0-100).
    #[arg(long, value_name = "N")]
    pub fail_under: Option<f64>,
}

/// `exitready explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A file inside a git work tree (absolute or relative), or a check id such as `documentation.runbooks`.
    pub target: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
    /// For a check id: the repository to evaluate it on.
    #[arg(long, value_name = "PATH", default_value = ".")]
    pub repo: PathBuf,
    /// For a check id: a built-in checklist name or a checklist file; repeatable.
    #[arg(long = "checklist", value_name = "NAME|FILE")]
    pub checklists: Vec<String>,
}

/// Formats of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Human-readable lines.
    Text,
    /// JSON.
    Json,
}

/// `exitready checklists`.
#[derive(Debug, Args)]
pub struct ChecklistsArgs {
    /// Print this built-in checklist's TOML (to copy and adapt).
    pub name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
