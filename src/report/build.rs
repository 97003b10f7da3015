//! Building the `Report`: evaluate the checklist on every repository (`checks::evaluate`),
//! aggregate the results over repositories, score them, and map the facts beside them to the
//! report's wire types (ADR 0003). No judgement of its own beyond aggregation.

use std::collections::BTreeMap;

use crate::base::signal::Reason;
use crate::checks::checklist::{Checklist, Item};
use crate::checks::evaluate::{Evaluation, evaluate};
use crate::checks::score::{Scored, score};
use crate::checks::staleness::Verdict;
use crate::checks::{Outcome, Status};
use crate::facts::{Document, RepoFacts, Warning};
use crate::settings::Settings;

use super::model::{
    CheckResult, ControlCheck, ControlReport, DocumentReason, DocumentReport, InFlight, Island, KnowledgeReport,
    LocatedMessage, OrganisationKnowledge, OrganisationReport, OwnershipReport, PlanArea, PlanDocument, PlanPerson,
    QuarterTrend, Report, RepositoryCheck, RepositoryReport, RuleRef, SCHEMA_VERSION, ServiceReport, Tool,
    WarningReport,
};
use crate::facts::knowledge::{KnowledgeFacts, Role};

/// One repository's facts with the settings in force for it.
pub struct Scanned {
    /// The facts.
    pub facts: RepoFacts,
    /// Its settings.
    pub settings: Settings,
}

/// Evaluates the checklist on every repository and assembles the report.
pub fn build(checklist: &Checklist, mut scanned: Vec<Scanned>, now: jiff::Timestamp) -> Report {
    let several = scanned.len() > 1;
    let mut waivers = Vec::new();
    let mut outcomes: Vec<Vec<Outcome>> = Vec::new();
    let mut verdicts: Vec<Vec<Verdict>> = Vec::new();
    for s in &mut scanned {
        let name = several.then_some(s.facts.root.name.as_str());
        let Evaluation {
            outcomes: these,
            verdicts: judged,
            waivers: listed,
            warnings,
        } = evaluate(checklist, &s.facts, &s.settings, now, name);
        s.facts.warnings.extend(warnings);
        waivers.extend(listed);
        outcomes.push(these);
        verdicts.push(judged);
    }
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
    let headlines = headlines(&scanned);
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
        .zip(verdicts)
        .map(|((s, outcomes), verdicts)| {
            for warning in &s.facts.warnings {
                *warning_counts.entry(warning.kind.clone()).or_insert(0) += 1;
            }
            repository_report(checklist, s, outcomes, verdicts)
        })
        .collect();
    Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool::default(),
        generated_at: now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        checklists: checklist.names.clone(),
        score: overall,
        controls: controls(&checks),
        checks,
        repositories,
        headline: (!headlines.is_empty()).then(|| headlines.join(" ")),
        headlines,
        warning_counts,
        baseline: None,
        failed: Vec::new(),
        estate: None,
        waivers,
    }
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
        controls: item.controls.clone(),
    }
}

fn repository_report(
    checklist: &Checklist,
    scanned: Scanned,
    outcomes: Vec<Outcome>,
    verdicts: Vec<Verdict>,
) -> RepositoryReport {
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
        documents: facts
            .documents
            .iter()
            .zip(verdicts.iter().cloned())
            .map(document_report)
            .collect(),
        services: service_reports(&facts),
        ownership: facts.ownership.as_ref().map(|o| ownership_report(o, &facts.tracked)),
        knowledge: facts.knowledge.as_ref().map(knowledge_report),
        in_flight: in_flight(&facts),
        plan: plan(&facts, &verdicts),
        warnings: facts.warnings.iter().map(warning_report).collect(),
        remote_url: facts.remote_url.as_deref().map(super::links::strip_credentials),
        web_url: facts.remote_url.as_deref().and_then(super::links::web_url),
        exit_inventory: facts.exit.clone(),
        tickets: facts.tickets.clone(),
    }
}

