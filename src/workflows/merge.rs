//! Merging reports into one estate report (`exitready merge`), for estates scanned by separate
//! jobs (a CI matrix, a batch scheduler; DESIGN §10).
//!
//! The output is a full `Report`, usable as a baseline and renderable in every format:
//! repositories side by side (same-named ones kept apart by suffixing their path), each check
//! combined over every repository (worst status, score weighted by source files), estate scores
//! weighted by each repository's source-file count, and organisations summed across
//! repositories. Nothing here reads a repository: only the reports' data.
//!
//! One repository twice (the same normalised remote, or without a remote the same path, at the
//! same HEAD: `merge A.json A.json`, or two jobs that scanned one clone) is refused: it would be
//! counted twice in every estate figure.

use std::collections::{BTreeMap, HashMap};

use crate::checks::Status;
use crate::checks::checklist::CATEGORIES;
use crate::checks::score::{Score, grade, round1};
use crate::error::{Error, Result};
use crate::facts::inventory::FileClass;
use crate::report::model::{
    CheckResult, Estate, EstateOrganisation, FailedRoot, Report, RepositoryCheck, RepositoryReport, SCHEMA_VERSION,
    Tool,
};

/// The weight of a repository in estate scores: its source files (at least 1, so that a
/// documentation folder still counts).
pub fn weight(repo: &RepositoryReport) -> f64 {
    repo.inventory.get(&FileClass::Source).copied().unwrap_or(0).max(1) as f64
}

/// What makes a repository the same one in two reports: its normalised remote (else its path)
/// and its HEAD.
fn identity(repo: &RepositoryReport) -> (String, Option<String>) {
    let place = repo
        .remote_url
        .as_deref()
        .map_or_else(|| format!("path {}", repo.path), crate::report::links::normalise_remote);
    (place, repo.head.clone())
}

/// Refuses a repository found twice among the inputs, naming both files.
fn refuse_duplicates(inputs: &[(String, Report)]) -> Result<()> {
    let mut seen: HashMap<(String, Option<String>), &str> = HashMap::new();
    for (label, report) in inputs {
        for repo in &report.repositories {
            let key = identity(repo);
            if let Some(first) = seen.get(&key) {
                return Err(Error::Input {
                    path: label.into(),
                    message: format!(
                        "repository {} ({} at {}) is already in {first}: merged twice it would count twice",
                        repo.name,
                        key.0,
                        key.1.as_deref().unwrap_or("no commit")
                    ),
                });
            }
            seen.insert(key, label);
        }
    }
    Ok(())
}

/// Merges labelled reports (label = the file they came from) into one estate report; one
/// repository in two inputs is an error.
pub fn merge(inputs: Vec<(String, Report)>, now: jiff::Timestamp) -> Result<Report> {
    refuse_duplicates(&inputs)?;
    // Names: kept unless several repositories share one, then suffixed with their path.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (_, report) in &inputs {
        for repo in &report.repositories {
            *counts.entry(repo.name.clone()).or_insert(0) += 1;
        }
    }
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut renames: Vec<HashMap<String, String>> = Vec::new();
    let mut repositories = Vec::new();
    for (_, report) in &inputs {
        let mut map = HashMap::new();
        for repo in &report.repositories {
            let mut name = if counts[&repo.name] > 1 {
                format!("{} ({})", repo.name, repo.path)
            } else {
                repo.name.clone()
            };
            let seen = taken.entry(name.clone()).or_insert(0);
            *seen += 1;
            if *seen > 1 {
                name = format!("{name} #{seen}");
            }
            map.insert(repo.name.clone(), name.clone());
            let mut repo = repo.clone();
            repo.name = name;
            repositories.push(repo);
        }
        renames.push(map);
    }

    let mut ids: Vec<&str> = Vec::new();
    for (_, report) in &inputs {
        for check in &report.checks {
            if !ids.contains(&check.id.as_str()) {
                ids.push(&check.id);
            }
        }
    }
    let checks: Vec<CheckResult> = ids.iter().map(|id| combine_check(id, &inputs, &renames)).collect();

    let mut categories = BTreeMap::new();
    for category in CATEGORIES {
        let (mut sum, mut total) = (0.0, 0.0);
        for repo in &repositories {
            if let Some(Some(value)) = repo.score.categories.get(category) {
                sum += weight(repo) * value;
                total += weight(repo);
            }
        }
        categories.insert(category.to_string(), (total > 0.0).then(|| round1(sum / total)));
    }
    let scored: Vec<f64> = categories.values().flatten().copied().collect();
    let overall = (!scored.is_empty()).then(|| round1(scored.iter().sum::<f64>() / scored.len() as f64));

    let estate = estate(&inputs, &repositories);
    // Per vendor organisation, over the estate's measured source files.
    let measured: Vec<(&RepositoryReport, &crate::report::model::KnowledgeReport)> = repositories
        .iter()
        .filter_map(|r| r.knowledge.as_ref().map(|k| (r, k)))
        .collect();
    let share = |figure: fn(&crate::report::model::KnowledgeReport) -> f64| {
        let files: usize = measured.iter().map(|(_, k)| k.source_files).sum();
        let part: f64 = measured.iter().map(|(_, k)| figure(k) * k.source_files as f64).sum();
        part / files.max(1) as f64
    };
    let partial = measured.iter().any(|(r, _)| r.partial_history);
    let headlines: Vec<String> = estate
        .organisations
        .iter()
        .filter(|o| o.role == "vendor")
        .map(|o| {
            crate::report::build::headline_sentence(
                &o.name,
                o.orphaned_percent_if_leaves,
                share(|k| k.already_orphaned_percent),
                share(|k| k.inhouse_known_percent),
                partial,
            )
        })
        .collect();
    let mut checklists: Vec<String> = Vec::new();
    let mut warning_counts = BTreeMap::new();
    let mut failed: Vec<FailedRoot> = Vec::new();
    let mut waivers = Vec::new();
    for (_, report) in &inputs {
        waivers.extend(report.waivers.iter().cloned());
        for name in &report.checklists {
            if !checklists.contains(name) {
                checklists.push(name.clone());
            }
        }
        for (kind, count) in &report.warning_counts {
            *warning_counts.entry(kind.clone()).or_insert(0) += count;
        }
        failed.extend(report.failed.iter().cloned());
    }
    Ok(Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool::default(),
        generated_at: now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        checklists,
        score: Score {
            grade: overall.map(grade),
            overall,
            categories,
        },
        controls: crate::report::build::controls(&checks),
        checks,
        waivers,
        repositories,
        headline: (!headlines.is_empty()).then(|| headlines.join(" ")),
        headlines,
        warning_counts,
        baseline: None,
        failed,
        estate: Some(estate),
    })
}

