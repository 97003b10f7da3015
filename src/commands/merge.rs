//! `exitready merge A.json B.json…`: one estate report from reports made by separate jobs.
//! Every input is read strictly (another major `schema_version` is refused, exit 2) before
//! anything is written. `render` writes one report again in other formats.

use std::io::IsTerminal;

use std::path::PathBuf;

use crate::cli::{Format, GlobalArgs, MergeArgs, RenderArgs, ReportOutputArgs};
use crate::error::Result;
use crate::report::model::Report;
use crate::report::render::{OutputFormat, Templates};
use crate::report::terminal;
use crate::workflows::merge::merge;

use super::common::Outcome;
use super::scan::{output_format, outputs_for, render};

/// Runs `merge`.
pub fn run(global: &GlobalArgs, args: MergeArgs) -> Result<Outcome> {
    let now = super::common::now(global)?;
    let (templates, outputs) = prepare(&args.output)?;
    let mut inputs = Vec::new();
    for path in &args.reports {
        inputs.push((path.display().to_string(), crate::report::input::read(path)?));
    }
    let report = merge(inputs, now);
    write(global, &report, &outputs, args.output.format, &templates)
}

/// The templates and output paths of a command that writes a report, checked before any work.
fn prepare(
    output: &ReportOutputArgs,
) -> Result<(
    Templates,
    Vec<(std::path::PathBuf, crate::report::render::OutputFormat)>,
)> {
    Ok((
        Templates::load(output.templates.as_deref())?,
        outputs_for(&output.outputs, output.format)?,
    ))
}

/// Runs `render`: a JSON report written again in other formats (`render --from`, DESIGN §12).
pub fn render_command(global: &GlobalArgs, args: RenderArgs) -> Result<Outcome> {
    let (templates, outputs) = prepare(&args.output)?;
    let report = crate::report::input::read(&args.report)?;
    write(global, &report, &outputs, args.output.format, &templates)
}

fn write(
    global: &GlobalArgs,
    report: &Report,
    outputs: &[(PathBuf, OutputFormat)],
    format: Option<Format>,
    templates: &Templates,
) -> Result<Outcome> {
    for (path, format) in outputs {
        super::common::write_output(path, &render(report, *format, templates, false)?)?;
    }
    if let Some(format) = format {
        let color = format == Format::Text && super::common::use_color(global.color, std::io::stdout().is_terminal());
        print!("{}", render(report, output_format(format), templates, color)?);
    } else if !global.quiet {
        print!(
            "{}",
            terminal::summary(
                report,
                super::common::use_color(global.color, std::io::stdout().is_terminal())
            )
        );
    }
    Ok(Outcome::Done)
}
