//! Renders a `Comparison` (what changed since the baseline): one summary line for the terminal,
//! plain text and Markdown for `exitready diff`: the score, the headline then and now, each
//! category then and now, and the checks and documents that moved. Repository strings are
//! escaped per format: made terminal-safe on one line (`base::text::one_line`) in text,
//! Markdown-escaped in Markdown.

use std::fmt::Write;

use super::markdown::{escape as escape_markdown, escape_line_start};
use super::model::{Comparison, Direction};
use crate::base::text::one_line as clean;
use crate::checks::Status;

fn score_text(score: Option<f64>, grade: &Option<String>) -> String {
    match (score, grade) {
        (Some(s), Some(g)) => format!("{s:.1} ({g})"),
        (Some(s), None) => format!("{s:.1}"),
        _ => "n/a".to_string(),
    }
}

fn status_text(status: Option<Status>) -> &'static str {
    status.map_or("absent", Status::as_str)
}

fn delta(c: &Comparison) -> String {
    match (c.score_then, c.score_now) {
        (Some(a), Some(b)) => format!(", {:+.1}", b - a),
        _ => String::new(),
    }
}

/// `25.0 → 30.0 (+5.0)`, `n/a → 30.0`, or `70.0 (unchanged)`.
fn category_move(then: Option<f64>, now: Option<f64>) -> String {
    let show = |v: Option<f64>| v.map_or("n/a".to_string(), |v| format!("{v:.1}"));
    match (then, now) {
        (Some(a), Some(b)) if (a - b).abs() < 0.05 => format!("{} (unchanged)", show(now)),
        (Some(a), Some(b)) => format!("{} → {} ({:+.1})", show(then), show(now), b - a),
        (None, None) => "n/a (unchanged)".to_string(),
        _ => format!("{} → {}", show(then), show(now)),
    }
}

/// One line for the terminal summary: the score move and how many checks moved which way.
pub fn summary_line(c: &Comparison) -> String {
    format!(
        "since the baseline of {}: {} → {}{}; {} improved, {} regressed, {} changed",
        clean(&c.baseline_generated_at),
        score_text(c.score_then, &c.grade_then),
        score_text(c.score_now, &c.grade_now),
        delta(c),
        c.moved(Direction::Improved).count(),
        c.moved(Direction::Regressed).count(),
        c.moved(Direction::Changed).count()
    )
}

/// Plain text, one changed check per line named by its id. Control characters in
/// repository strings are replaced, so a path cannot rewrite the terminal.
pub fn text(comparison: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Score: {} → {}{} (baseline of {})",
        score_text(comparison.score_then, &comparison.grade_then),
        score_text(comparison.score_now, &comparison.grade_now),
        delta(comparison),
        clean(&comparison.baseline_generated_at)
    );
    if comparison.headline_then.is_some() || comparison.headline_now.is_some() {
        let headline = |h: &Option<String>| h.as_deref().map_or("none".to_string(), |h| clean(h).into_owned());
        let _ = writeln!(out, "Headline then: {}", headline(&comparison.headline_then));
        let _ = writeln!(out, "Headline now:  {}", headline(&comparison.headline_now));
    }
    if !comparison.categories.is_empty() {
        let _ = writeln!(out, "Categories:");
        for c in &comparison.categories {
            let _ = writeln!(out, "  {}: {}", clean(&c.category), category_move(c.then, c.now));
        }
    }
    for (label, direction) in [
        ("Improved", Direction::Improved),
        ("Regressed", Direction::Regressed),
        ("Changed", Direction::Changed),
    ] {
        let moved: Vec<_> = comparison.moved(direction).collect();
        if moved.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{label}:");
        for c in moved {
            let _ = writeln!(
                out,
                "  {}: {} → {} ({})",
                clean(&c.id),
                status_text(c.from),
                status_text(c.to),
                clean(&c.title)
            );
        }
    }
    if comparison.checks.is_empty() {
        let _ = writeln!(out, "No check changed status.");
    }
    for (label, list) in comparison.path_lists() {
        if !list.is_empty() {
            let _ = writeln!(out, "{label}:");
            for p in list {
                let _ = writeln!(out, "  {}: {}", clean(&p.repository), clean(&p.path));
            }
        }
    }
    out
}

