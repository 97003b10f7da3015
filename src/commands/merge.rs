//! `exitready merge A.json B.json…`: one estate report from reports made by separate jobs.
//! Every input is read strictly (another major `schema_version` is refused, exit 2) before
//! anything is written. `render` writes one report again in other formats.

use std::io::IsTerminal;

use std::path::PathBuf;

use crate::cli::{Format, GlobalArgs, MergeArgs, RenderArgs};
use crate::error::Result;
use crate::report::merge::merge;
use crate::report::model::Report;
use crate::report::render::{OutputFormat, Templates};
use crate::report::terminal;

use super::Outcome;
use super::scan::{output_format, outputs_for, render};

/// Runs `merge`.
pub fn run(global: &GlobalArgs, args: MergeArgs) -> Result<Outcome> {
    let now = super::now(global)?;
    let templates = Templates::load(args.templates.as_deref())?;
    let outputs = outputs_for(&args.outputs, args.format)?;
    let mut inputs = Vec::new();
    for path in &args.reports {
        inputs.push((path.display().to_string(), crate::report::read(path)?));
    }
    let report = merge(inputs, now);
    write(global, &report, &outputs, args.format, &templates)
}

/// Runs `render`: a JSON report written again in other formats (`render --from`, DESIGN §12).
pub fn render_command(global: &GlobalArgs, args: RenderArgs) -> Result<Outcome> {
    let templates = Templates::load(args.templates.as_deref())?;
    let outputs = outputs_for(&args.outputs, args.format)?;
    let report = crate::report::read(&args.report)?;
    write(global, &report, &outputs, args.format, &templates)
}

fn write(
    global: &GlobalArgs,
    report: &Report,
    outputs: &[(PathBuf, OutputFormat)],
    format: Option<Format>,
    templates: &Templates,
) -> Result<Outcome> {
    for (path, format) in outputs {
        super::write_output(path, &render(report, *format, templates, false)?)?;
    }
    if let Some(format) = format {
        let color = format == Format::Text && super::use_color(global.color, std::io::stdout().is_terminal());
        print!("{}", render(report, output_format(format), templates, color)?);
    } else if !global.quiet {
        print!(
            "{}",
            terminal::summary(report, super::use_color(global.color, std::io::stdout().is_terminal()))
        );
    }
    Ok(Outcome::Done)
}
