//! What the reports for people show of a `Report`, computed once for the HTML and Markdown
//! templates (and the terminal's top risks): the top risks with their fix, each check's score as
//! people read it ("67%", or "not evaluated" for a skip), links to files on the web host,
//! knowledge islands as shares, in-flight branches capped (the vendor's first), and the
//! per-repository scores beside an estate's weighted one (issue 15).
//!
//! Numbers and order only: every string is still escaped by the template's registry. Nothing
//! here decides what is true; it selects, orders and formats what the report says.

use serde::Serialize;

use super::links::file_url;
use super::model::{CheckResult, InFlight, Report, RepositoryReport};
use crate::base::file_class::FileClass;
use crate::checks::Status;

/// How many risks the summaries list before "… and N more".
pub const TOP_RISKS: usize = 5;

/// How many in-flight branches a report lists per repository before counting the rest.
pub const IN_FLIGHT_LISTED: usize = 20;

/// How many repositories the score section lists beside an estate's weighted score.
pub const ESTATE_SCORES_LISTED: usize = 8;

/// The checks that did not pass (error, fail, warn), most serious first: by status, then the
/// heaviest, then the lowest score, then checklist order.
pub fn risks(report: &Report) -> Vec<&CheckResult> {
    let mut risks: Vec<&CheckResult> = report
        .checks
        .iter()
        .filter(|c| matches!(c.status, Status::Error | Status::Fail | Status::Warn))
        .collect();
    risks.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.weight.total_cmp(&a.weight))
            .then(a.score.total_cmp(&b.score))
    });
    risks
}

/// A check's score as people read it: `67%`, or `not evaluated` for a skip (a skipped check has
/// no score; its 0 in the JSON is not a failure).
pub fn score_text(status: Status, score: f64) -> String {
    if status == Status::Skip {
        "not evaluated".to_string()
    } else {
        format!("{:.0}%", score * 100.0)
    }
}

/// The template context: the report's fields, plus `view`.
#[derive(Serialize)]
pub struct Context<'a> {
    /// The report itself, as in the JSON.
    #[serde(flatten)]
    pub report: &'a Report,
    /// What the templates show of it.
    pub view: View,
}

/// The context of the Markdown template.
pub fn context(report: &Report) -> Context<'_> {
    Context {
        report,
        view: view(report),
    }
}

/// What the reports for people show (`R`: what a format shows per repository).
#[derive(Debug, Clone, Serialize)]
pub struct View<R = RepoView> {
    /// The `TOP_RISKS` most serious risks, each with its fix.
    pub top_risks: Vec<CheckView>,
    /// How many more risks there are.
    pub more_risks: usize,
    /// Every check, in checklist order.
    pub checks: Vec<CheckView>,
    /// Every check, failing first (error, fail, warn, pass, skip), checklist order within.
    pub checks_failing_first: Vec<CheckView>,
    /// How many checks have each status, worst first: `[status, count]`.
    pub counts: Vec<(String, usize)>,
    /// Per repository, in report order.
    pub repositories: Vec<R>,
    /// For an estate: the repositories' own scores, lowest first, at most
    /// `ESTATE_SCORES_LISTED` (the estate table lists them all).
    pub estate_scores: Vec<RepoScore>,
    /// Repositories not listed in `estate_scores`.
    pub more_estate_scores: usize,
}

impl View {
    /// The same view with each repository's part extended (the HTML adds its charts).
    pub fn map_repositories<R>(self, f: impl FnMut(RepoView) -> R) -> View<R> {
        View {
            top_risks: self.top_risks,
            more_risks: self.more_risks,
            checks: self.checks,
            checks_failing_first: self.checks_failing_first,
            counts: self.counts,
            repositories: self.repositories.into_iter().map(f).collect(),
            estate_scores: self.estate_scores,
            more_estate_scores: self.more_estate_scores,
        }
    }
}

/// One check as people read it.
#[derive(Debug, Clone, Serialize)]
pub struct CheckView {
    /// `category.rule`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its category.
    pub category: String,
    /// Its status.
    pub status: Status,
    /// Whether it was evaluated (not a skip).
    pub evaluated: bool,
    /// `67%` or `not evaluated`.
    pub score_text: String,
    /// Why it got its result (for a skip: why it was not evaluated).
    pub reason: String,
    /// Why it matters.
    pub why: String,
    /// The fix, for a failing, warning or erring check.
    pub remediation: Option<String>,
    /// Its evidence, with links to files.
    pub evidence: Vec<EvidenceView>,
}

/// One piece of evidence, with a link to its file when the web host is known.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    /// The repository, in reports of several.
    pub repository: Option<String>,
    /// The file.
    pub path: Option<String>,
    /// The line.
    pub line: Option<usize>,
    /// `path:line`, or `path`.
    pub place: Option<String>,
    /// The file on its web host, at the scanned commit (and line).
    pub url: Option<String>,
    /// What it says.
    pub message: String,
    /// Whether it counts against the check.
    pub negative: bool,
    /// The waiver's reason, when one sets it aside.
    pub waived: Option<String>,
}

