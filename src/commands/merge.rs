//! `exitready merge A.json B.json…`: one estate report from reports made by separate jobs.
//! Every input is read strictly (another major `schema_version` is refused, exit 2) before
//! anything is written. `render` writes one report again in other formats.

use crate::cli::{GlobalArgs, MergeArgs, RenderArgs};
use crate::error::Result;
use crate::report::model::Report;
use crate::workflows::merge::merge;

use super::common::Outcome;
use super::output::ReportOutputs;

/// Runs `merge`.
pub fn run(global: &GlobalArgs, args: MergeArgs) -> Result<Outcome> {
    let now = super::common::now(global)?;
    let outputs = ReportOutputs::resolve(&args.output)?;
    let mut inputs = Vec::new();
    for path in &args.reports {
        inputs.push((path.display().to_string(), crate::report::input::read(path)?));
    }
    let report = merge(inputs, now)?;
    write(global, &report, &outputs)
}

/// Runs `render`: a JSON report written again in other formats (`render --from`, DESIGN §12).
pub fn render_command(global: &GlobalArgs, args: RenderArgs) -> Result<Outcome> {
    let outputs = ReportOutputs::resolve(&args.output)?;
    let report = crate::report::input::read(&args.report)?;
    write(global, &report, &outputs)
}

/// Writes the report, then its summary when no `--format` took stdout.
fn write(global: &GlobalArgs, report: &Report, outputs: &ReportOutputs) -> Result<Outcome> {
    outputs.write(report, global)?;
    if let Some(summary) = outputs.summary(report, global) {
        outputs.print_for_people(&summary)?;
    }
    Ok(Outcome::Done)
}