/// Per control of the table, in its order, the checks of the report that refer to it.
pub fn controls(checks: &[CheckResult]) -> Vec<ControlReport> {
    crate::checks::controls::table()
        .unwrap_or_default()
        .iter()
        .filter_map(|control| {
            let checks: Vec<ControlCheck> = checks
                .iter()
                .filter(|c| c.controls.contains(&control.id))
                .map(|c| ControlCheck {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    status: c.status,
                    reason: c.reason.clone(),
                })
                .collect();
            let evaluated = checks.iter().map(|c| c.status).filter(|s| *s != Status::Skip).min();
            Some(ControlReport {
                id: control.id.clone(),
                framework: control.framework.clone(),
                reference: control.reference.clone(),
                title: control.title.clone(),
                source: control.source.clone(),
                verification: control.verification.clone(),
                status: evaluated.or_else(|| (!checks.is_empty()).then_some(Status::Skip))?,
                checks,
            })
        })
        .collect()
}

/// Rounds a 0..1 score to three decimals, so that reports compare equal across platforms.
fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

fn document_report((document, verdict): (&Document, Verdict)) -> DocumentReport {
    DocumentReport {
        path: document.path.clone(),
        kind: document.kind.to_string(),
        kind_reason: document.kind_reason.clone(),
        kind_confidence: (document.kind_confidence * 100.0).round() / 100.0,
        counted: document.counted(),
        not_counted: document.lookalike.as_ref().map(ToString::to_string),
        title: document.parsed.title.clone(),
        last_changed: document.last_changed.clone(),
        last_changed_from: document.last_changed_from.clone(),
        stale: verdict.stale,
        reasons: document_reasons(&verdict.reasons),
    }
}

/// A document's freshness reasons as the report writes them, bounded as check evidence is
/// (`checks::evaluate`): the first `EVIDENCE_PER_DOCUMENT` of each signal, then one reason per
/// signal that had more saying how many, so that a runbook with 250,000 dead links stays a
/// few lines and its other signals (a hollow section) are still listed.
pub fn document_reasons(reasons: &[Reason]) -> Vec<DocumentReason> {
    let limit = crate::checks::evaluate::EVIDENCE_PER_DOCUMENT;
    let mut seen: Vec<(&str, usize)> = Vec::new();
    let mut listed = Vec::new();
    for reason in reasons {
        let signal = reason.signal.as_str();
        let count = match seen.iter_mut().find(|(s, _)| *s == signal) {
            Some((_, count)) => count,
            None => {
                seen.push((signal, 0));
                &mut seen.last_mut().expect("just pushed").1
            }
        };
        *count += 1;
        if *count <= limit {
            listed.push(document_reason(reason));
        }
    }
    listed.extend(seen.into_iter().filter(|(_, count)| *count > limit).map(|(signal, count)| DocumentReason {
        signal: signal.to_string(),
        message: format!(
            "and {} more {signal} reason(s) not listed: the report lists the first {limit} of each per document",
            count - limit
        ),
        path: None,
        line: None,
    }));
    listed
}

/// A freshness reason as the report writes it.
pub fn document_reason(reason: &Reason) -> DocumentReason {
    DocumentReason {
        signal: reason.signal.as_str().to_string(),
        message: reason.message.clone(),
        path: reason.path.clone(),
        line: reason.line,
    }
}

fn warning_report(warning: &Warning) -> WarningReport {
    WarningReport {
        kind: warning.kind.clone(),
        path: warning.path.clone(),
        line: warning.line,
        message: warning.message.clone(),
    }
}

/// The headline sentences: per vendor organisation, over every repository whose history was
/// read, the share of source files that would have no active in-house knower if it left,
/// beside what is lost already and what in-house people actively know (DESIGN §3). Marked when
/// a history read is partial.
fn headlines(scanned: &[Scanned]) -> Vec<String> {
    let mut organisations: Vec<&str> = Vec::new();
    for k in scanned.iter().filter_map(|s| s.facts.knowledge.as_ref()) {
        for h in &k.headlines {
            if !organisations.contains(&h.organisation.as_str()) {
                organisations.push(&h.organisation);
            }
        }
    }
    organisations
        .into_iter()
        .map(|organisation| {
            let (mut files, mut lost, mut gone, mut inhouse, mut partial) = (0, 0, 0, 0, false);
            for s in scanned {
                let Some(k) = &s.facts.knowledge else { continue };
                if let Some(h) = k.headlines.iter().find(|h| h.organisation == organisation) {
                    files += k.source_files;
                    lost += h.orphaned_files;
                    gone += k.already_orphaned_files;
                    inhouse += k.inhouse_known_files;
                    partial |= s.facts.partial_history;
                }
            }
            let percent = |part: usize| 100.0 * part as f64 / files.max(1) as f64;
            headline_sentence(organisation, percent(lost), percent(gone), percent(inhouse), partial)
        })
        .collect()
}