/// Markdown, every repository string escaped.
pub fn markdown(comparison: &Comparison) -> String {
    let e = escape_markdown;
    let mut out = String::from("# Changes since the baseline\n\n");
    let _ = writeln!(
        out,
        "Score: **{}** → **{}**{} (baseline of {})\n",
        score_text(comparison.score_then, &comparison.grade_then),
        score_text(comparison.score_now, &comparison.grade_now),
        delta(comparison),
        e(&comparison.baseline_generated_at)
    );
    if comparison.headline_then.is_some() || comparison.headline_now.is_some() {
        let headline = |h: &Option<String>| h.as_deref().map_or("none".to_string(), e);
        let _ = writeln!(
            out,
            "- Headline then: {}\n- Headline now: {}\n",
            headline(&comparison.headline_then),
            headline(&comparison.headline_now)
        );
    }
    if !comparison.categories.is_empty() {
        out.push_str("| Category | Then and now |\n| --- | --- |\n");
        for c in &comparison.categories {
            let _ = writeln!(out, "| {} | {} |", e(&c.category), category_move(c.then, c.now));
        }
        out.push('\n');
    }
    if comparison.checks.is_empty() {
        out.push_str("No check changed status.\n\n");
    } else {
        out.push_str("| Check | Title | Then | Now | Change |\n| --- | --- | --- | --- | --- |\n");
        for c in &comparison.checks {
            let direction = match c.direction {
                Direction::Improved => "improved",
                Direction::Regressed => "regressed",
                Direction::Changed => "changed",
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {direction} |",
                e(&c.id),
                e(&c.title),
                status_text(c.from),
                status_text(c.to)
            );
        }
        out.push('\n');
    }
    if !comparison.warnings.is_empty() {
        out.push_str("## Repositories not compared\n\n");
        for w in &comparison.warnings {
            let _ = writeln!(out, "- {}", e(w));
        }
        out.push('\n');
    }
    for (label, list) in comparison.path_lists() {
        if !list.is_empty() {
            let _ = writeln!(out, "## {label}\n");
            for p in list {
                let _ = writeln!(out, "- {}: {}", escape_line_start(&p.repository), e(&p.path));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::CategoryChange;

    fn comparison() -> Comparison {
        Comparison {
            baseline_generated_at: "2026-03-31T00:00:00Z".to_string(),
            score_then: Some(30.0),
            score_now: Some(41.5),
            grade_then: Some("F".to_string()),
            grade_now: Some("D".to_string()),
            headline_then: Some(
                "If Acme left today: 60.0 % of source files would have no active in-house knower".to_string(),
            ),
            headline_now: Some(
                "If Acme left today: 40.0 % of source files would have no active in-house knower".to_string(),
            ),
            categories: vec![
                CategoryChange {
                    category: "documentation".to_string(),
                    then: Some(25.0),
                    now: Some(37.5),
                },
                CategoryChange {
                    category: "knowledge".to_string(),
                    then: None,
                    now: Some(50.0),
                },
                CategoryChange {
                    category: "ownership".to_string(),
                    then: Some(10.0),
                    now: Some(10.0),
                },
            ],
            ..Comparison::default()
        }
    }

    /// See: issue 15, item 11. The text says the headline then and now and every category.
    #[test]
    fn text_shows_headlines_and_categories() {
        assert_eq!(
            text(&comparison()),
            "Score: 30.0 (F) → 41.5 (D), +11.5 (baseline of 2026-03-31T00:00:00Z)\n\
             Headline then: If Acme left today: 60.0 % of source files would have no active in-house knower\n\
             Headline now:  If Acme left today: 40.0 % of source files would have no active in-house knower\n\
             Categories:\n\
             \x20 documentation: 25.0 → 37.5 (+12.5)\n\
             \x20 knowledge: n/a → 50.0\n\
             \x20 ownership: 10.0 (unchanged)\n\
             No check changed status.\n"
        );
        let md = markdown(&comparison());
        assert!(
            md.contains("- Headline now: If Acme left today: 40.0 % of source files"),
            "{md}"
        );
        assert!(md.contains("| documentation | 25.0 → 37.5 (+12.5) |"), "{md}");
    }
}
