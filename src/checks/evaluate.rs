//! Evaluating a checklist on one repository: each rule runs on the facts, its contract is
//! guarded (a panic or a score outside 0..1 becomes `error`: one broken rule never costs the
//! user the rest of the report), the root's waivers set findings aside, and a `required` item
//! gets no partial credit. Pure: facts, settings and the clock in; outcomes out.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::checklist::{Checklist, Item};
use super::rule::{Context, Outcome, Status};
use super::staleness::{self, Verdict};
use super::waivers::{self, WaiverReport};
use crate::facts::{RepoFacts, Warning};
use crate::settings::Settings;

/// A checklist evaluated on one repository.
#[derive(Debug)]
pub struct Evaluation {
    /// One outcome per checklist item, in checklist order.
    pub outcomes: Vec<Outcome>,
    /// The freshness verdict of each document, in `facts.documents` order.
    pub verdicts: Vec<Verdict>,
    /// The repository's waivers with what each set aside.
    pub waivers: Vec<WaiverReport>,
    /// One warning per expired waiver.
    pub warnings: Vec<Warning>,
}

/// Evaluates every item of `checklist` on one repository's facts. `repository` names it in the
/// waiver list when the report has several.
pub fn evaluate(
    checklist: &Checklist,
    facts: &RepoFacts,
    settings: &Settings,
    now: jiff::Timestamp,
    repository: Option<&str>,
) -> Evaluation {
    let verdicts = staleness::judge_all(&facts.documents, &settings.thresholds, now);
    let context = Context {
        now,
        identities: &settings.identities,
        thresholds: &settings.thresholds,
        gate: &settings.gate,
        verdicts: &verdicts,
    };
    let outcomes: Vec<Outcome> = checklist
        .items
        .iter()
        .map(|item| evaluate_item(item, facts, &context, settings))
        .collect();
    let ids = checklist.items.iter().map(|i| i.id.as_str());
    let (waivers, warnings) = waivers::report(&settings.waivers, now, ids.zip(&outcomes), repository);
    Evaluation {
        outcomes,
        verdicts,
        waivers,
        warnings,
    }
}

/// Runs one rule, guarding its contract, then applies waivers and `required`.
fn evaluate_item(item: &Item, facts: &RepoFacts, context: &Context, settings: &Settings) -> Outcome {
    let outcome = catch_unwind(AssertUnwindSafe(|| item.rule.evaluate(facts, context)))
        .map(Outcome::checked)
        .unwrap_or_else(|_| Outcome::error(format!("rule `{}` panicked (a bug in exitready)", item.rule_kind)));
    let outcome = waivers::apply(&item.id, outcome, &settings.waivers, context.now);
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
