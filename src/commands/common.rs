//! What every command shares: how it ends (`Outcome`), the report clock, colour and terminal
//! detection, the config of each root, and writing output files.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::{ColorChoice, GlobalArgs};
use crate::discover::Root;
use crate::error::{Error, Result};
use crate::settings::Config;

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done (exit 0).
    Done,
    /// A gate or a bar was not met (exit 1).
    GateFailed,
}

/// The report clock: `--now` when given (a date is midnight UTC), else the wall clock.
pub fn now(global: &GlobalArgs) -> Result<jiff::Timestamp> {
    match &global.now {
        None => Ok(jiff::Timestamp::now()),
        Some(text) => crate::base::dates::parse_date(text)
            .ok_or_else(|| Error::Usage(format!("--now {text}: expected YYYY-MM-DD or an RFC 3339 time"))),
    }
}

/// Whether to colour output written to a stream that is (or is not) a terminal.
pub fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Whether stderr is a terminal (progress bars and coloured warnings go there).
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// The config for a root: `--config` for every root when given, else the root's own file.
pub fn config_for(global: &GlobalArgs, shared: Option<&Config>, root: &Root) -> Result<(Config, Option<PathBuf>)> {
    if let (Some(config), Some(path)) = (shared, &global.config) {
        return Ok((config.clone(), Some(path.clone())));
    }
    let path = root.path.join(crate::settings::CONFIG_FILE);
    match Config::load_for_root(&root.path)? {
        Some(config) => {
            log::debug!("{}: config read from {}", root.name, path.display());
            Ok((config, Some(path)))
        }
        None => {
            log::debug!(
                "{}: no {} found, using defaults",
                root.name,
                crate::settings::CONFIG_FILE
            );
            Ok((Config::default(), None))
        }
    }
}

/// Loads `--config` when given, failing before any work.
pub fn shared_config(global: &GlobalArgs) -> Result<Option<Config>> {
    global.config.as_deref().map(load_config_file).transpose()
}

fn load_config_file(path: &Path) -> Result<Config> {
    if !path.is_file() {
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: "config file not found".to_string(),
        });
    }
    Config::load(path)
}

/// Writes an output file, naming it on failure.
pub fn write_output(path: &Path, contents: &str) -> Result<()> {
    std::fs::write(path, contents).map_err(|e| Error::io(path, e))
}