/// One headline sentence (DESIGN §3): shares of source files, 0–100.
pub fn headline_sentence(organisation: &str, lost: f64, gone: f64, inhouse: f64, partial: bool) -> String {
    format!(
        "If {organisation} left today: {lost:.1} % of source files would have no active in-house knower \
         ({gone:.1} % are already known by nobody active; in-house people actively know {inhouse:.1} %){}",
        if partial {
            " (history partly read: the figures may understate what people know)"
        } else {
            ""
        }
    )
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
        already_orphaned_percent: k.already_orphaned_percent,
        inhouse_known_percent: k.inhouse_known_percent,
        knowers_active_days: k.knowers_active_days,
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
                lost_if_leaves_percent: q.lost_if_leaves_percent.clone(),
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

/// The knowledge-transfer plan with the documents covering each area: those under the area's
/// folder and, for a service, its runbook.
fn plan(facts: &RepoFacts, verdicts: &[Verdict]) -> Vec<PlanArea> {
    let person = |p: &crate::facts::knowledge::plan::PlanPerson| PlanPerson {
        name: p.name.clone(),
        email: p.email.clone(),
        last_commit: p.last_commit.clone(),
        why: p.why.clone(),
    };
    facts
        .plan
        .iter()
        .map(|area| {
            let runbook = facts
                .services
                .iter()
                .find(|s| s.name == area.name)
                .and_then(|s| s.runbook.as_deref());
            let under = |path: &str| area.path.is_empty() || path.starts_with(&format!("{}/", area.path));
            let documents = facts
                .documents
                .iter()
                .zip(verdicts)
                .filter(|(d, _)| d.counted() && (under(&d.path) || runbook == Some(d.path.as_str())))
                .map(|(d, v)| PlanDocument {
                    path: d.path.clone(),
                    kind: d.kind.to_string(),
                    stale: v.stale,
                })
                .collect();
            PlanArea {
                kind: match area.kind {
                    crate::facts::knowledge::plan::AreaKind::Island => "island",
                    crate::facts::knowledge::plan::AreaKind::Service => "service",
                }
                .to_string(),
                name: area.name.clone(),
                path: area.path.clone(),
                organisation: area.organisation.clone(),
                source_files: area.source_files,
                files_at_risk: area.files_at_risk.clone(),
                recent_commits: area.recent_commits,
                priority: area.priority,
                vendor_knowers: area.vendor_knowers.iter().map(person).collect(),
                successors: area.successors.iter().map(person).collect(),
                documents,
            }
        })
        .collect()
}

/// Each service with the owners of its files and, per organisation, how many of its source
/// files someone there knows (`facts::service_figures`): the per-service view of the exit.
fn service_reports(facts: &RepoFacts) -> Vec<ServiceReport> {
    facts
        .services
        .iter()
        .zip(&facts.service_figures)
        .map(|(service, figures)| ServiceReport {
            name: service.name.clone(),
            path: service.path.clone(),
            paths: service.paths.clone(),
            found_by: service.found_by.clone(),
            runbook: service.runbook.clone(),
            runbook_reason: service.runbook_reason.clone(),
            owners: figures.owners.clone(),
            source_files: figures.source_files,
            known_by: facts
                .knowledge
                .iter()
                .flat_map(|k| {
                    figures.known_by.iter().map(|(org, files)| OrganisationKnowledge {
                        organisation: k.organisations[*org].name.clone(),
                        role: k.organisations[*org].role.as_str().to_string(),
                        files_known: *files,
                    })
                })
                .collect(),
        })
        .collect()
}
