//! `exitready gate`: the CI mode (issue 6, DESIGN §6). Reads the changed range of the branch
//! (`facts::changes`: merge base, one tree diff, the branch's commits; never a full history
//! pass), gathers the HEAD facts that services need, evaluates the `ci-runbooks` checklist (or
//! `--checklist`), writes the requested report formats, prints one terse line per check and one
//! per failing finding, and exits 1 when any item fails or errs (or the score is under
//! `--fail-under`). Usage errors (not a repository, unknown ref, shallow clone without the merge
//! base) exit 2 before anything is evaluated.

use std::fmt::Write;
use std::io::IsTerminal;

use crate::checks::{Status, checklist};
use crate::cli::{GateArgs, GlobalArgs};
use crate::discover;
use crate::error::{Error, Result};
use crate::facts::{self, GatherOptions, changes};
use crate::report::build::{Scanned, build};
use crate::report::model::Report;
use crate::report::render::{OutputFormat, Templates};

use super::Outcome;

/// The checklist the gate evaluates when none is named.
pub const GATE_CHECKLIST: &str = "ci-runbooks";

/// Runs the gate.
pub fn run(global: &GlobalArgs, args: GateArgs) -> Result<Outcome> {
    let now = super::now(global)?;
    let root = discover::discover(std::slice::from_ref(&args.path))?.remove(0);
    let selection = if args.checklists.is_empty() {
        vec![GATE_CHECKLIST.to_string()]
    } else {
        args.checklists.clone()
    };
    let checklist = checklist::load(&selection)?;
    let templates = Templates::load(None)?;
    let outputs = super::scan::outputs_for(&args.outputs, args.format)?;
    if let Some(bar) = args.fail_under
        && !(0.0..=100.0).contains(&bar)
    {
        return Err(Error::Usage(format!(
            "--fail-under {bar}: expected a score from 0 to 100"
        )));
    }
    let shared = super::shared_config(global)?;
    let (config, config_path) = super::config_for(global, shared.as_ref(), &root)?;
    let started = std::time::Instant::now();
    let range = changes::read(&root, args.changed_since.as_deref(), args.include_worktree)?;
    log::info!(
        "changed range read in {} ms: {} file(s), {} commit(s)",
        started.elapsed().as_millis(),
        range.files.len(),
        range.commits.len()
    );

    // The gate answers from the changed range alone; the full history pass (seconds on a large
    // repository) runs only when --fail-under or --checklist asks for checks that need it.
    let options = GatherOptions {
        config: config.clone(),
        config_path,
        now,
        skip_history: args.fail_under.is_none() && args.checklists.is_empty(),
        // Likewise the exit inventory, which only exit-readiness items read.
        skip_exit: args.fail_under.is_none() && args.checklists.is_empty(),
        ..GatherOptions::default()
    };
    let mut facts = facts::gather(&root, &options)?;
    log::info!("HEAD facts gathered in {} ms", started.elapsed().as_millis());
    facts.changes = Some(range.clone());
    let report = build(&checklist, vec![Scanned { facts, config }], now);

    for (path, format) in &outputs {
        super::write_output(path, &super::scan::render(&report, *format, &templates, false)?)?;
        log::info!("wrote {}", path.display());
    }
    if let Some(format) = args.format {
        let format = super::scan::output_format(format);
        let color = format == OutputFormat::Text && super::use_color(global.color, std::io::stdout().is_terminal());
        print!("{}", super::scan::render(&report, format, &templates, color)?);
    }
    let mut lines = lines(&report, &range, global.quiet);
    if crate::report::annotations::in_github_actions() {
        lines.push_str(&crate::report::annotations::github(&report));
    }
    if args.format.is_none() {
        print!("{lines}");
    } else {
        eprint!("{lines}");
    }
    let failed = report
        .checks
        .iter()
        .any(|c| matches!(c.status, Status::Fail | Status::Error));
    let under = match (args.fail_under, report.score.overall) {
        (Some(bar), Some(score)) if score < bar => {
            eprintln!("exitready: score {score:.1} is under the bar of {bar}");
            true
        }
        (Some(bar), None) => {
            eprintln!("exitready: no score could be computed, so the bar of {bar} is not met");
            true
        }
        _ => false,
    };
    Ok(if failed || under {
        Outcome::GateFailed
    } else {
        Outcome::Done
    })
}

/// The terse output: the range, one line per check, and one indented line per failing finding
/// (for the runbook rule: one per failing service). With `quiet`, only failures.
pub fn lines(report: &Report, range: &changes::ChangedRange, quiet: bool) -> String {
    let mut out = String::new();
    if !quiet {
        let _ = writeln!(
            out,
            "exitready gate: {} file(s) changed in {} commit(s) since {} (merge base {}){}",
            range.files.len(),
            range.commits.len(),
            range.since,
            &range.base[..range.base.len().min(12)],
            if range.worktree {
                ", uncommitted changes included"
            } else {
                ""
            }
        );
    }
    for line in crate::report::terminal::waiver_lines(report) {
        if !quiet || line.starts_with("waiver expired") {
            let _ = writeln!(out, "{line}");
        }
    }
    for check in &report.checks {
        let failing = matches!(check.status, Status::Fail | Status::Error);
        if quiet && !failing {
            continue;
        }
        let mark = match check.status {
            Status::Fail => "FAIL",
            Status::Error => "ERROR",
            Status::Warn => "warn",
            Status::Pass => "ok",
            Status::Skip => "skip",
        };
        let _ = writeln!(out, "{mark} {}: {}", check.id, one_line(&check.reason));
        if !failing {
            continue;
        }
        for evidence in check.evidence.iter().filter(|e| e.negative && e.waived.is_none()) {
            let place = match (&evidence.path, evidence.line, check.rule.as_str()) {
                (_, _, "runbook_updated_with_code") | (None, _, _) => String::new(),
                (Some(path), Some(line), _) => format!("{path}:{line}: "),
                (Some(path), None, _) => format!("{path}: "),
            };
            let _ = writeln!(out, "  {place}{}", one_line(&evidence.message));
        }
    }
    out
}

/// Folds line breaks so that repository content cannot forge extra output lines.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}
