//! The gate's terse output (`exitready gate`): the changed range, one line per check, and one
//! indented line per failing finding (for the runbook rule, one per failing service). Every
//! repository string is made terminal-safe on one line (`base::text::one_line`): line breaks
//! folded, so that a path cannot forge output lines, and escape sequences replaced.

use std::fmt::Write;

use super::model::Report;
use crate::base::text::one_line;
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
            one_line(&range.since),
            one_line(&range.base[..range.base.floor_char_boundary(12)]),
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
        let _ = writeln!(out, "{mark} {}: {}", one_line(&check.id), one_line(&check.reason));
        if !failing {
            continue;
        }
        for evidence in check.evidence.iter().filter(|e| e.negative && e.waived.is_none()) {
            let place = match (&evidence.path, evidence.line, check.rule.as_str()) {
                (_, _, "runbook_updated_with_code") | (None, _, _) => String::new(),
                (Some(path), Some(line), _) => format!("{}:{line}: ", one_line(path)),
                (Some(path), None, _) => format!("{}: ", one_line(path)),
            };
            let _ = writeln!(out, "  {place}{}", one_line(&evidence.message));
        }
    }
    out
}
