//! The gate's terse output (`exitready gate`): the changed range, one line per check, one
//! indented line per failing finding (for the runbook rule, one per failing service), and when
//! it fails, the ways out (issue 15: the trailer, `[gate] exempt`, a waiver). Every repository
//! string is made terminal-safe on one line (`base::text::one_line`): line breaks folded, so
//! that a path cannot forge output lines, and escape sequences replaced.

use std::fmt::Write;

use super::model::{CheckResult as Check, Report};
use crate::base::text::one_line;
use crate::checks::Status;
use crate::facts::changes::{ChangedRange, EXEMPT_TRAILER};

/// The rule kind whose failures the trailer and `[gate] exempt` answer.
const RUNBOOK_RULE: &str = "runbook_updated_with_code";

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
                (_, _, RUNBOOK_RULE) | (None, _, _) => String::new(),
                (Some(path), Some(line), _) => format!("{}:{line}: ", one_line(path)),
                (Some(path), None, _) => format!("{}: ", one_line(path)),
            };
            let _ = writeln!(out, "  {place}{}", one_line(&evidence.message));
        }
    }
    out.push_str(&ways_out(report));
    out
}

/// The ways out of the failing checks: for the runbook rule, updating the runbook, the
/// `Runbook-Not-Needed:` trailer, `[gate] exempt` and a waiver, named for the failing services;
/// for any other check, a waiver.
fn ways_out(report: &Report) -> String {
    let failing: Vec<&Check> = report
        .checks
        .iter()
        .filter(|c| matches!(c.status, Status::Fail | Status::Error))
        .collect();
    let mut out = String::new();
    for check in failing {
        if check.rule != RUNBOOK_RULE {
            let _ = writeln!(
                out,
                "ways out of {id}: fix what it names, or set its findings aside until a date with a [[waiver]] \
                 (check = \"{id}\", path, reason, expires) in exitready.toml",
                id = one_line(&check.id)
            );
            continue;
        }
        let services = failing_services(report, check);
        let names = if services.is_empty() {
            "\"SERVICE\"".to_string()
        } else {
            services
                .iter()
                .map(|(name, _)| format!("\"{}\"", one_line(name)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let path = services.first().map_or("SERVICE/**".to_string(), |(_, path)| {
            if path == "." {
                "**".to_string()
            } else {
                format!("{}/**", one_line(path))
            }
        });
        let _ = writeln!(
            out,
            "ways out: update the runbook on this branch, or\n  \
             - add a commit with the trailer `{EXEMPT_TRAILER}: <reason>` (exempts the whole range; the reason is printed),\n  \
             - exempt the service for good: [gate] exempt = [{names}] in exitready.toml,\n  \
             - set the finding aside until a date: a [[waiver]] with check = \"{}\", path = \"{path}\", reason and expires.",
            one_line(&check.id)
        );
    }
    out
}

/// The services (name, folder) of a repository whose code a failing runbook finding names:
/// the service with the longest folder holding the finding's first changed file.
fn failing_services(report: &Report, check: &Check) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for evidence in check.evidence.iter().filter(|e| e.negative && e.waived.is_none()) {
        let Some(file) = &evidence.path else { continue };
        let service = report
            .repositories
            .iter()
            .filter(|r| evidence.repository.as_ref().is_none_or(|name| &r.name == name))
            .flat_map(|r| &r.services)
            .filter(|s| s.path == "." || file.starts_with(&format!("{}/", s.path)))
            .max_by_key(|s| if s.path == "." { 0 } else { s.path.len() });
        if let Some(s) = service
            && !found.iter().any(|(name, _)| *name == s.name)
        {
            found.push((s.name.clone(), s.path.clone()));
        }
    }
    found
}
