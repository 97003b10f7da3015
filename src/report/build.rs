//! Building the `Report`: evaluate every checklist item on every repository, aggregate the
//! results, score them, and put the facts beside them.
//!
//! A rule that panics is caught and reported as that item's `error`: one broken rule never
//! costs the user the rest of the report.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::checks::checklist::{Checklist, Item};
use crate::checks::score::{Scored, round1, score};
use crate::checks::waivers::{self, WaiverReport};
use crate::checks::{Context, Outcome, Status};
use crate::facts::RepoFacts;
use crate::settings::Config;

use super::model::{CheckResult, DocumentReport, Report, RepositoryCheck, RepositoryReport, SCHEMA_VERSION, Tool};

/// One repository's facts with the config in force for it.
pub struct Scanned {
    /// The facts.
    pub facts: RepoFacts,
    /// Its config.
    pub config: Config,
}

/// Evaluates the checklist on every repository and assembles the report.
pub fn build(checklist: &Checklist, mut scanned: Vec<Scanned>, now: jiff::Timestamp) -> Report {
    let outcomes: Vec<Vec<Outcome>> = scanned
        .iter()
        .map(|s| {
            let context = Context { now, config: &s.config };
            checklist
                .items
                .iter()
                .map(|item| evaluate(item, &s.facts, &context))
                .collect()
        })
        .collect();
    let several = scanned.len() > 1;
    let waivers = waiver_reports(checklist, &mut scanned, &outcomes, now, several);
    let checks: Vec<CheckResult> = checklist
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let per_repo: Vec<(&str, &Outcome)> = scanned
                .iter()
                .zip(&outcomes)
                .map(|(s, o)| (s.facts.root.name.as_str(), &o[index]))
                .collect();
            aggregate(item, &per_repo, several)
        })
        .collect();
    let overall = score(checks.iter().map(|c| Scored {
        category: &c.category,
        weight: c.weight,
        status: c.status,
        score: c.score,
    }));
    let mut warning_counts = BTreeMap::new();
    let repositories = scanned
        .into_iter()
        .zip(outcomes)
        .map(|(s, outcomes)| {
            for warning in &s.facts.warnings {
                *warning_counts.entry(warning.kind.clone()).or_insert(0) += 1;
            }
            repository_report(checklist, s, outcomes)
        })
        .collect();
    Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool::default(),
        generated_at: now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        checklists: checklist.names.clone(),
        score: overall,
        checks,
        repositories,
        headline: None,
        warning_counts,
        waivers,
    }
}

/// Runs one rule, guarding its contract: a panic or an out-of-range score becomes `error`, and a
/// required item gets no partial credit.
fn evaluate(item: &Item, facts: &RepoFacts, context: &Context) -> Outcome {
    let outcome = catch_unwind(AssertUnwindSafe(|| item.rule.evaluate(facts, context)))
        .map(Outcome::checked)
        .unwrap_or_else(|_| Outcome::error(format!("rule `{}` panicked (a bug in exitready)", item.rule_kind)));
    let outcome = waivers::apply(&item.id, outcome, &context.config.waiver, context.now);
    if item.required && outcome.status == Status::Warn {
        return Outcome {
            status: Status::Fail,
            score: 0.0,
            reason: format!("{} (required: no partial credit)", outcome.reason),
            ..outcome
        };
    }
    outcome
}

/// Every repository's waivers with what each set aside; expired ones warn on their repository.
fn waiver_reports(
    checklist: &Checklist,
    scanned: &mut [Scanned],
    outcomes: &[Vec<Outcome>],
    now: jiff::Timestamp,
    several: bool,
) -> Vec<WaiverReport> {
    let mut all = Vec::new();
    for (s, outcomes) in scanned.iter_mut().zip(outcomes) {
        let ids = checklist.items.iter().map(|i| i.id.as_str());
        let name = several.then_some(s.facts.root.name.as_str());
        let (reports, warnings) = waivers::report(&s.config.waiver, now, ids.zip(outcomes), name);
        all.extend(reports);
        s.facts.warnings.extend(warnings);
    }
    all
}

fn aggregate(item: &Item, per_repo: &[(&str, &Outcome)], several: bool) -> CheckResult {
    let evaluated: Vec<&(&str, &Outcome)> = per_repo.iter().filter(|(_, o)| o.status != Status::Skip).collect();
    let status = evaluated.iter().map(|(_, o)| o.status).min().unwrap_or(Status::Skip);
    let score = if evaluated.is_empty() {
        0.0
    } else {
        evaluated
            .iter()
            .map(|(_, o)| if o.status == Status::Error { 0.0 } else { o.score })
            .sum::<f64>()
            / evaluated.len() as f64
    };
    let reason = if several {
        per_repo
            .iter()
            .map(|(name, o)| format!("{name}: {}", o.reason))
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        per_repo.first().map(|(_, o)| o.reason.clone()).unwrap_or_default()
    };
    let evidence = per_repo
        .iter()
        .flat_map(|(name, o)| {
            o.evidence.iter().cloned().map(move |mut e| {
                if several {
                    e.repository = Some(name.to_string());
                }
                e
            })
        })
        .collect();
    CheckResult {
        id: item.id.clone(),
        title: item.title.clone(),
        category: item.category.clone(),
        rule: item.rule_kind.clone(),
        status,
        score: round3(score),
        weight: item.weight,
        required: item.required,
        reason,
        why: item.why.clone(),
        remediation: item.remediation.clone(),
        evidence,
    }
}

fn repository_report(checklist: &Checklist, scanned: Scanned, outcomes: Vec<Outcome>) -> RepositoryReport {
    let facts = scanned.facts;
    let score = score(checklist.items.iter().zip(&outcomes).map(|(item, o)| Scored {
        category: &item.category,
        weight: item.weight,
        status: o.status,
        score: o.score,
    }));
    let checks = checklist
        .items
        .iter()
        .zip(outcomes)
        .map(|(item, o)| RepositoryCheck {
            id: item.id.clone(),
            status: o.status,
            score: round3(o.score),
            reason: o.reason,
        })
        .collect();
    RepositoryReport {
        name: facts.root.name.clone(),
        path: facts.root.path.display().to_string(),
        kind: facts.root.kind,
        head: facts.head,
        branch: facts.branch,
        partial_history: true,
        score,
        checks,
        inventory: facts.inventory.counts(),
        documents: facts.documents.into_iter().map(document_report).collect(),
        services: facts.services,
        ownership: None,
        knowledge: None,
        in_flight: Vec::new(),
        warnings: facts.warnings,
    }
}

fn round3(value: f64) -> f64 {
    round1(value * 100.0) / 100.0
}

fn document_report(document: crate::facts::Document) -> DocumentReport {
    DocumentReport {
        path: document.path,
        kind: document.kind.to_string(),
        kind_reason: document.kind_reason,
        title: document.parsed.title,
        last_changed: document.last_changed,
        last_changed_from: document.last_changed_from,
        stale: document.stale,
        reasons: document.reasons,
    }
}
