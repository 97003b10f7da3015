//! `exitready scan`: discover the roots, gather their facts, evaluate the checklists, write the
//! report in every requested format, and decide the exit code (1 only under `--fail-under`).

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::checks::checklist;
use crate::cli::{Format, GlobalArgs, ScanArgs};
use crate::discover;
use crate::error::{Error, Result};
use crate::report::build::build;
use crate::report::model::Report;
use crate::report::render::{OutputFormat, Templates, json};
use crate::report::terminal;

use super::Outcome;

/// Runs a scan.
pub fn run(global: &GlobalArgs, args: ScanArgs) -> Result<Outcome> {
    // Everything that can be wrong with the input is checked before any work starts.
    let now = super::now(global)?;
    let (roots, mut failed) = if args.recursive {
        let found = super::estate::find(&args.paths)?;
        (discover::discover(&found.repositories)?, found.failed)
    } else {
        (discover::discover(&args.paths)?, Vec::new())
    };
    let checklist = checklist::load(&args.checklists)?;
    let tickets = args
        .tickets
        .iter()
        .map(|path| crate::facts::tickets::read_export(path))
        .collect::<Result<Vec<_>>>()?;
    let templates = Templates::load(args.templates.as_deref())?;
    let outputs = outputs(&args)?;
    let baseline = args.baseline.as_deref().map(crate::report::read).transpose()?;
    let shared = super::shared_config(global)?;
    let mut configs = Vec::new();
    for root in &roots {
        configs.push(super::config_for(global, shared.as_ref(), root)?);
    }
    let since = args
        .since
        .as_deref()
        .map(|text| {
            crate::base::dates::parse_date(text)
                .ok_or_else(|| Error::Usage(format!("--since {text}: expected YYYY-MM-DD or an RFC 3339 time")))
        })
        .transpose()?;
    let fail_under = args
        .fail_under
        .or_else(|| configs.iter().find_map(|(c, _)| c.thresholds.fail_under));
    if let Some(bar) = fail_under
        && !(0.0..=100.0).contains(&bar)
    {
        return Err(Error::Usage(format!(
            "--fail-under {bar}: expected a score from 0 to 100"
        )));
    }

    let work = roots.into_iter().zip(configs).map(|(r, (c, p))| (r, c, p)).collect();
    let progress = !global.quiet && super::stderr_is_terminal();
    let base = crate::facts::GatherOptions {
        since,
        now,
        no_cache: args.no_cache,
        tickets,
        ..Default::default()
    };
    let (scanned, more_failed) = super::estate::gather_all(work, args.jobs, args.recursive, progress, &base)?;
    failed.extend(more_failed);
    let people = crate::report::anonymize::people_in(&scanned);
    let mut report = build(&checklist, scanned, now);
    for f in &failed {
        eprintln!("warning: {}: not scanned: {}", f.path, f.message);
    }
    if !failed.is_empty() {
        report
            .warning_counts
            .insert("failed_repository".to_string(), failed.len());
    }
    report.failed = failed;
    if args.anonymize {
        crate::report::anonymize::anonymize(&mut report, people)?;
    }
    report.baseline = baseline.map(|old| crate::report::compare::compare(&old, &report));

    for (path, format) in &outputs {
        super::write_output(path, &render(&report, *format, &templates, false)?)?;
        log::info!("wrote {}", path.display());
    }
    if let Some(format) = args.format {
        let format = output_format(format);
        let color = format == OutputFormat::Text && super::use_color(global.color, std::io::stdout().is_terminal());
        print!("{}", render(&report, format, &templates, color)?);
    }
    if !global.quiet && args.format.is_none() {
        print!(
            "{}",
            terminal::summary(&report, super::use_color(global.color, std::io::stdout().is_terminal()))
        );
    } else if !global.quiet && args.format != Some(Format::Text) {
        eprint!(
            "{}",
            terminal::summary(&report, super::use_color(global.color, super::stderr_is_terminal()))
        );
    }
    if crate::report::annotations::in_github_actions() {
        let commands = crate::report::annotations::github(&report);
        if args.format.is_none() {
            print!("{commands}");
        } else {
            eprint!("{commands}");
        }
    }
    match (fail_under, report.score.overall) {
        (Some(bar), Some(score)) if score < bar => {
            eprintln!("exitready: score {score:.1} is under the bar of {bar}");
            Ok(Outcome::GateFailed)
        }
        (Some(bar), None) => {
            eprintln!("exitready: no score could be computed, so the bar of {bar} is not met");
            Ok(Outcome::GateFailed)
        }
        _ => Ok(Outcome::Done),
    }
}

/// The rendering a `--format` asks for.
pub fn output_format(format: Format) -> OutputFormat {
    match format {
        Format::Text => OutputFormat::Text,
        Format::Json => OutputFormat::Json,
        Format::Md => OutputFormat::Markdown,
        Format::Sarif => OutputFormat::Sarif,
        Format::Junit => OutputFormat::Junit,
        Format::Codequality => OutputFormat::CodeQuality,
    }
}

fn outputs(args: &ScanArgs) -> Result<Vec<(PathBuf, OutputFormat)>> {
    outputs_for(&args.outputs, args.format)
}

/// Each output path with its format: by extension, else `format`, else a usage error.
pub fn outputs_for(paths: &[PathBuf], format: Option<Format>) -> Result<Vec<(PathBuf, OutputFormat)>> {
    paths
        .iter()
        .map(|path| {
            let format = OutputFormat::from_path(path)
                .or(format.map(output_format))
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "-o {}: unknown extension; use .json, .md, .html, .txt, .sarif, .junit.xml or .codequality.json, or give --format",
                        path.display()
                    ))
                })?;
            Ok((path.clone(), format))
        })
        .collect()
}

/// Renders the report in one format.
pub fn render(report: &Report, format: OutputFormat, templates: &Templates, color: bool) -> Result<String> {
    match format {
        OutputFormat::Json => json(report),
        OutputFormat::Markdown => templates.markdown(report),
        OutputFormat::Html => crate::report::html::render(report, templates),
        OutputFormat::Text => Ok(terminal::summary(report, color)),
        OutputFormat::Sarif => crate::report::sarif::sarif(report),
        OutputFormat::Junit => Ok(crate::report::junit::junit(report)),
        OutputFormat::CodeQuality => crate::report::codequality::codequality(report),
    }
}
