//! Comparing two reports: what improved and what regressed since a baseline (last quarter's
//! report), for `scan --baseline OLD.json` and `exitready diff OLD.json NEW.json`.
//!
//! A workflow over two reports: it reads their data only and builds the `Comparison` of the
//! report model (`report::model::comparison`), which `report::diff` renders. Stale documents and
//! knowledge islands are matched by repository name and path.

use std::collections::{BTreeMap, BTreeSet};

use crate::report::model::{
    CategoryChange, CheckChange, CheckResult, Comparison, Direction, PathRef, Report, direction,
};

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
    let old: BTreeMap<&str, &CheckResult> = then.checks.iter().map(|c| (c.id.as_str(), c)).collect();
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
        headline_then: then.headline.clone(),
        headline_now: now.headline.clone(),
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
