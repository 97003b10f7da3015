//! `exitready gate`: the CI mode (issue 6, DESIGN §6). Reads the changed range of the branch
//! (`facts::changes`: merge base, one tree diff, the branch's commits; never a full history
//! pass), gathers the HEAD facts that services need, evaluates the `ci-runbooks` checklist (or
//! `--checklist`), writes the requested report formats, prints one terse line per check and one
//! per failing finding, and exits 1 when any item fails or errs (or the score is under
//! `--fail-under`). Usage errors (not a repository, unknown ref, shallow clone without the merge
//! base) exit 2 before anything is evaluated.

use crate::checks::{Status, checklist};
use crate::cli::{GateArgs, GlobalArgs};
use crate::discover;
use crate::error::Result;
use crate::facts::{self, GatherOptions, changes};
use crate::report::build::{Scanned, build};

use super::common::Outcome;
use super::output::{ReportOutputs, ScoreBar};

/// The checklist the gate evaluates when none is named.
pub const GATE_CHECKLIST: &str = "ci-runbooks";

/// Runs the gate.
pub fn run(global: &GlobalArgs, args: GateArgs) -> Result<Outcome> {
    let now = super::common::now(global)?;
    let root = discover::discover(std::slice::from_ref(&args.path))?.remove(0);
    let selection = if args.checklists.is_empty() {
        vec![GATE_CHECKLIST.to_string()]
    } else {
        args.checklists.clone()
    };
    let checklist = checklist::load(&selection)?;
    let outputs = ReportOutputs::resolve(&args.output)?;
    let bar = ScoreBar::resolve(args.fail_under, None)?;
    let shared = super::common::shared_settings(global)?;
    let settings = super::common::settings_for(shared.as_ref(), &root)?;
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
        settings,
        now,
        skip_history: args.fail_under.is_none() && args.checklists.is_empty(),
        // Likewise the exit inventory, which only exit-readiness items read.
        skip_exit: args.fail_under.is_none() && args.checklists.is_empty(),
        ..GatherOptions::default()
    };
    let mut facts = facts::gather(&root, &options)?;
    log::info!("HEAD facts gathered in {} ms", started.elapsed().as_millis());
    facts.changes = Some(range.clone());
    let report = build(
        &checklist,
        vec![Scanned {
            facts,
            settings: options.settings,
        }],
        now,
    );

    outputs.write(&report, global)?;
    let mut lines = crate::report::gate::lines(&report, &range, global.quiet);
    if crate::report::annotations::in_github_actions() {
        lines.push_str(&crate::report::annotations::github(&report));
    }
    outputs.print_for_people(&lines)?;
    let failed = report
        .checks
        .iter()
        .any(|c| matches!(c.status, Status::Fail | Status::Error));
    let under = bar.is_some_and(|bar| !bar.met_by(&report));
    Ok(if failed || under {
        Outcome::GateFailed
    } else {
        Outcome::Done
    })
}
