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
    /// CI mode: fail when service code changed on this branch and its runbook did not.
    Gate(GateArgs),
    /// Explain why a file got its kind and owners, or why a check got its result.
    Explain(ExplainArgs),
    /// List the identities and organisations found in a repository's history.
    People(PeopleArgs),
    /// Write a starting exitready.toml from a repository's history.
    Init(InitArgs),
    /// Write the knowledge-transfer plan: per vendor island and service at risk, who knows it,
    /// who should take it over and which documents cover it (a starting docs/handoff.md).
    Plan(PlanArgs),
    /// Show what improved and what regressed between two JSON reports.
    Diff(DiffArgs),
    /// Combine JSON reports (from separate jobs) into one estate report.
    Merge(MergeArgs),
    /// Render a JSON report again, in another format (`-o report.html`).
    Render(RenderArgs),
    /// Write the handoff sign-off of a report from named people's attestations, or verify one.
    Signoff(SignoffArgs),
    /// List the built-in checklists, or print one.
    Checklists(ChecklistsArgs),
    /// Print the JSON Schema of the report (or of `explain --format json`).
    Schema(SchemaArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
}

/// `exitready people`.
#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// The repository.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PeopleFormat::Text)]
    pub format: PeopleFormat,
}

/// Formats of `people`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeopleFormat {
    /// A table.
    Text,
    /// JSON.
    Json,
}

/// `exitready init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The repository whose history lists the organisations.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Where to write (default: exitready.toml in the current folder).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// `exitready schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which document's schema.
    #[arg(value_enum, default_value_t = SchemaKind::Report)]
    pub which: SchemaKind,
}

/// The JSON documents exitready writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// The report (`scan --format json`, `-o report.json`).
    Report,
    /// One file explained (`explain PATH --format json`).
    Explain,
}

/// `exitready plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The repository (a git work tree or bare repository).
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Write the plan to FILE (Markdown, or JSON for .json) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the plan in this format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Md)]
    pub format: PlanFormat,
}

/// Formats of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Markdown: a starting docs/handoff.md.
    Md,
    /// JSON: the areas as in the report's `repositories[].plan`.
    Json,
}

/// `exitready completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The global options (`GlobalArgs`, by id).
const GLOBAL_OPTIONS: [&str; 5] = ["quiet", "verbose", "config", "color", "now"];

/// The global options each command ignores: they read no config, no clock, colour nothing or
/// print nothing to quiet. These options stay accepted there (scripts pass `--now` before any
/// command), but are hidden from those commands' help, completions and man page (issue 15).
const IGNORED_GLOBAL_OPTIONS: [(&str, &[&str]); 8] = [
    ("schema", &GLOBAL_OPTIONS),
    ("completions", &GLOBAL_OPTIONS),
    ("man", &GLOBAL_OPTIONS),
    ("checklists", &GLOBAL_OPTIONS),
    ("diff", &GLOBAL_OPTIONS),
    ("render", &["config", "now"]),
    ("merge", &["config"]),
    ("signoff", &["config", "color"]),
];

/// The global options `command` ignores.
fn ignored(command: &str) -> &'static [&'static str] {
    IGNORED_GLOBAL_OPTIONS
        .iter()
        .find(|(name, _)| *name == command)
        .map_or(&[], |(_, ids)| ids)
}

/// The command line's definition: the derived one, with the global options hidden from the
/// commands they do nothing for. clap copies a `global = true` option into every subcommand
/// that does not define one of the same id, so those commands get a hidden copy of their own;
/// its value still reaches `GlobalArgs`.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let globals: Vec<clap::Arg> = command
        .get_arguments()
        .filter(|arg| GLOBAL_OPTIONS.contains(&arg.get_id().as_str()))
        .cloned()
        .collect();
    for (name, ids) in IGNORED_GLOBAL_OPTIONS {
        let hidden = globals
            .iter()
            .filter(|arg| ids.contains(&arg.get_id().as_str()))
            .map(|arg| arg.clone().hide(true));
        command = command.mut_subcommand(name, |sub| sub.args(hidden));
    }
    command
}

