//! Comparing two reports: what improved and what regressed since a baseline (last quarter's
//! report), for `scan --baseline OLD.json` and `exitready diff OLD.json NEW.json`.
//!
//! A workflow over two reports: it reads their data only and builds the `Comparison` of the
//! report model (`report::model::comparison`), which `report::diff` renders.
//!
//! Stale documents and knowledge islands are matched by repository and path. A repository of
//! the baseline is the same as a current one when their remotes are the same once normalised
//! (`report::links::normalise_remote`: two clones of one remote in folders of other names), else
//! when their names are the same and they do not have two different remotes. A current
//! repository that matches nothing counts as new (its stale documents and islands are all new);
//! a baseline repository that matches nothing is left out (nothing of it is "resolved"); the
//! comparison says so in its `warnings`.

use std::collections::{BTreeMap, BTreeSet};

use crate::report::links::normalise_remote;
use crate::report::model::{
    CategoryChange, CheckChange, CheckResult, Comparison, Direction, PathRef, Report, RepositoryReport, direction,
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
    let (names, warnings) = match_repositories(then, now);
    let (stale_then, stale_now) = (stale_docs(then, Some(&names)), stale_docs(now, None));
    let (islands_then, islands_now) = (islands(then, Some(&names)), islands(now, None));
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
        warnings,
    }
}

/// The name of the current repository each baseline repository matches (by its index; by
/// normalised remote, then by name), with a warning per repository of either side that matches
/// none.
fn match_repositories(then: &Report, now: &Report) -> (BTreeMap<usize, String>, Vec<String>) {
    let remote = |r: &RepositoryReport| r.remote_url.as_deref().map(normalise_remote);
    let mut names: BTreeMap<usize, String> = BTreeMap::new();
    let mut matched = vec![false; now.repositories.len()];
    for (i, current) in now.repositories.iter().enumerate() {
        let Some(url) = remote(current) else { continue };
        if let Some(j) = (0..then.repositories.len())
            .find(|j| !names.contains_key(j) && remote(&then.repositories[*j]).as_ref() == Some(&url))
        {
            names.insert(j, current.name.clone());
            matched[i] = true;
        }
    }
    let mut warnings = Vec::new();
    for (i, current) in now.repositories.iter().enumerate() {
        if matched[i] {
            continue;
        }
        let namesake =
            (0..then.repositories.len()).find(|j| !names.contains_key(j) && then.repositories[*j].name == current.name);
        match namesake {
            Some(j) => match (remote(&then.repositories[j]), remote(current)) {
                (Some(a), Some(b)) if a != b => warnings.push(format!(
                    "{}: the baseline's repository of this name has another remote ({a}, now {b}): not compared",
                    current.name
                )),
                _ => {
                    names.insert(j, current.name.clone());
                    matched[i] = true;
                }
            },
            None => warnings.push(format!(
                "{}: no repository of the baseline has its remote or its name: its stale documents and islands all count as new",
                current.name
            )),
        }
    }
    for (j, old) in then.repositories.iter().enumerate() {
        if !names.contains_key(&j) {
            warnings.push(format!(
                "{} (baseline): no current repository has its remote or its name: left out of the comparison",
                old.name
            ));
        }
    }
    (names, warnings)
}

/// Each repository with the name it is compared under: its own (`names` is `None`: the current
/// report), or the name of its match, unmatched ones left out (the baseline).
fn compared<'a>(
    report: &'a Report,
    names: Option<&'a BTreeMap<usize, String>>,
) -> impl Iterator<Item = (&'a str, &'a RepositoryReport)> {
    report
        .repositories
        .iter()
        .enumerate()
        .filter_map(move |(index, r)| match names {
            None => Some((r.name.as_str(), r)),
            Some(names) => names.get(&index).map(|name| (name.as_str(), r)),
        })
}

fn stale_docs(report: &Report, names: Option<&BTreeMap<usize, String>>) -> BTreeSet<PathRef> {
    compared(report, names)
        .flat_map(|(name, r)| {
            r.documents.iter().filter(|d| d.stale).map(move |d| PathRef {
                repository: name.to_string(),
                path: d.path.clone(),
            })
        })
        .collect()
}

fn islands(report: &Report, names: Option<&BTreeMap<usize, String>>) -> BTreeSet<PathRef> {
    compared(report, names)
        .flat_map(|(name, r)| {
            r.knowledge.iter().flat_map(|k| &k.islands).map(move |i| PathRef {
                repository: name.to_string(),
                path: i.path.clone(),
            })
        })
        .collect()
}
