//! What every command shares: how it ends (`Outcome`), the report clock, colour and terminal
//! detection, the config of each root, and writing output files.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::discover::Root;
use crate::error::{Error, Result};
use crate::settings::{CONFIG_FILE, Settings};

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
        Some(text) => {
            crate::base::dates::parse_date_or_why(text).map_err(|why| Error::Usage(format!("--now {text}: {why}")))
        }
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

/// The settings for a root: `--config` for every root when given, else the root's own file,
/// else the defaults.
pub fn settings_for(shared: Option<&Settings>, root: &Root) -> Result<Settings> {
    if let Some(settings) = shared {
        return Ok(settings.clone());
    }
    match Settings::load_for_root(&root.path)? {
        Some(settings) => {
            log::debug!(
                "{}: config read from {}",
                root.name,
                root.path.join(CONFIG_FILE).display()
            );
            Ok(settings)
        }
        None => {
            log::debug!("{}: no {CONFIG_FILE} found, using defaults", root.name);
            Ok(Settings::default())
        }
    }
}

/// Loads `--config` when given, failing before any work.
pub fn shared_settings(global: &GlobalArgs) -> Result<Option<Settings>> {
    global
        .config
        .as_deref()
        .map(|path| {
            if !path.exists() {
                return Err(Error::Input {
                    path: path.to_path_buf(),
                    message: "config file not found".to_string(),
                });
            }
            Settings::load(path)
        })
        .transpose()
}

/// Writes an output file, naming it on failure.
pub fn write_output(path: &Path, contents: &str) -> Result<()> {
    std::fs::write(path, contents).map_err(|e| Error::io(path, e))
}