/// A path with its link.
#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    /// The repository-relative path.
    pub path: String,
    /// Its page on the web host.
    pub url: Option<String>,
}

/// One repository's sections.
#[derive(Debug, Clone, Serialize)]
pub struct RepoView {
    /// Its name.
    pub name: String,
    /// The HTML anchor of its section.
    pub anchor: String,
    /// Knowledge islands, most orphaned files first.
    pub islands: Vec<IslandView>,
    /// Services with their runbook's freshness.
    pub services: Vec<ServiceView>,
    /// Stale documents.
    pub stale_docs: Vec<DocView>,
    /// Every document.
    pub documents: Vec<DocView>,
    /// Unowned paths.
    pub unowned: Vec<Linked>,
    /// Branches in flight, the vendor's first.
    pub in_flight: InFlightView,
}

/// A knowledge island: its share of orphaned files is drawn as a share.
#[derive(Debug, Clone, Serialize)]
pub struct IslandView {
    /// The folder.
    pub path: String,
    /// Its page on the web host.
    pub url: Option<String>,
    /// Its source files.
    pub files: usize,
    /// Of which orphaned.
    pub orphaned_files: usize,
    /// The orphaned share, 0–100, as shown (`67`).
    pub percent: String,
    /// The same share, 0–100, for the bar's length.
    pub share: f64,
}

/// A service as listed.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceView {
    /// Its name.
    pub name: String,
    /// Its folder.
    pub path: String,
    /// What made it a service.
    pub found_by: String,
    /// Its owners, space-separated.
    pub owners: String,
    /// Who knows its code: `org (role): n of m files`.
    pub known_by: Vec<String>,
    /// Its runbook.
    pub runbook: Option<Linked>,
    /// The runbook's last change (YYYY-MM-DD).
    pub runbook_changed: Option<String>,
    /// Whether the runbook is stale.
    pub runbook_stale: bool,
    /// Why.
    pub runbook_reasons: Vec<String>,
}

/// A document as listed.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    /// Its path.
    pub path: String,
    /// Its page on the web host.
    pub url: Option<String>,
    /// Its kind.
    pub kind: String,
    /// The rule that decided the kind.
    pub kind_reason: String,
    /// Its title.
    pub title: Option<String>,
    /// Its last change (YYYY-MM-DD).
    pub last_changed: Option<String>,
    /// `signal: message` per reason.
    pub reasons: Vec<String>,
}

/// Branches in flight: at most `IN_FLIGHT_LISTED` listed, the rest counted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct InFlightView {
    /// All branches.
    pub total: usize,
    /// Those whose last author is the vendor's.
    pub vendor: usize,
    /// The listed ones: the vendor's first, then the most recent.
    pub listed: Vec<BranchView>,
    /// The others, in the same order.
    pub rest: Vec<BranchView>,
    /// `73 more: 5 vendor, 68 unknown; last commits 2019-03-01 to 2022-05-10`, when there are more.
    pub rest_summary: Option<String>,
}

/// One branch in flight.
#[derive(Debug, Clone, Serialize)]
pub struct BranchView {
    /// Its name.
    pub branch: String,
    /// Author of its last commit.
    pub last_author: String,
    /// That author's role.
    pub role: String,
    /// Date of its last commit (YYYY-MM-DD).
    pub date: String,
    /// The last commit's id, short.
    pub short_id: String,
    /// The full id.
    pub commit: String,
    /// Commits ahead of HEAD.
    pub commits_ahead: usize,
}

/// A repository's own score beside the estate's weighted one.
#[derive(Debug, Clone, Serialize)]
pub struct RepoScore {
    /// Its name.
    pub name: String,
    /// The HTML anchor of its section.
    pub anchor: String,
    /// Its overall score (`null` when none).
    pub score: Option<f64>,
    /// Its grade.
    pub grade: Option<String>,
    /// Its source files: its weight in the estate scores.
    pub source_files: usize,
}

/// The anchor of the `index`th repository's section.
pub fn anchor(index: usize) -> String {
    format!("repo-{index}")
}

