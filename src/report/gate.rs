//! The gate's terse output (`exitready gate`): the changed range, one line per check, and one
//! indented line per failing finding (for the runbook rule, one per failing service). Line
//! breaks in repository content are folded, so that a path cannot forge output lines.

use std::fmt::Write;

use super::model::Report;
use crate::checks::Status;
use crate::facts::changes::ChangedRange;

/// The terse output: the range, one line per check, and one indented line per failing finding
/// (for the runbook rule: one per failing service). With `quiet`, only failures.
pub fn lines(report: &Report, range: &ChangedRange, quiet: bool) -> String {
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
    for line in super::terminal::waiver_lines(report) {
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
