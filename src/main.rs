//! The `exitready` binary: parse the command line, run the command, and decide the exit code
//! once: 0 done, 1 a gate or bar not met, 2 a usage, config or input error.

use std::process::ExitCode;

use exitready::commands::{self, Outcome};

fn main() -> ExitCode {
    let cli = exitready::cli::parse();
    let level = match (cli.global.quiet, cli.global.verbose) {
        (true, _) => log::LevelFilter::Error,
        (false, 0) => log::LevelFilter::Warn,
        (false, 1) => log::LevelFilter::Info,
        (false, _) => log::LevelFilter::Debug,
    };
    env_logger::Builder::new()
        .filter_level(level)
        .format_timestamp(None)
        .format_target(false)
        .init();
    match commands::run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::GateFailed) => ExitCode::from(1),
        Err(error) => {
            eprintln!("exitready: {error}");
            ExitCode::from(2)
        }
    }
}
