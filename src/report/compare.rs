//! Comparing two reports: what improved and what regressed since a baseline (last quarter's
//! report), for `scan --baseline OLD.json` and `exitready diff OLD.json NEW.json`.
//!
//! Data only: the comparison is part of the report model, and its text and Markdown renderings
//! escape every repository string. Statuses are ordered error < fail < warn < pass; a move to or
//! from `skip` is neither better nor worse and is listed as changed. Stale documents and knowledge
//! islands are matched by repository name and path.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::model::Report;
use super::render::escape_markdown;
use crate::checks::Status;

/// The difference between a baseline report and the current one.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Comparison {
    /// When the baseline was generated.
    pub baseline_generated_at: String,
    /// Overall score then (0–100).
    pub score_then: Option<f64>,
    /// Overall score now.
    pub score_now: Option<f64>,
    /// Grade then.
    pub grade_then: Option<String>,
    /// Grade now.
    pub grade_now: Option<String>,
    /// Each category's score then and now.
    pub categories: Vec<CategoryChange>,
    /// Every check whose status changed, in the current report's order (then the removed ones).
    pub checks: Vec<CheckChange>,
    /// Stale documents that were not stale (or absent) in the baseline.
    pub new_stale_docs: Vec<PathRef>,
    /// Documents stale in the baseline that are no longer stale (or gone).
    pub resolved_stale_docs: Vec<PathRef>,
    /// Knowledge islands that are new.
    pub new_islands: Vec<PathRef>,
    /// Knowledge islands of the baseline that are gone.
    pub resolved_islands: Vec<PathRef>,
}

/// A category's score then and now.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct CategoryChange {
    /// The category.
    pub category: String,
    /// 0–100 then.
    pub then: Option<f64>,
    /// 0–100 now.
    pub now: Option<f64>,
}

/// How a check's status moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Towards pass.
    Improved,
    /// Towards error.
    Regressed,
    /// To or from skip, or the check is new or gone.
    Changed,
}

/// One check whose status changed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct CheckChange {
    /// The check id.
    pub id: String,
    /// Its title (the current one, else the baseline's).
    pub title: String,
    /// Status then (`null` when the check is new).
    pub from: Option<Status>,
    /// Status now (`null` when the check is gone).
    pub to: Option<Status>,
    /// Improved, regressed or changed.
    pub direction: Direction,
}

/// A path in a repository.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct PathRef {
    /// The repository's name.
    pub repository: String,
    /// The path in it.
    pub path: String,
}

/// How a status moved from `from` to `to`.
pub fn direction(from: Status, to: Status) -> Direction {
    if from == Status::Skip || to == Status::Skip {
        Direction::Changed
    } else if to > from {
        Direction::Improved
    } else {
        Direction::Regressed
    }
}

/// Compares a baseline report with the current one.
pub fn compare(then: &Report, now: &Report) -> Comparison {
    let categories = now
        .score
        .categories
        .keys()
        .chain(then.score.categories.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|c| CategoryChange {
            category: c.clone(),
            then: then.score.categories.get(c).copied().flatten(),
            now: now.score.categories.get(c).copied().flatten(),
        })
        .collect();
    let old: BTreeMap<&str, &super::model::CheckResult> = then.checks.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut checks = Vec::new();
    for check in &now.checks {
        match old.get(check.id.as_str()) {
            Some(before) if before.status == check.status => {}
            Some(before) => checks.push(CheckChange {
                id: check.id.clone(),
                title: check.title.clone(),
                from: Some(before.status),
                to: Some(check.status),
                direction: direction(before.status, check.status),
            }),
            None => checks.push(CheckChange {
                id: check.id.clone(),
                title: check.title.clone(),
                from: None,
                to: Some(check.status),
                direction: Direction::Changed,
            }),
        }
    }
    for before in &then.checks {
        if !now.checks.iter().any(|c| c.id == before.id) {
            checks.push(CheckChange {
                id: before.id.clone(),
                title: before.title.clone(),
                from: Some(before.status),
                to: None,
                direction: Direction::Changed,
            });
        }
    }
    let (stale_then, stale_now) = (stale_docs(then), stale_docs(now));
    let (islands_then, islands_now) = (islands(then), islands(now));
    Comparison {
        baseline_generated_at: then.generated_at.clone(),
        score_then: then.score.overall,
        score_now: now.score.overall,
        grade_then: then.score.grade.clone(),
        grade_now: now.score.grade.clone(),
        categories,
        checks,
        new_stale_docs: stale_now.difference(&stale_then).cloned().collect(),
        resolved_stale_docs: stale_then.difference(&stale_now).cloned().collect(),
        new_islands: islands_now.difference(&islands_then).cloned().collect(),
        resolved_islands: islands_then.difference(&islands_now).cloned().collect(),
    }
}

fn stale_docs(report: &Report) -> BTreeSet<PathRef> {
    report
        .repositories
        .iter()
        .flat_map(|r| {
            r.documents.iter().filter(|d| d.stale).map(|d| PathRef {
                repository: r.name.clone(),
                path: d.path.clone(),
            })
        })
        .collect()
}

