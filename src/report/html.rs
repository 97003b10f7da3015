//! The HTML report's view: the `Report` plus what a template cannot compute (chart geometry,
//! checks sorted failing first, file links), rendered by `templates/report.html.hbs`.
//!
//! The template keeps handlebars' HTML escaping on and never uses triple-stash: every
//! repository string reaches the page escaped. Links are built by `links` from known hosts
//! only. The output is one self-contained file: inline CSS and SVG, no scripts, no external
//! resources.

use serde::Serialize;

use super::charts::{self, Bar, Gauge, LineChart};
use super::links::file_url;
use super::model::{Report, RepositoryReport};
use super::render::Templates;
use crate::checks::Status;
use crate::error::Result;

/// The template context: the report's fields, plus `view`.
#[derive(Serialize)]
struct Context<'a> {
    #[serde(flatten)]
    report: &'a Report,
    view: View,
}

#[derive(Serialize)]
struct View {
    gauge: Gauge,
    categories: Vec<Bar>,
    counts: Vec<(String, usize)>,
    checks: Vec<CheckView>,
    estate_organisations: Vec<Bar>,
    repositories: Vec<RepoView>,
}

#[derive(Serialize)]
struct CheckView {
    id: String,
    title: String,
    category: String,
    status: Status,
    score_percent: String,
    reason: String,
    why: String,
    remediation: Option<String>,
    evidence: Vec<EvidenceView>,
}

#[derive(Serialize)]
struct EvidenceView {
    repository: Option<String>,
    path: Option<String>,
    line: Option<usize>,
    url: Option<String>,
    message: String,
    negative: bool,
}

#[derive(Serialize)]
struct Linked {
    path: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct RepoView {
    name: String,
    anchor: String,
    organisations: Vec<Bar>,
    islands: Vec<IslandView>,
    trend: Option<LineChart>,
    services: Vec<ServiceView>,
    stale_docs: Vec<DocView>,
    documents: Vec<DocView>,
    unowned: Vec<Linked>,
}

#[derive(Serialize)]
struct IslandView {
    path: String,
    url: Option<String>,
    files: usize,
    orphaned_files: usize,
    percent: String,
    width: f64,
}

#[derive(Serialize)]
struct ServiceView {
    name: String,
    path: String,
    owners: String,
    known_by: Vec<String>,
    runbook: Option<Linked>,
    runbook_changed: Option<String>,
    runbook_stale: bool,
    runbook_reasons: Vec<String>,
}

#[derive(Serialize)]
struct DocView {
    path: String,
    url: Option<String>,
    kind: String,
    title: Option<String>,
    last_changed: Option<String>,
    reasons: Vec<String>,
}

fn url(repo: &RepositoryReport, path: &str) -> Option<String> {
    match (&repo.web_url, &repo.head) {
        (Some(web), Some(head)) => Some(file_url(web, head, path)),
        _ => None,
    }
}

/// Renders the HTML report.
pub fn render(report: &Report, templates: &Templates) -> Result<String> {
    let context = Context {
        report,
        view: view(report),
    };
    templates.render("report.html.hbs", &context)
}

fn view(report: &Report) -> View {
    let categories = crate::checks::checklist::CATEGORIES
        .iter()
        .map(|name| (name.to_string(), report.score.categories.get(*name).copied().flatten()))
        .map(|(name, value)| match value {
            Some(v) => charts::bar(name, String::new(), v, 100.0, format!("{v:.1}"), charts::score_color(v)),
            None => charts::bar(name, String::new(), 0.0, 100.0, "n/a".to_string(), "#a0aec0"),
        })
        .collect();
    let mut checks: Vec<&super::model::CheckResult> = report.checks.iter().collect();
    checks.sort_by_key(|c| c.status);
    let counts = [Status::Error, Status::Fail, Status::Warn, Status::Pass, Status::Skip]
        .iter()
        .map(|s| {
            (
                s.as_str().to_string(),
                report.checks.iter().filter(|c| c.status == *s).count(),
            )
        })
        .collect();
    let checks = checks
        .into_iter()
        .map(|c| CheckView {
            id: c.id.clone(),
            title: c.title.clone(),
            category: c.category.clone(),
            status: c.status,
            score_percent: format!("{:.0}", c.score * 100.0),
            reason: c.reason.clone(),
            why: c.why.clone(),
            remediation: matches!(c.status, Status::Fail | Status::Warn | Status::Error).then(|| c.remediation.clone()),
            evidence: c
                .evidence
                .iter()
                .map(|e| {
                    let repo = match &e.repository {
                        Some(name) => report.repositories.iter().find(|r| &r.name == name),
                        None => report.repositories.first(),
                    };
                    EvidenceView {
                        repository: e.repository.clone(),
                        path: e.path.clone(),
                        line: e.line,
                        url: e
                            .path
                            .as_deref()
                            .and_then(|p| repo.and_then(|r| url(r, p)))
                            .map(|u| match e.line {
                                Some(line) => format!("{u}#L{line}"),
                                None => u,
                            }),
                        message: e.message.clone(),
                        negative: e.negative,
                    }
                })
                .collect(),
        })
        .collect();
    let estate_organisations = report
        .estate
        .iter()
        .flat_map(|e| &e.organisations)
        .map(|o| {
            charts::bar(
                o.name.clone(),
                format!("{}, {} repositories", o.role, o.repositories),
                o.orphaned_percent_if_leaves,
                100.0,
                format!("{:.1}%", o.orphaned_percent_if_leaves),
                role_color(&o.role),
            )
        })
        .collect();
    View {
        gauge: charts::gauge(report.score.overall),
        categories,
        counts,
        checks,
        estate_organisations,
        repositories: report
            .repositories
            .iter()
            .enumerate()
            .map(|(i, r)| repo_view(i, r))
            .collect(),
    }
}

fn role_color(role: &str) -> &'static str {
    match role {
        "vendor" => "#c53030",
        "internal" => "#2b6cb0",
        "bots" => "#a0aec0",
        _ => "#718096",
    }
}