/// Builds the view.
pub fn view(report: &Report) -> View {
    let risks = risks(report);
    let check = |c: &CheckResult| check_view(report, c);
    let mut failing_first: Vec<&CheckResult> = report.checks.iter().collect();
    failing_first.sort_by_key(|c| c.status);
    let counts = [Status::Error, Status::Fail, Status::Warn, Status::Pass, Status::Skip]
        .iter()
        .map(|s| {
            (
                s.as_str().to_string(),
                report.checks.iter().filter(|c| c.status == *s).count(),
            )
        })
        .collect();
    let (estate_scores, more_estate_scores) = estate_scores(report);
    View {
        top_risks: risks.iter().take(TOP_RISKS).map(|c| check(c)).collect(),
        more_risks: risks.len().saturating_sub(TOP_RISKS),
        checks: report.checks.iter().map(check).collect(),
        checks_failing_first: failing_first.into_iter().map(check).collect(),
        counts,
        repositories: report
            .repositories
            .iter()
            .enumerate()
            .map(|(i, r)| repo_view(i, r))
            .collect(),
        estate_scores,
        more_estate_scores,
    }
}

/// For an estate, each repository's own score, lowest first, at most `ESTATE_SCORES_LISTED`,
/// and how many more there are; nothing for a report that is not an estate.
pub fn estate_scores(report: &Report) -> (Vec<RepoScore>, usize) {
    if report.estate.is_none() {
        return (Vec::new(), 0);
    }
    let mut scores: Vec<RepoScore> = report
        .repositories
        .iter()
        .enumerate()
        .map(|(i, r)| RepoScore {
            name: r.name.clone(),
            anchor: anchor(i),
            score: r.score.overall,
            grade: r.score.grade.clone(),
            source_files: r.inventory.get(&FileClass::Source).copied().unwrap_or(0),
        })
        .collect();
    scores.sort_by(|a, b| {
        a.score
            .unwrap_or(f64::INFINITY)
            .total_cmp(&b.score.unwrap_or(f64::INFINITY))
            .then(a.name.cmp(&b.name))
    });
    let more = scores.len().saturating_sub(ESTATE_SCORES_LISTED);
    scores.truncate(ESTATE_SCORES_LISTED);
    (scores, more)
}

/// The link to `path` in `repo` at its HEAD, when its web host is known.
fn url(repo: &RepositoryReport, path: &str) -> Option<String> {
    match (&repo.web_url, &repo.head) {
        (Some(web), Some(head)) => Some(file_url(web, head, path)),
        _ => None,
    }
}

fn check_view(report: &Report, c: &CheckResult) -> CheckView {
    let failing = matches!(c.status, Status::Fail | Status::Warn | Status::Error);
    CheckView {
        id: c.id.clone(),
        title: c.title.clone(),
        category: c.category.clone(),
        status: c.status,
        evaluated: c.status != Status::Skip,
        score_text: score_text(c.status, c.score),
        reason: c.reason.clone(),
        why: c.why.clone(),
        remediation: failing.then(|| c.remediation.trim().to_string()),
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
                    place: e.path.as_ref().map(|p| match e.line {
                        Some(line) => format!("{p}:{line}"),
                        None => p.clone(),
                    }),
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
                    waived: e.waived.clone(),
                }
            })
            .collect(),
    }
}

fn repo_view(index: usize, repo: &RepositoryReport) -> RepoView {
    let mut islands: Vec<&super::model::Island> = repo.knowledge.iter().flat_map(|k| &k.islands).collect();
    islands.sort_by(|a, b| b.orphaned_files.cmp(&a.orphaned_files).then(a.path.cmp(&b.path)));
    let islands = islands
        .into_iter()
        .map(|i| {
            let share = 100.0 * i.orphaned_files as f64 / i.files.max(1) as f64;
            IslandView {
                path: i.path.clone(),
                url: url(repo, &i.path),
                files: i.files,
                orphaned_files: i.orphaned_files,
                percent: format!("{share:.0}"),
                share: (share * 10.0).round() / 10.0,
            }
        })
        .collect();
    let reasons = |d: &super::model::DocumentReport| -> Vec<String> {
        d.reasons
            .iter()
            .map(|r| format!("{}: {}", r.signal, r.message))
            .collect()
    };
    let doc = |d: &super::model::DocumentReport| DocView {
        path: d.path.clone(),
        url: url(repo, &d.path),
        kind: d.kind.clone(),
        kind_reason: d.kind_reason.clone(),
        title: d.title.clone(),
        last_changed: d.last_changed.as_ref().map(|s| s.chars().take(10).collect()),
        reasons: reasons(d),
    };
    let services = repo
        .services
        .iter()
        .map(|s| {
            let runbook = s
                .runbook
                .as_ref()
                .and_then(|p| repo.documents.iter().find(|d| &d.path == p));
            ServiceView {
                name: s.name.clone(),
                path: s.path.clone(),
                found_by: s.found_by.clone(),
                owners: s.owners.join(" "),
                known_by: s
                    .known_by
                    .iter()
                    .map(|k| {
                        format!(
                            "{} ({}): {} of {} files",
                            k.organisation, k.role, k.files_known, s.source_files
                        )
                    })
                    .collect(),
                runbook: s.runbook.as_ref().map(|p| Linked {
                    path: p.clone(),
                    url: url(repo, p),
                }),
                runbook_changed: runbook.and_then(|d| d.last_changed.as_ref().map(|s| s.chars().take(10).collect())),
                runbook_stale: runbook.is_some_and(|d| d.stale),
                runbook_reasons: runbook.map(reasons).unwrap_or_default(),
            }
        })
        .collect();
    RepoView {
        name: repo.name.clone(),
        anchor: anchor(index),
        islands,
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
        in_flight: in_flight(&repo.in_flight),
    }
}

