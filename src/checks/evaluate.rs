//! Evaluating a checklist on one repository: each rule runs on the facts, its contract is
//! guarded (a panic or a score outside 0..1 becomes `error`: one broken rule never costs the
//! user the rest of the report), the root's waivers set findings aside, and a `required` item
//! gets no partial credit. Pure: facts, settings and the clock in; outcomes out.
//!
//! Evidence is bounded here, after each rule (issue 11, item 10): a runbook with 250,000 dead
//! links once made a SARIF file of 400 MB and a scan of 8 GB. An outcome keeps the first
//! [`EVIDENCE_PER_DOCUMENT`] findings per path and [`EVIDENCE_PER_CHECK`] in all, in the rule's
//! order; what it leaves out becomes one more finding per path (and one for the rest) saying
//! how many were left out. Status, score and waivers are decided before, on every finding, so
//! bounding changes what is listed, never what is judged; every output format lists the same.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::checklist::{Checklist, Item};
use super::rule::{Context, Evidence, Outcome, Status};
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
    let mut applied = vec![0; settings.waivers.len()];
    let outcomes: Vec<Outcome> = checklist
        .items
        .iter()
        .map(|item| {
            let outcome = evaluate_item(item, facts, &context, settings);
            waivers::count(&settings.waivers, now, &item.id, &outcome, &mut applied);
            bounded(outcome)
        })
        .collect();
    let (waivers, warnings) = waivers::listed(&settings.waivers, now, applied, repository);
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

/// The most findings an outcome keeps per path (per document, for the freshness rules).
pub const EVIDENCE_PER_DOCUMENT: usize = 100;

/// The most findings an outcome keeps in all (besides the "and N more" findings).
pub const EVIDENCE_PER_CHECK: usize = 1000;

/// What `bounded` left out for one path (or, with no path, the rest).
#[derive(Default)]
struct Left {
    count: usize,
    /// Whether any of them counts against the check (negative and not waived).
    against: bool,
}

/// The outcome with its evidence bounded (see the module doc): at most
/// [`EVIDENCE_PER_DOCUMENT`] per path and [`EVIDENCE_PER_CHECK`] in all, then one "and N more"
/// finding per path that went over (at most `EVIDENCE_PER_CHECK / EVIDENCE_PER_DOCUMENT` of
/// them) and one for the findings left out once the check was full.
pub fn bounded(mut outcome: Outcome) -> Outcome {
    if outcome.evidence.len() <= EVIDENCE_PER_DOCUMENT.min(EVIDENCE_PER_CHECK) {
        return outcome;
    }
    let mut per_path: HashMap<Option<String>, usize> = HashMap::new();
    let mut over: Vec<(Option<String>, Left)> = Vec::new();
    let mut rest = Left::default();
    let mut kept = Vec::new();
    for evidence in std::mem::take(&mut outcome.evidence) {
        let seen = per_path.get(&evidence.path).copied().unwrap_or(0);
        let against = evidence.negative && evidence.waived.is_none();
        let left = if seen >= EVIDENCE_PER_DOCUMENT {
            match over.iter_mut().find(|(path, _)| *path == evidence.path) {
                Some((_, left)) => left,
                None => {
                    over.push((evidence.path.clone(), Left::default()));
                    &mut over.last_mut().expect("just pushed").1
                }
            }
        } else if kept.len() >= EVIDENCE_PER_CHECK {
            &mut rest
        } else {
            *per_path.entry(evidence.path.clone()).or_insert(0) += 1;
            kept.push(evidence);
            continue;
        };
        left.count += 1;
        left.against |= against;
    }
    for (path, left) in over {
        let message = format!(
            "and {} more finding(s) for {} not listed: a check lists the first {EVIDENCE_PER_DOCUMENT} per file",
            left.count,
            path.as_deref().unwrap_or("the repository")
        );
        kept.push(more(path.as_deref(), message, left.against));
    }
    if rest.count > 0 {
        let message = format!(
            "and {} more finding(s) not listed: a check lists the first {EVIDENCE_PER_CHECK}",
            rest.count
        );
        kept.push(more(None, message, rest.against));
    }
    outcome.evidence = kept;
    outcome
}

fn more(path: Option<&str>, message: String, against: bool) -> Evidence {
    if against {
        Evidence::against(path, message)
    } else {
        Evidence::supporting(path, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_bounded_per_file_and_per_check_with_the_counts_left_out() {
        let mut evidence: Vec<Evidence> = (0..250_000)
            .map(|i| Evidence::against(Some("docs/runbooks/pay.md"), format!("dead link {i}")))
            .collect();
        evidence.extend((0..2_000).map(|i| Evidence::supporting(Some(&format!("docs/{i}.md")), "fine")));
        let outcome = bounded(Outcome::partial(2_000, 2_001, "r", evidence));
        assert_eq!(outcome.status, Status::Warn);
        assert_eq!(outcome.evidence.len(), EVIDENCE_PER_CHECK + 2);
        let pay: Vec<&Evidence> = outcome
            .evidence
            .iter()
            .filter(|e| e.path.as_deref() == Some("docs/runbooks/pay.md"))
            .collect();
        assert_eq!(pay.len(), EVIDENCE_PER_DOCUMENT + 1);
        let last = pay.last().unwrap();
        assert!(last.negative);
        assert_eq!(
            last.message,
            "and 249900 more finding(s) for docs/runbooks/pay.md not listed: a check lists the first 100 per file"
        );
        let rest = outcome.evidence.last().unwrap();
        assert_eq!((rest.path.as_deref(), rest.negative), (None, false));
        assert_eq!(
            rest.message,
            "and 1100 more finding(s) not listed: a check lists the first 1000"
        );
        let small = Outcome::fail("r", vec![Evidence::against(None, "x"); 3]);
        assert_eq!(bounded(small.clone()), small);
    }
}
