//! Building the `Report`: evaluate every checklist item on every repository, aggregate the
//! results, score them, and put the facts beside them.
//!
//! A rule that panics is caught and reported as that item's `error`: one broken rule never
//! costs the user the rest of the report.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::checks::checklist::{Checklist, Item};
use crate::checks::score::{Scored, score};
use crate::checks::waivers::{self, WaiverReport};
use crate::checks::{Context, Outcome, Status};
use crate::facts::RepoFacts;
use crate::settings::Config;

use super::model::{
    CheckResult, DocumentReport, InFlight, Island, KnowledgeReport, LocatedMessage, OrganisationKnowledge,
    OrganisationReport, OwnershipReport, QuarterTrend, Report, RepositoryCheck, RepositoryReport, RuleRef,
    SCHEMA_VERSION, ServiceReport, Tool,
};
use crate::facts::knowledge::{KnowledgeFacts, Role};

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
    let headline = headline(&scanned);
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
        headline,
        warning_counts,
        baseline: None,
        failed: Vec::new(),
        estate: None,
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
        head: facts.head.clone(),
        branch: facts.branch.clone(),
        partial_history: facts.partial_history,
        score,
        checks,
        inventory: facts.inventory.counts(),
        documents: facts.documents.iter().cloned().map(document_report).collect(),
        services: service_reports(&facts),
        ownership: facts.ownership.as_ref().map(|o| ownership_report(o, &facts.tracked)),
        knowledge: facts.knowledge.as_ref().map(knowledge_report),
        in_flight: in_flight(&facts),
        warnings: facts.warnings.clone(),
        remote_url: facts.remote_url.as_deref().map(super::links::strip_credentials),
        web_url: facts.remote_url.as_deref().and_then(super::links::web_url),
    }
}

/// Rounds a 0..1 score to three decimals, so that reports compare equal across platforms.
fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

fn document_report(document: crate::facts::Document) -> DocumentReport {
    DocumentReport {
        path: document.path,
        kind: document.kind.to_string(),
        kind_reason: document.kind_reason,
        kind_confidence: (document.kind_confidence * 100.0).round() / 100.0,
        counted: document.lookalike.is_none(),
        not_counted: document.lookalike.as_ref().map(ToString::to_string),
        title: document.parsed.title,
        last_changed: document.last_changed,
        last_changed_from: document.last_changed_from,
        stale: document.stale,
        reasons: document.reasons,
    }
}

/// The headline sentence: over every repository with history, the share of source files
/// nobody would know if the headline organisation(s) left.
fn headline(scanned: &[Scanned]) -> Option<String> {
    let knowledge: Vec<&KnowledgeFacts> = scanned.iter().filter_map(|s| s.facts.knowledge.as_ref()).collect();
    let vendor_known = knowledge
        .iter()
        .any(|k| k.organisations.iter().any(|o| o.role == Role::Vendor));
    let measured: Vec<(&str, f64, usize)> = knowledge
        .iter()
        .filter_map(|k| {
            k.headline
                .as_ref()
                .map(|h| (h.organisation.as_str(), h.orphaned_percent, k.source_files))
        })
        .collect();
    let files: usize = measured.iter().map(|(_, _, n)| n).sum();
    if files == 0 {
        return None;
    }
    let percent = measured.iter().map(|(_, p, n)| p * *n as f64).sum::<f64>() / files as f64;
    let mut names: Vec<&str> = measured.iter().map(|(o, _, _)| *o).collect();
    names.sort_unstable();
    names.dedup();
    let who = if vendor_known { "nobody in-house" } else { "nobody left" };
    Some(format!(
        "If {} left today, {percent:.1}% of the source files would have {who} who knows them.",
        names.join(" and ")
    ))
}

fn knowledge_report(k: &KnowledgeFacts) -> KnowledgeReport {
    let total_commits: usize = k.organisations.iter().map(|o| o.commits).sum();
    let island = |i: &crate::facts::knowledge::Island| Island {
        path: i.path.clone(),
        files: i.files,
        orphaned_files: i.orphaned_files,
    };
    KnowledgeReport {
        source_files: k.source_files,
        truck_factor: k.truck_factor,
        inhouse_truck_factor: k.inhouse_truck_factor,
        organisations: k
            .organisations
            .iter()
            .map(|o| OrganisationReport {
                name: o.name.clone(),
                role: o.role.as_str().to_string(),
                commits: o.commits,
                commit_percent: (1000.0 * o.commits as f64 / total_commits.max(1) as f64).round() / 10.0,
                listed: matches!(o.role, Role::Vendor | Role::Internal) || 20 * o.commits >= total_commits,
                files_known: o.files_known,
                orphaned_percent_if_leaves: o.orphaned_percent_if_leaves,
            })
            .collect(),
        islands: k.islands.iter().map(island).collect(),
        trend: k
            .trend
            .iter()
            .map(|q| QuarterTrend {
                quarter: q.quarter.clone(),
                commits: q.commits,
                vendor_commit_share: q.vendor_commits_share,
                inhouse_commit_share: q.inhouse_commits_share,
                vendor_known_share: q.vendor_known_share,
                inhouse_known_share: q.inhouse_known_share,
                pairing_rate: q.pairing_rate,
            })
            .collect(),
    }
}