fn islands(report: &Report) -> BTreeSet<PathRef> {
    report
        .repositories
        .iter()
        .flat_map(|r| {
            r.knowledge.iter().flat_map(|k| &k.islands).map(|i| PathRef {
                repository: r.name.clone(),
                path: i.path.clone(),
            })
        })
        .collect()
}

fn score_text(score: Option<f64>, grade: &Option<String>) -> String {
    match (score, grade) {
        (Some(s), Some(g)) => format!("{s:.1} ({g})"),
        (Some(s), None) => format!("{s:.1}"),
        _ => "n/a".to_string(),
    }
}

fn status_text(status: Option<Status>) -> &'static str {
    status.map_or("absent", Status::as_str)
}

fn delta(c: &Comparison) -> String {
    match (c.score_then, c.score_now) {
        (Some(a), Some(b)) => format!(", {:+.1}", b - a),
        _ => String::new(),
    }
}

/// One line for the terminal summary: the score move and how many checks moved which way.
pub fn summary_line(c: &Comparison) -> String {
    format!(
        "since the baseline of {}: {} → {}{}; {} improved, {} regressed, {} changed",
        c.baseline_generated_at
            .chars()
            .filter(|ch| !ch.is_control())
            .collect::<String>(),
        score_text(c.score_then, &c.grade_then),
        score_text(c.score_now, &c.grade_now),
        delta(c),
        c.moved(Direction::Improved).count(),
        c.moved(Direction::Regressed).count(),
        c.moved(Direction::Changed).count()
    )
}

impl Comparison {
    /// The checks that moved in one direction.
    pub fn moved(&self, direction: Direction) -> impl Iterator<Item = &CheckChange> {
        self.checks.iter().filter(move |c| c.direction == direction)
    }

    /// Plain text, one changed check per line named by its id. Control characters in
    /// repository strings are replaced, so a path cannot rewrite the terminal.
    pub fn to_text(&self) -> String {
        let clean = |s: &str| {
            s.chars()
                .map(|c| if c.is_control() { '?' } else { c })
                .collect::<String>()
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Score: {} → {}{} (baseline of {})",
            score_text(self.score_then, &self.grade_then),
            score_text(self.score_now, &self.grade_now),
            delta(self),
            clean(&self.baseline_generated_at)
        );
        for (label, direction) in [
            ("Improved", Direction::Improved),
            ("Regressed", Direction::Regressed),
            ("Changed", Direction::Changed),
        ] {
            let moved: Vec<_> = self.moved(direction).collect();
            if moved.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{label}:");
            for c in moved {
                let _ = writeln!(
                    out,
                    "  {}: {} → {} ({})",
                    clean(&c.id),
                    status_text(c.from),
                    status_text(c.to),
                    clean(&c.title)
                );
            }
        }
        if self.checks.is_empty() {
            let _ = writeln!(out, "No check changed status.");
        }
        for (label, list) in self.path_lists() {
            if !list.is_empty() {
                let _ = writeln!(out, "{label}:");
                for p in list {
                    let _ = writeln!(out, "  {}: {}", clean(&p.repository), clean(&p.path));
                }
            }
        }
        out
    }

    /// The lists of paths that appeared or went away, with their labels, in print order.
    fn path_lists(&self) -> [(&'static str, &Vec<PathRef>); 4] {
        [
            ("New stale docs", &self.new_stale_docs),
            ("Resolved stale docs", &self.resolved_stale_docs),
            ("New knowledge islands", &self.new_islands),
            ("Resolved knowledge islands", &self.resolved_islands),
        ]
    }

    /// Markdown, every repository string escaped.
    pub fn to_markdown(&self) -> String {
        let e = escape_markdown;
        let mut out = String::from("# Changes since the baseline\n\n");
        let _ = writeln!(
            out,
            "Score: **{}** → **{}**{} (baseline of {})\n",
            score_text(self.score_then, &self.grade_then),
            score_text(self.score_now, &self.grade_now),
            delta(self),
            e(&self.baseline_generated_at)
        );
        if self.checks.is_empty() {
            out.push_str("No check changed status.\n\n");
        } else {
            out.push_str("| Check | Title | Then | Now | Change |\n| --- | --- | --- | --- | --- |\n");
            for c in &self.checks {
                let direction = match c.direction {
                    Direction::Improved => "improved",
                    Direction::Regressed => "regressed",
                    Direction::Changed => "changed",
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {direction} |",
                    e(&c.id),
                    e(&c.title),
                    status_text(c.from),
                    status_text(c.to)
                );
            }
            out.push('\n');
        }
        for (label, list) in self.path_lists() {
            if !list.is_empty() {
                let _ = writeln!(out, "## {label}\n");
                for p in list {
                    let _ = writeln!(out, "- {}: {}", e(&p.repository), e(&p.path));
                }
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_order_and_skip() {
        assert_eq!(direction(Status::Fail, Status::Pass), Direction::Improved);
        assert_eq!(direction(Status::Warn, Status::Error), Direction::Regressed);
        assert_eq!(direction(Status::Pass, Status::Skip), Direction::Changed);
        assert_eq!(direction(Status::Skip, Status::Fail), Direction::Changed);
    }
}
