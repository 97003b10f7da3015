//! `exitready diff OLD.json NEW.json`: what improved and what regressed between two reports,
//! as text (each changed check named by its id), Markdown or JSON. Always exit 0: a diff
//! informs, `--fail-under` and `gate` decide.

use crate::cli::{DiffArgs, TextFormat};
use crate::error::Result;
use crate::report::render::json;
use crate::workflows::compare::compare;

use super::common::Outcome;

/// Runs `diff`.
pub fn run(args: DiffArgs) -> Result<Outcome> {
    let old = crate::report::input::read(&args.old)?;
    let new = crate::report::input::read(&args.new)?;
    let comparison = compare(&old, &new);
    for warning in &comparison.warnings {
        super::output::stderr(&format!("warning: {}\n", crate::base::text::one_line(warning)));
    }
    let text = match args.format {
        TextFormat::Text => crate::report::diff::text(&comparison),
        TextFormat::Md => crate::report::diff::markdown(&comparison),
        TextFormat::Json => json(&comparison)?,
    };
    super::output::stdout(&text)?;
    Ok(Outcome::Done)
}
