//! `exitready scan`: discover the roots, gather their facts, evaluate the checklists, write the
//! report in every requested format, and decide the exit code (1 only under `--fail-under`).

use crate::base::text;
use crate::checks::checklist;
use crate::cli::{GlobalArgs, ScanArgs};
use crate::discover;
use crate::error::{Error, Result};
use crate::report::build::build;

use super::common::Outcome;
use super::output::{ReportOutputs, ScoreBar};

/// Runs a scan.
pub fn run(global: &GlobalArgs, args: ScanArgs) -> Result<Outcome> {
    // Everything that can be wrong with the input is checked before any work starts.
    let now = super::common::now(global)?;
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
    let outputs = ReportOutputs::resolve(&args.output)?;
    let baseline = args.baseline.as_deref().map(crate::report::input::read).transpose()?;
    let shared = super::common::shared_settings(global)?;
    let mut settings = Vec::new();
    for root in &roots {
        settings.push(super::common::settings_for(shared.as_ref(), root)?);
    }
    let since = args
        .since
        .as_deref()
        .map(|text| {
            crate::base::dates::parse_date_or_why(text).map_err(|why| Error::Usage(format!("--since {text}: {why}")))
        })
        .transpose()?;
    let bar = ScoreBar::resolve(args.fail_under, settings.iter().find_map(|s| s.thresholds.fail_under))?;

    let work = roots.into_iter().zip(settings).collect();
    let progress = !global.quiet && super::common::stderr_is_terminal();
    let base = crate::facts::GatherOptions {
        since,
        now,
        no_cache: args.no_cache,
        tickets,
        ..Default::default()
    };
    // One root that cannot be read is an error (exit 2); among several, it is reported in
    // `failed` and the others are scanned.
    let keep_going = args.recursive || args.paths.len() > 1;
    let (scanned, more_failed) = super::estate::gather_all(work, args.jobs, keep_going, progress, &base)?;
    failed.extend(more_failed);
    let people = crate::workflows::anonymize::people_in(&scanned);
    let mut report = build(&checklist, scanned, now);
    for f in &failed {
        super::output::stderr(&format!(
            "warning: {}: not scanned: {}\n",
            text::one_line(&f.path),
            text::one_line(&f.message)
        ));
    }
    if !failed.is_empty() {
        report
            .warning_counts
            .insert("failed_repository".to_string(), failed.len());
    }
    report.failed = failed;
    if args.anonymize {
        let pseudonyms = crate::workflows::anonymize::Pseudonyms {
            salt: args.salt.as_deref().filter(|s| !s.is_empty()),
        };
        crate::workflows::anonymize::anonymize(&mut report, people, pseudonyms)?;
    } else if args.salt.is_some() {
        log::info!("--salt (or EXITREADY_ANONYMIZE_SALT) is used only with --anonymize");
    }
    report.baseline = baseline.map(|old| crate::workflows::compare::compare(&old, &report));
    for warning in report.baseline.iter().flat_map(|b| &b.warnings) {
        super::output::stderr(&format!("warning: baseline: {}\n", text::one_line(warning)));
    }

    outputs.write(&report, global)?;
    if let Some(summary) = outputs.summary(&report, global) {
        outputs.print_for_people(&summary)?;
    }
    if crate::report::annotations::in_github_actions() {
        outputs.print_for_people(&crate::report::annotations::github(&report))?;
    }
    Ok(match bar {
        Some(bar) if !bar.met_by(&report) => Outcome::GateFailed,
        _ => Outcome::Done,
    })
}
