//! The terminal summary: score, grade, categories, the top risks with their remediation, and
//! one line per kind of warning. Coloured only when asked (the caller decides, from `--color`,
//! the terminal and `NO_COLOR`). Every string from the report goes through `base::text::one_line`
//! as it is written (`safe`), so that the only escape sequences are the colours painted here.
//! An estate's score says it is weighted by source files, with each repository's own beside
//! it; the risks left out say where to read them (issue 15).

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use crate::base::text::one_line as safe;

use super::model::Report;
use crate::checks::Status;
use crate::checks::checklist::CATEGORIES;
use crate::checks::vendor_exit::NO_ORGANISATIONS;

use super::view::{TOP_RISKS, estate_scores, risks};

/// Renders the summary. `full_report` names the full report written beside it (HTML, Markdown
/// or JSON), if any: the risks the summary leaves out are read there.
pub fn summary(report: &Report, color: bool, full_report: Option<&str>) -> String {
    let paint = |style: Style, text: &str| {
        if color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    };
    let bold = Style::new().bold();
    let mut out = String::new();
    let names: Vec<&str> = report.repositories.iter().map(|r| r.name.as_str()).collect();
    let _ = writeln!(
        out,
        "exitready {}: {} ({})",
        safe(&report.tool.version),
        safe(&names.join(", ")),
        safe(&report.checklists.join(", "))
    );
    let (label, weighted) = if report.estate.is_some() {
        ("Estate score", " (weighted by source files)")
    } else {
        ("Score", "")
    };
    match (report.score.overall, &report.score.grade) {
        (Some(overall), Some(grade)) => {
            let style = grade_style(grade);
            let _ = writeln!(
                out,
                "{} {}{weighted}",
                paint(bold, label),
                paint(style.bold(), &format!("{overall:.1} / 100, grade {}", safe(grade)))
            );
        }
        _ => {
            let _ = writeln!(out, "{} no check could be evaluated", paint(bold, label));
        }
    }
    let (scores, more) = estate_scores(report);
    if !scores.is_empty() {
        let each: Vec<String> = scores
            .iter()
            .map(|s| {
                let score = match (s.score, &s.grade) {
                    (Some(v), Some(g)) => format!("{v:.1} {}", safe(g)),
                    _ => "n/a".to_string(),
                };
                format!("{} {score} ({} source files)", safe(&s.name), s.source_files)
            })
            .collect();
        let more = if more > 0 {
            format!(" · … and {more} more")
        } else {
            String::new()
        };
        let _ = writeln!(out, "  per repository, lowest first: {}{more}", each.join(" · "));
    }
    for headline in &report.headlines {
        let _ = writeln!(out, "{}", paint(bold, &safe(headline)));
    }
    let history_read = report.repositories.iter().any(|r| r.knowledge.is_some());
    if report.headlines.is_empty() && history_read {
        let _ = writeln!(
            out,
            "No vendor configured: the headline would say how much of the code nobody active in-house \
             would know if the vendor left. Mark the vendor with `exitready init`."
        );
    }
    let categories: Vec<String> = CATEGORIES
        .iter()
        .map(|name| match report.score.categories.get(*name).copied().flatten() {
            Some(v) => format!("{name} {v:.1}"),
            None => format!("{name} n/a"),
        })
        .collect();
    let _ = writeln!(out, "  {}", categories.join(" · "));
    if let Some(baseline) = &report.baseline {
        let _ = writeln!(out, "  {}", super::diff::summary_line(baseline));
    }
    let risks = risks(report);
    if !risks.is_empty() {
        let _ = writeln!(out, "{}", paint(bold, "Top risks"));
        for check in risks.iter().take(TOP_RISKS) {
            let mark = paint(status_style(check.status), check.status.as_str());
            let _ = writeln!(
                out,
                "  {mark:>4} {} ({}): {}",
                safe(&check.title),
                safe(&check.id),
                safe(&check.reason)
            );
            let _ = writeln!(out, "       → {}", safe(check.remediation.trim()));
        }
        if risks.len() > TOP_RISKS {
            let more = risks.len() - TOP_RISKS;
            let _ = match full_report {
                Some(path) => writeln!(out, "  … and {more} more in {}", safe(path)),
                None => writeln!(
                    out,
                    "  … and {more} more: write the full report with `-o report.html` (or .md, .json)"
                ),
            };
        }
    }
    for line in waiver_lines(report) {
        let _ = writeln!(out, "{line}");
    }
    let skipped: Vec<_> = report.checks.iter().filter(|c| c.status == Status::Skip).collect();
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "{} check(s) skipped (facts not available; `exitready explain CHECK-ID` says why)",
            skipped.len()
        );
    }
    let need_organisations = skipped.iter().filter(|c| c.reason.contains(NO_ORGANISATIONS)).count();
    if need_organisations > 0 {
        let _ = writeln!(
            out,
            "hint: {need_organisations} of them need to know who the vendor is: `exitready init` writes an exitready.toml to mark it"
        );
    }
    for (kind, count) in &report.warning_counts {
        let _ = writeln!(
            out,
            "{} {count} × {} (details in the JSON report's warnings)",
            paint(Style::new().fg_color(Some(AnsiColor::Yellow.into())), "warning:"),
            safe(kind)
        );
    }
    out
}

/// One line per waiver: what it sets aside until when, or that it expired (terminal-safe).
pub fn waiver_lines(report: &Report) -> Vec<String> {
    report
        .waivers
        .iter()
        .map(|w| {
            let target = format!(
                "{}{}{}",
                w.repository.as_ref().map(|r| format!("[{r}] ")).unwrap_or_default(),
                w.check,
                w.path.as_ref().map(|p| format!(" {p}")).unwrap_or_default()
            );
            let line = if w.expired {
                format!(
                    "waiver expired: {target} (expired {}, no longer applies): {}",
                    w.expires, w.reason
                )
            } else {
                format!(
                    "waiver: {target} until {} sets aside {} finding(s): {}",
                    w.expires, w.applied_to, w.reason
                )
            };
            safe(&line).into_owned()
        })
        .collect()
}

fn grade_style(grade: &str) -> Style {
    let color = match grade {
        "A" | "B" => AnsiColor::Green,
        "C" => AnsiColor::Yellow,
        _ => AnsiColor::Red,
    };
    Style::new().fg_color(Some(color.into()))
}

fn status_style(status: Status) -> Style {
    let color = match status {
        Status::Pass => AnsiColor::Green,
        Status::Warn => AnsiColor::Yellow,
        Status::Skip => AnsiColor::BrightBlack,
        Status::Fail | Status::Error => AnsiColor::Red,
    };
    Style::new().fg_color(Some(color.into()))
}