fn repo_view(index: usize, repo: &RepositoryReport) -> RepoView {
    let knowledge = repo.knowledge.as_ref();
    let organisations = knowledge
        .iter()
        .flat_map(|k| &k.organisations)
        .filter(|o| o.listed)
        .map(|o| {
            charts::bar(
                o.name.clone(),
                format!("{}, {} commits, knows {} files", o.role, o.commits, o.files_known),
                o.orphaned_percent_if_leaves,
                100.0,
                format!("{:.1}%", o.orphaned_percent_if_leaves),
                role_color(&o.role),
            )
        })
        .collect();
    let mut islands: Vec<&super::model::Island> = knowledge.iter().flat_map(|k| &k.islands).collect();
    islands.sort_by(|a, b| b.orphaned_files.cmp(&a.orphaned_files).then(a.path.cmp(&b.path)));
    let max_files = islands.iter().map(|i| i.files).max().unwrap_or(0);
    let islands = islands
        .into_iter()
        .map(|i| IslandView {
            path: i.path.clone(),
            url: url(repo, &i.path),
            files: i.files,
            orphaned_files: i.orphaned_files,
            percent: format!("{:.0}", 100.0 * i.orphaned_files as f64 / i.files.max(1) as f64),
            width: if max_files > 0 {
                (200.0 * i.orphaned_files as f64 / max_files as f64 * 10.0).round() / 10.0
            } else {
                0.0
            },
        })
        .collect();
    let trend = knowledge.filter(|k| !k.trend.is_empty()).map(|k| {
        let labels: Vec<String> = k.trend.iter().map(|q| q.quarter.clone()).collect();
        charts::line_chart(
            &labels,
            vec![
                (
                    "vendor share of commits",
                    "#c53030",
                    "",
                    k.trend.iter().map(|q| Some(q.vendor_commit_share)).collect(),
                ),
                (
                    "in-house share of commits",
                    "#2b6cb0",
                    "",
                    k.trend.iter().map(|q| Some(q.inhouse_commit_share)).collect(),
                ),
                (
                    "pairing rate",
                    "#2f855a",
                    "2 3",
                    k.trend.iter().map(|q| q.pairing_rate).collect(),
                ),
                (
                    "files known by the vendor",
                    "#c53030",
                    "7 4",
                    k.trend.iter().map(|q| Some(q.vendor_known_share)).collect(),
                ),
                (
                    "files known in-house",
                    "#2b6cb0",
                    "7 4",
                    k.trend.iter().map(|q| Some(q.inhouse_known_share)).collect(),
                ),
            ],
        )
    });
    let doc = |d: &super::model::DocumentReport| DocView {
        path: d.path.clone(),
        url: url(repo, &d.path),
        kind: d.kind.clone(),
        title: d.title.clone(),
        last_changed: d.last_changed.as_ref().map(|s| s.chars().take(10).collect()),
        reasons: d
            .reasons
            .iter()
            .map(|r| format!("{}: {}", r.signal, r.message))
            .collect(),
    };
    let services = repo
        .services
        .iter()
        .map(|s| {
            let known_by = s
                .known_by
                .iter()
                .map(|k| {
                    format!(
                        "{} ({}): {} of {} files",
                        k.organisation, k.role, k.files_known, s.source_files
                    )
                })
                .collect();
            let owners = s.owners.join(" ");
            let runbook = s
                .runbook
                .as_ref()
                .and_then(|p| repo.documents.iter().find(|d| &d.path == p));
            ServiceView {
                name: s.name.clone(),
                path: s.path.clone(),
                owners,
                known_by,
                runbook: s.runbook.as_ref().map(|p| Linked {
                    path: p.clone(),
                    url: url(repo, p),
                }),
                runbook_changed: runbook.and_then(|d| d.last_changed.as_ref().map(|s| s.chars().take(10).collect())),
                runbook_stale: runbook.is_some_and(|d| d.stale),
                runbook_reasons: runbook
                    .iter()
                    .flat_map(|d| &d.reasons)
                    .map(|r| format!("{}: {}", r.signal, r.message))
                    .collect(),
            }
        })
        .collect();
    RepoView {
        name: repo.name.clone(),
        anchor: format!("repo-{index}"),
        organisations,
        islands,
        trend,
        services,
        stale_docs: repo.documents.iter().filter(|d| d.stale).map(doc).collect(),
        documents: repo.documents.iter().map(doc).collect(),
        unowned: repo
            .ownership
            .iter()
            .flat_map(|o| &o.unowned_paths)
            .map(|p| Linked {
                path: p.clone(),
                url: url(repo, p.trim_end_matches('/')),
            })
            .collect(),
    }
}