/// The command line as completions and the man page document it: the global options only on
/// the commands they do something for. (clap_complete lists hidden options too, so here they
/// are copied into each such command instead of being global: this definition documents, it
/// does not parse.)
fn documented() -> clap::Command {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let globals: Vec<clap::Arg> = command
        .get_arguments()
        .filter(|arg| GLOBAL_OPTIONS.contains(&arg.get_id().as_str()))
        .map(|arg| arg.clone().global(false))
        .collect();
    for id in GLOBAL_OPTIONS {
        command = command.mut_arg(id, |arg| arg.global(false));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        let used: Vec<clap::Arg> = globals
            .iter()
            .filter(|arg| !ignored(&name).contains(&arg.get_id().as_str()))
            .cloned()
            .collect();
        command = command.mut_subcommand(name, |sub| sub.args(used));
    }
    command
}

/// Parses the command line (exits with clap's message and code 2 on a usage error).
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Writes the completions of the command line for a shell.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    clap_complete::generate(shell, &mut documented(), "exitready", out);
}

/// Writes the man page.
pub fn man(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    clap_mangen::Man::new(documented()).render(out)
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
    /// Not for stdout: accepted only to say "use -o report.html" (the HTML report is a file).
    #[value(hide = true)]
    Html,
}

/// Formats of the documents `diff` and `signoff` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    /// Human-readable lines.
    Text,
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

/// The most threads `--jobs` may ask for: more only wastes memory on stacks (10,000 threads
/// aborted, 30,000 hung), history reading does not scale past a few dozen.
pub const MAX_JOBS: u64 = 256;

/// `exitready scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Git work trees, bare repositories or plain documentation folders.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Where and how to write the report.
    #[command(flatten)]
    pub output: ReportOutputArgs,
    /// A built-in checklist name or a checklist file; repeat to combine. Default: exit-readiness.
    #[arg(long = "checklist", value_name = "NAME|FILE")]
    pub checklists: Vec<String>,
    /// Exit 1 when the overall score is under N (0-100).
    #[arg(long, value_name = "N")]
    pub fail_under: Option<f64>,
    /// Read history only from this date on (the report is then marked partial).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Read every commit again instead of the history cache (kept outside the repository, under
    /// EXITREADY_CACHE_DIR, $XDG_CACHE_HOME/exitready or ~/.cache/exitready).
    #[arg(long)]
    pub no_cache: bool,
    /// Threads for reading history (default: all cores; at most 256).
    #[arg(short, long, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_JOBS))]
    pub jobs: Option<usize>,
    /// Compare with this earlier JSON report: score then and now, checks that changed.
    #[arg(long, value_name = "OLD.json")]
    pub baseline: Option<PathBuf>,
    /// Scan every git repository found below each PATH (symlinks not followed); repositories
    /// that cannot be read are reported as failed and the others scanned.
    #[arg(long)]
    pub recursive: bool,
    /// Replace people by stable pseudonyms (organisations kept), for reports that leave the team.
    #[arg(long)]
    pub anonymize: bool,
    /// An offline ticket export: a Jira CSV, a GitLab issues CSV, or the JSON of `gh issue list
    /// --state open --json number,title,assignees,labels,createdAt,updatedAt,url`; repeatable.
    #[arg(long = "tickets", value_name = "FILE")]
    pub tickets: Vec<PathBuf>,
    /// Mix this secret into the pseudonyms of --anonymize, so that a suspected name cannot be
    /// hashed and compared (keep it, to line up later reports).
    #[arg(long, env = "EXITREADY_ANONYMIZE_SALT", value_name = "VALUE", hide_env_values = true)]
    pub salt: Option<String>,
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
    /// Where and how to write the report (with --format, the gate's lines go to stderr).
    #[command(flatten)]
    pub output: ReportOutputArgs,
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
    /// For a check id: the repository (or documentation folder) to evaluate it on; default: the
    /// current folder, when it is a git repository.
    #[arg(long, value_name = "PATH")]
    pub repo: Option<PathBuf>,
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
    /// Print the regulatory controls (DORA, RTS 2024/1773, PRA SS2/21, EBA, ISO 27001) each item
    /// of the checklist (default: exit-readiness) gives supporting evidence for.
    #[arg(long)]
    pub controls: bool,
}

