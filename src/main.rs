//! The `exitready` binary: parse the command line, run the command, and decide the exit code
//! once: 0 done, 1 a gate or bar not met, 2 a usage, config or input error.

use std::io::Write;
use std::process::ExitCode;

use exitready::base::text;
use exitready::commands::{self, Outcome, output};

fn main() -> ExitCode {
    let cli = exitready::cli::parse();
    let level = match (cli.global.quiet, cli.global.verbose) {
        (true, _) => log::LevelFilter::Error,
        (false, 0) => log::LevelFilter::Warn,
        (false, 1) => log::LevelFilter::Info,
        (false, _) => log::LevelFilter::Debug,
    };
    // Log messages name repository paths: they are made terminal-safe like every other output.
    env_logger::Builder::new()
        .filter_level(level)
        .format(|buf, record| {
            let style = buf.default_level_style(record.level());
            let message = record.args().to_string();
            writeln!(
                buf,
                "[{style}{:<5}{style:#}] {}",
                record.level(),
                text::terminal(&message)
            )
        })
        .init();
    match commands::run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::GateFailed) => ExitCode::from(1),
        Err(error) => {
            output::stderr(&format!("exitready: {}\n", text::terminal(&error.to_string())));
            ExitCode::from(2)
        }
    }
}
