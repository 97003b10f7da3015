//! The HTML report's view: the `Report`, the shared `view::View` (top risks, checks as people
//! read them, file links, capped in-flight lists), plus chart geometry (`charts`), rendered by
//! `templates/report.html.hbs`.
//!
//! The template keeps handlebars' HTML escaping on and never uses triple-stash: every
//! repository string reaches the page escaped. Links are built by `links` from known hosts
//! only. The output is one self-contained file: inline CSS and SVG, no scripts, no external
//! resources. Every chart scales with its `viewBox` to the width it is given (issue 15).

use serde::Serialize;

use super::charts::{self, Bar, Gauge, LineChart};
use super::model::{Report, RepositoryReport};
use super::render::Templates;
use super::view::{self, RepoView, View};
use crate::error::Result;

/// The template context: the report's fields, plus `view`.
#[derive(Serialize)]
struct Context<'a> {
    #[serde(flatten)]
    report: &'a Report,
    view: HtmlView,
}

#[derive(Serialize)]
struct HtmlView {
    #[serde(flatten)]
    common: View<HtmlRepo>,
    gauge: Gauge,
    categories: Vec<Bar>,
    estate_organisations: Vec<Bar>,
}

/// One repository's part of the view, with its charts.
#[derive(Serialize)]
struct HtmlRepo {
    #[serde(flatten)]
    common: RepoView,
    organisations: Vec<Bar>,
    trend: Option<LineChart>,
}

/// Renders the HTML report.
pub fn render(report: &Report, templates: &Templates) -> Result<String> {
    let context = Context {
        report,
        view: html_view(report),
    };
    templates.render("report.html.hbs", &context)
}

fn html_view(report: &Report) -> HtmlView {
    let categories = crate::checks::checklist::CATEGORIES
        .iter()
        .map(|name| (name.to_string(), report.score.categories.get(*name).copied().flatten()))
        .map(|(name, value)| match value {
            Some(v) => charts::bar(name, String::new(), v, 100.0, format!("{v:.1}"), charts::score_color(v)),
            None => charts::bar(name, String::new(), 0.0, 100.0, "n/a".to_string(), "#a0aec0"),
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
    let mut repositories = report.repositories.iter();
    let common = view::view(report).map_repositories(|common| {
        let (organisations, trend) = repositories.next().map(repo_charts).unwrap_or_default();
        HtmlRepo {
            common,
            organisations,
            trend,
        }
    });
    HtmlView {
        common,
        gauge: charts::gauge(report.score.overall),
        categories,
        estate_organisations,
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

/// A repository's off-boarding bars and quarterly trend.
fn repo_charts(repo: &RepositoryReport) -> (Vec<Bar>, Option<LineChart>) {
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
    (organisations, trend)
}