/// One check over every repository of every report: the worst evaluated status, the score
/// weighted by source files, each repository's reason, and the evidence naming its repository.
fn combine_check(id: &str, inputs: &[(String, Report)], renames: &[HashMap<String, String>]) -> CheckResult {
    let template = inputs
        .iter()
        .find_map(|(_, r)| r.checks.iter().find(|c| c.id == id))
        .expect("the id comes from some report")
        .clone();
    let mut per_repo: Vec<(String, f64, RepositoryCheck)> = Vec::new();
    let mut evidence = Vec::new();
    for ((_, report), names) in inputs.iter().zip(renames) {
        let report_check = report.checks.iter().find(|c| c.id == id);
        for repo in &report.repositories {
            let own = repo.checks.iter().find(|c| c.id == id).cloned();
            let single = report.repositories.len() == 1;
            let check = own.or_else(|| {
                report_check.filter(|_| single).map(|c| RepositoryCheck {
                    id: c.id.clone(),
                    status: c.status,
                    score: c.score,
                    reason: c.reason.clone(),
                })
            });
            if let Some(check) = check {
                per_repo.push((names[&repo.name].clone(), weight(repo), check));
            }
        }
        if let Some(check) = report_check {
            let only = report.repositories.first().map(|r| names[&r.name].clone());
            for e in &check.evidence {
                let mut e = e.clone();
                e.repository = match &e.repository {
                    Some(old) => Some(names.get(old).cloned().unwrap_or_else(|| old.clone())),
                    None => only.clone(),
                };
                evidence.push(e);
            }
        }
    }
    let evaluated: Vec<_> = per_repo.iter().filter(|(_, _, c)| c.status != Status::Skip).collect();
    let status = evaluated.iter().map(|(_, _, c)| c.status).min().unwrap_or(Status::Skip);
    let total: f64 = evaluated.iter().map(|(_, w, _)| w).sum();
    let score = if total > 0.0 {
        evaluated
            .iter()
            .map(|(_, w, c)| w * if c.status == Status::Error { 0.0 } else { c.score })
            .sum::<f64>()
            / total
    } else {
        0.0
    };
    let reason = per_repo
        .iter()
        .map(|(name, _, c)| format!("{name}: {}", c.reason))
        .collect::<Vec<_>>()
        .join("; ");
    CheckResult {
        status,
        score: (score * 1000.0).round() / 1000.0,
        reason,
        evidence,
        ..template
    }
}

fn estate(inputs: &[(String, Report)], repositories: &[RepositoryReport]) -> Estate {
    let mut organisations: BTreeMap<(String, String), EstateOrganisation> = BTreeMap::new();
    let mut measured = 0usize;
    for repo in repositories {
        let Some(knowledge) = &repo.knowledge else { continue };
        measured += knowledge.source_files;
        for org in &knowledge.organisations {
            let entry = organisations
                .entry((org.name.clone(), org.role.clone()))
                .or_insert_with(|| EstateOrganisation {
                    name: org.name.clone(),
                    role: org.role.clone(),
                    repositories: 0,
                    commits: 0,
                    files_known: 0,
                    orphaned_files_if_leaves: 0,
                    orphaned_percent_if_leaves: 0.0,
                });
            entry.repositories += 1;
            entry.commits += org.commits;
            entry.files_known += org.files_known;
            entry.orphaned_files_if_leaves +=
                (org.orphaned_percent_if_leaves * knowledge.source_files as f64 / 100.0).round() as usize;
        }
    }
    let mut organisations: Vec<EstateOrganisation> = organisations
        .into_values()
        .map(|mut o| {
            if measured > 0 {
                o.orphaned_percent_if_leaves = round1(100.0 * o.orphaned_files_if_leaves as f64 / measured as f64);
            }
            o
        })
        .collect();
    organisations.sort_by(|a, b| b.commits.cmp(&a.commits).then(a.name.cmp(&b.name)));
    Estate {
        merged_from: inputs.iter().map(|(label, _)| label.clone()).collect(),
        source_files: repositories
            .iter()
            .map(|r| r.inventory.get(&FileClass::Source).copied().unwrap_or(0))
            .sum(),
        organisations,
    }
}