fn in_flight(facts: &RepoFacts) -> Vec<InFlight> {
    let (Some(history), Some(knowledge)) = (&facts.history, &facts.knowledge) else {
        return Vec::new();
    };
    history
        .in_flight
        .iter()
        .map(|b| {
            let person = history.identities.get(b.last_author);
            let role = knowledge
                .identity_organisations
                .get(b.last_author)
                .and_then(|o| knowledge.organisations.get(*o))
                .map(|o| o.role);
            InFlight {
                branch: b.branch.clone(),
                last_author: person.map_or_else(String::new, |p| format!("{} <{}>", p.name, p.email)),
                role: role.map_or("unknown", Role::as_str).to_string(),
                last_commit: b.last_commit.clone(),
                last_commit_date: crate::base::dates::rfc3339(b.last_commit_time).unwrap_or_default(),
                commits_ahead: b.commits_ahead,
            }
        })
        .collect()
}

fn ownership_report(ownership: &crate::facts::ownership::OwnershipFacts, tracked: &[String]) -> OwnershipReport {
    let summary = ownership.summary(tracked);
    OwnershipReport {
        sources: ownership.sources.iter().map(|s| s.path.clone()).collect(),
        coverage_percent: summary.coverage_percent,
        specific_coverage_percent: summary.specific_coverage_percent,
        unowned_files: summary.unowned_files,
        explicitly_unowned_files: summary.explicitly_unowned_files,
        unowned_paths: summary.unowned_paths,
        errors: summary
            .errors
            .into_iter()
            .map(|e| LocatedMessage {
                path: e.path,
                line: (e.line > 0).then_some(e.line as usize),
                message: e.message,
            })
            .collect(),
        dead_rules: summary
            .dead_rules
            .into_iter()
            .map(|d| RuleRef {
                file: d.file,
                line: d.line as usize,
                pattern: d.pattern,
            })
            .collect(),
    }
}

/// Each service with the owners of its files and, per organisation, how many of its source
/// files someone there knows: the per-service view of the exit.
fn service_reports(facts: &RepoFacts) -> Vec<ServiceReport> {
    facts
        .services
        .iter()
        .map(|service| {
            let set = crate::settings::glob_set(&service.paths);
            let mut owners: BTreeMap<&str, usize> = BTreeMap::new();
            if let Some(ownership) = &facts.ownership {
                for (path, file) in facts.tracked.iter().zip(&ownership.files) {
                    if set.is_match(path) {
                        for owner in &file.owners {
                            *owners.entry(owner.as_str()).or_insert(0) += 1;
                        }
                    }
                }
            }
            let mut owners: Vec<(&str, usize)> = owners.into_iter().collect();
            owners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let mut source_files = 0;
            let mut known: BTreeMap<usize, usize> = BTreeMap::new();
            if let Some(knowledge) = &facts.knowledge {
                for (path, authors) in knowledge.files.iter().filter(|(path, _)| set.is_match(path.as_str())) {
                    let _ = path;
                    source_files += 1;
                    let mut orgs: Vec<usize> = authors
                        .iter()
                        .filter(|a| a.knows)
                        .filter_map(|a| knowledge.identity_organisations.get(a.identity).copied())
                        .collect();
                    orgs.sort_unstable();
                    orgs.dedup();
                    for org in orgs {
                        *known.entry(org).or_insert(0) += 1;
                    }
                }
            }
            let mut known_by: Vec<OrganisationKnowledge> = facts
                .knowledge
                .iter()
                .flat_map(|k| {
                    known.iter().filter_map(|(org, files)| {
                        let org = k.organisations.get(*org)?;
                        Some(OrganisationKnowledge {
                            organisation: org.name.clone(),
                            role: org.role.as_str().to_string(),
                            files_known: *files,
                        })
                    })
                })
                .collect();
            known_by.sort_by(|a, b| {
                b.files_known
                    .cmp(&a.files_known)
                    .then(a.organisation.cmp(&b.organisation))
            });
            ServiceReport {
                service: service.clone(),
                owners: owners.into_iter().map(|(o, _)| o.to_string()).collect(),
                source_files,
                known_by,
            }
        })
        .collect()
}