/// `exitready diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier JSON report.
    pub old: PathBuf,
    /// The later JSON report.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextFormat::Text)]
    pub format: TextFormat,
}

/// `exitready merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The JSON reports to merge.
    #[arg(required = true, value_name = "REPORT.json")]
    pub reports: Vec<PathBuf>,
    /// Where and how to write the estate report.
    #[command(flatten)]
    pub output: ReportOutputArgs,
}

/// `exitready render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The JSON report.
    pub report: PathBuf,
    /// Where and how to write it.
    #[command(flatten)]
    pub output: ReportOutputArgs,
}

/// Where a report goes, for every command that writes one (`scan`, `gate`, `merge`, `render`).
#[derive(Debug, Args)]
pub struct ReportOutputArgs {
    /// Write the report to FILE, format from the extension (.json, .md, .html, .txt, .sarif,
    /// .junit.xml, .codequality.json; else --format); repeatable.
    #[arg(short, long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    /// Print the report to stdout in this format (the summary and warnings then go to stderr;
    /// HTML only with -o report.html).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Override built-in templates by name from this folder (e.g. report.md.hbs).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// `exitready signoff`.
#[derive(Debug, Args)]
pub struct SignoffArgs {
    /// The JSON report to sign off.
    #[arg(long, value_name = "REPORT.json", required_unless_present = "verify")]
    pub report: Option<PathBuf>,
    /// The attestations: `[[attestation]] item, by, date, note`.
    #[arg(long, value_name = "FILE.toml")]
    pub attestations: Option<PathBuf>,
    /// Write the sign-off to FILE (.md, .html or .json); repeatable.
    #[arg(short, long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,
    /// Print the sign-off to stdout in this format.
    #[arg(long, value_enum)]
    pub format: Option<TextFormat>,
    /// Check that the sign-off SIGNOFF (md, html or json) carries the SHA-256 of REPORT.
    #[arg(long, num_args = 2, value_names = ["SIGNOFF", "REPORT"], conflicts_with_all = ["report", "attestations", "outputs", "format"])]
    pub verify: Option<Vec<PathBuf>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
        command().debug_assert();
        documented().debug_assert();
    }

    /// See: issue 15, item 12. The global options are not offered where they do nothing, and
    /// are still accepted there.
    #[test]
    fn global_options_hidden_where_they_do_nothing() {
        let mut command = command();
        command.build();
        let schema = command.find_subcommand_mut("schema").unwrap();
        let help = schema.render_long_help().to_string();
        assert!(!help.contains("--config") && !help.contains("--now"), "{help}");
        let scan = command.find_subcommand_mut("scan").unwrap();
        let help = scan.render_long_help().to_string();
        assert!(help.contains("--config") && help.contains("--now"), "{help}");
        let matches = super::command()
            .try_get_matches_from(["exitready", "--now", "2026-01-01", "schema", "--quiet"])
            .unwrap();
        let cli = <Cli as clap::FromArgMatches>::from_arg_matches(&matches).unwrap();
        assert!(cli.global.quiet);
        assert_eq!(cli.global.now.as_deref(), Some("2026-01-01"));
        // Completions do not offer them either.
        let mut bash = Vec::new();
        completions(clap_complete::Shell::Bash, &mut bash);
        let bash = String::from_utf8(bash).unwrap();
        let schema = bash.split("        exitready__subcmd__schema)\n").nth(1).unwrap();
        let schema_opts = schema.lines().find(|l| l.trim_start().starts_with("opts=")).unwrap();
        assert!(!schema_opts.contains("--config"), "{schema_opts}");
        let scan = bash.split("        exitready__subcmd__scan)\n").nth(1).unwrap();
        let scan_opts = scan.lines().find(|l| l.trim_start().starts_with("opts=")).unwrap();
        assert!(
            scan_opts.contains("--config") && scan_opts.contains("--now"),
            "{scan_opts}"
        );
    }
}
