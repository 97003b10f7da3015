//! The commands: each turns its parsed arguments into resolved settings, runs the pipeline and
//! says which exit code the run earned. Printing of errors and the exit itself stay in `main`.

pub mod checklists;
pub mod common;
pub mod diff;
pub mod estate;
pub mod explain;
pub mod gate;
pub mod merge;
pub mod output;
pub mod people;
pub mod plan;
pub mod scan;
pub mod signoff;

pub use common::Outcome;

use crate::cli::{Cli, Command, SchemaKind};
use crate::error::{Error, Result};

/// Runs the command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    // The commands that read a history refuse a cache folder they could not place safely
    // before any work.
    if matches!(
        cli.command,
        Command::Scan(_) | Command::Explain(_) | Command::People(_) | Command::Init(_) | Command::Gate(_)
    ) {
        crate::facts::history::cache::check_environment()?;
    }
    match cli.command {
        Command::Scan(args) => scan::run(&cli.global, args),
        Command::Explain(args) => explain::run(&cli.global, args),
        Command::Checklists(args) => checklists::run(args),
        Command::People(args) => people::run_people(&cli.global, args),
        Command::Init(args) => people::run_init(&cli.global, args),
        Command::Plan(args) => plan::run(&cli.global, args),
        Command::Diff(args) => diff::run(args),
        Command::Signoff(args) => signoff::run(&cli.global, args),
        Command::Merge(args) => merge::run(&cli.global, args),
        Command::Render(args) => merge::render_command(&cli.global, args),
        Command::Schema(args) => {
            let schema = match args.which {
                SchemaKind::Report => schemars::schema_for!(crate::report::model::Report),
                SchemaKind::Explain => schemars::schema_for!(crate::report::model::FileExplanation),
            };
            output::stdout(&crate::report::render::json(&schema)?)?;
            Ok(Outcome::Done)
        }
        Command::Completions(args) => {
            let mut text = Vec::new();
            crate::cli::completions(args.shell, &mut text);
            output::stdout(&String::from_utf8_lossy(&text))?;
            Ok(Outcome::Done)
        }
        Command::Man => {
            let mut text = Vec::new();
            crate::cli::man(&mut text).map_err(|e| Error::Internal(format!("cannot render the man page: {e}")))?;
            output::stdout(&String::from_utf8_lossy(&text))?;
            Ok(Outcome::Done)
        }
        Command::Gate(args) => gate::run(&cli.global, args),
    }
}