/// Branches in flight: the vendor's first, then the most recent, then by name; at most
/// `IN_FLIGHT_LISTED` listed and the rest counted (issue 15: a report listed 90 branches, most
/// of them not the vendor's, before any finding).
pub fn in_flight(branches: &[InFlight]) -> InFlightView {
    let mut sorted: Vec<&InFlight> = branches.iter().collect();
    sorted.sort_by(|a, b| {
        (b.role == "vendor")
            .cmp(&(a.role == "vendor"))
            .then(b.last_commit_date.cmp(&a.last_commit_date))
            .then(a.branch.cmp(&b.branch))
    });
    let view = |b: &&InFlight| BranchView {
        branch: b.branch.clone(),
        last_author: b.last_author.clone(),
        role: b.role.clone(),
        date: b.last_commit_date.chars().take(10).collect(),
        short_id: b.last_commit.chars().take(10).collect(),
        commit: b.last_commit.clone(),
        commits_ahead: b.commits_ahead,
    };
    let listed: Vec<BranchView> = sorted.iter().take(IN_FLIGHT_LISTED).map(view).collect();
    let rest: Vec<BranchView> = sorted.iter().skip(IN_FLIGHT_LISTED).map(view).collect();
    let rest_summary = (!rest.is_empty()).then(|| {
        let mut roles: Vec<(String, usize)> = Vec::new();
        for b in &rest {
            match roles.iter_mut().find(|(r, _)| *r == b.role) {
                Some((_, n)) => *n += 1,
                None => roles.push((b.role.clone(), 1)),
            }
        }
        roles.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let roles: Vec<String> = roles.iter().map(|(r, n)| format!("{n} {r}")).collect();
        let oldest = rest.iter().map(|b| b.date.as_str()).min().unwrap_or_default();
        let newest = rest.iter().map(|b| b.date.as_str()).max().unwrap_or_default();
        format!(
            "{} more branch{}: {}; last commits {oldest} to {newest}",
            rest.len(),
            if rest.len() == 1 { "" } else { "es" },
            roles.join(", ")
        )
    });
    InFlightView {
        total: branches.len(),
        vendor: branches.iter().filter(|b| b.role == "vendor").count(),
        listed,
        rest,
        rest_summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn branch(name: &str, role: &str, date: &str) -> InFlight {
        InFlight {
            branch: name.to_string(),
            last_author: "A <a@x>".to_string(),
            role: role.to_string(),
            last_commit: "0123456789abcdef0123456789abcdef01234567".to_string(),
            last_commit_date: format!("{date}T12:00:00Z"),
            commits_ahead: 1,
        }
    }

    /// See: issue 15. At most 20 branches are listed, the vendor's first, with short ids and
    /// dates; the rest are counted by role with their date range.
    #[test]
    fn in_flight_lists_twenty_vendor_first_and_counts_the_rest() {
        let mut branches: Vec<InFlight> = (0..30)
            .map(|i| {
                branch(
                    &format!("feature-{i:02}"),
                    "unknown",
                    &format!("2020-01-{:02}", i % 28 + 1),
                )
            })
            .collect();
        branches.push(branch("vendor-old", "vendor", "2019-03-01"));
        branches.push(branch("vendor-new", "vendor", "2021-05-10"));
        let view = in_flight(&branches);
        assert_eq!(view.total, 32);
        assert_eq!(view.vendor, 2);
        assert_eq!(view.listed.len(), IN_FLIGHT_LISTED);
        assert_eq!(view.rest.len(), 12);
        assert_eq!(view.listed[0].branch, "vendor-new");
        assert_eq!(view.listed[1].branch, "vendor-old");
        assert_eq!(view.listed[0].short_id, "0123456789");
        assert_eq!(view.listed[0].date, "2021-05-10");
        assert_eq!(
            view.rest_summary.as_deref(),
            Some("12 more branches: 12 unknown; last commits 2020-01-01 to 2020-01-10")
        );
        assert!(in_flight(&branches[..3]).rest_summary.is_none());
    }

    #[test]
    fn skipped_checks_are_not_evaluated_not_zero() {
        assert_eq!(score_text(Status::Skip, 0.0), "not evaluated");
        assert_eq!(score_text(Status::Warn, 0.667), "67%");
        assert_eq!(score_text(Status::Fail, 0.0), "0%");
    }
}
