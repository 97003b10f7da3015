//! Renders `exitready explain` for people: a file's kind, owners, authors with their degree of
//! authorship (each saying whether, and why not, they count as knowing the file, with a legend
//! of FA, DL, AC and DOA and the thresholds: issue 15) and freshness reasons, or a check's
//! result with its evidence. JSON comes from the model (`report::model::FileExplanation`,
//! `CheckResult`).
//!
//! Every value is written through `base::text::one_line` (`safe`): a title, an owner or a
//! "Security owner:" line carrying `ESC ] 0 ; … BEL` cannot retitle the terminal, and a line
//! break cannot forge a line. The checklist's own `why` and remediation keep their lines.

use super::model::{Author, CheckResult, FileExplanation};
use crate::base::text::{one_line as safe, terminal};
use crate::facts::knowledge::doa::{DOA_BASE, KNOWS_RATIO};

/// A file's explanation as text.
pub fn file_text(e: &FileExplanation) -> String {
    let mut out = format!("{} ({}): {:?}\n", safe(&e.path), safe(&e.repository), e.class);
    if let (Some(kind), Some(reason)) = (&e.kind, &e.kind_reason) {
        out += &format!("kind: {kind} (because {})\n", safe(reason));
    }
    if let Some(title) = &e.title {
        out += &format!("title: {}\n", safe(title));
    }
    if e.owners.is_empty() {
        out += "owners: none\n";
    } else {
        let rule = e
            .ownership_rule
            .as_ref()
            .map_or(String::new(), |r| format!(" ({}:{})", safe(&r.file), r.line));
        out += &format!("owners: {}{rule}\n", safe(&e.owners.join(" ")));
    }
    if !e.authors.is_empty() {
        out += "authors (degree of authorship, best first):\n";
    }
    let best = e.authors.iter().map(|a| a.doa).fold(0.0, f64::max);
    for author in &e.authors {
        let knows = e.known_by.iter().any(|k| k.email == author.email);
        out += &format!(
            "  {} <{}> [{}]: FA {} DL {} AC {} DOA {:.3}: {}\n",
            safe(&author.name),
            safe(&author.email),
            safe(&author.organisation),
            author.fa as u8,
            author.dl,
            author.ac,
            author.doa,
            knowing(author, knows, best)
        );
    }
    if !e.authors.is_empty() {
        out += &legend(best);
    }
    if let Some(stale) = e.stale {
        out += &format!("stale: {}\n", if stale { "yes" } else { "no" });
    }
    for reason in &e.reasons {
        out += &format!("  {}: {}\n", safe(&reason.signal), safe(&reason.message));
    }
    out
}

/// Whether an author counts as knowing the file, and why not.
fn knowing(author: &Author, knows: bool, best: f64) -> String {
    let last: String = author
        .last_commit
        .as_deref()
        .map_or("?".to_string(), |t| safe(t).chars().take(10).collect());
    match (knows, author.active) {
        (true, true) => format!("knows it, active (last commit {last})"),
        (true, false) => format!("knew it, departed (last commit {last}): no longer counts"),
        (false, _) if best > 0.0 && author.doa / best <= KNOWS_RATIO => format!(
            "does not know it: DOA is {:.0}% of the best (more than {:.0}% needed)",
            100.0 * author.doa / best,
            100.0 * KNOWS_RATIO
        ),
        (false, _) => format!("does not know it: DOA under {DOA_BASE} and did not create the file"),
    }
}

/// What FA, DL, AC and DOA are, and when someone counts as knowing the file (DESIGN §3).
fn legend(best: f64) -> String {
    format!(
        "  FA: 1 if they created the file; DL: their own changes to it; AC: everyone else's changes.\n\
         \x20 DOA (degree of authorship, Avelino et al. 2016) = {DOA_BASE} + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC).\n\
         \x20 Someone knows the file when their DOA is over {:.0}% of the best on it ({best:.3}) and, unless \
         they created the file, at least {DOA_BASE}; only people active recently count for the headline.\n",
        100.0 * KNOWS_RATIO
    )
}

/// A check's result as text.
pub fn check_text(c: &CheckResult) -> String {
    let score = super::view::score_text(c.status, c.score);
    let score = if c.status == crate::checks::Status::Skip {
        score
    } else {
        format!("score {score}")
    };
    let mut out = format!(
        "{} ({}): {}, {score}\n{}\n\nwhy: {}\n",
        safe(&c.id),
        safe(&c.title),
        c.status.as_str(),
        safe(&c.reason),
        terminal(&c.why)
    );
    if !matches!(c.status, crate::checks::Status::Pass | crate::checks::Status::Skip) {
        out += &format!("remediation: {}\n", terminal(&c.remediation));
    }
    if !c.evidence.is_empty() {
        out += "evidence:\n";
        for e in &c.evidence {
            let mark = if e.negative { "✗" } else { "✓" };
            let place = match (&e.path, e.line) {
                (Some(p), Some(l)) => format!("{}:{l}: ", safe(p)),
                (Some(p), None) => format!("{}: ", safe(p)),
                _ => String::new(),
            };
            out += &format!("  {mark} {place}{}\n", safe(&e.message));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::file_class::FileClass;
    use crate::base::role::Role;

    fn author(name: &str, fa: bool, dl: u32, ac: u32, doa: f64) -> Author {
        Author {
            name: name.to_string(),
            email: format!("{name}@x"),
            organisation: "x".to_string(),
            role: Role::Unknown,
            fa,
            dl,
            ac,
            doa,
            active: true,
            last_commit: Some("2026-01-02T00:00:00Z".to_string()),
        }
    }

    /// See: issue 15, item 10. Each author says whether they count as knowing the file and why
    /// not; a legend says what FA, DL, AC and DOA are and the thresholds.
    #[test]
    fn authors_come_with_a_legend_and_a_verdict() {
        let a = author("a", true, 3, 0, 4.883);
        let b = author("b", false, 1, 3, 3.012);
        let c = author("c", false, 9, 1, 4.546);
        let e = FileExplanation {
            path: "src/x.rs".to_string(),
            repository: "r".to_string(),
            class: FileClass::Source,
            kind: None,
            kind_reason: None,
            title: None,
            owners: Vec::new(),
            ownership_rule: None,
            known_by: vec![a.clone(), c.clone()],
            authors: vec![a, c, b],
            stale: None,
            reasons: Vec::new(),
        };
        let text = file_text(&e);
        assert!(
            text.contains("a <a@x> [x]: FA 1 DL 3 AC 0 DOA 4.883: knows it, active (last commit 2026-01-02)"),
            "{text}"
        );
        assert!(
            text.contains(
                "b <b@x> [x]: FA 0 DL 1 AC 3 DOA 3.012: does not know it: DOA is 62% of the best (more than 75% needed)"
            ),
            "{text}"
        );
        assert!(
            text.contains("FA: 1 if they created the file; DL: their own changes to it; AC: everyone else's changes."),
            "{text}"
        );
        assert!(
            text.contains("= 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC)"),
            "{text}"
        );
        assert!(
            text.contains("over 75% of the best on it (4.883) and, unless they created the file, at least 3.293"),
            "{text}"
        );
        let low = author("d", false, 0, 9, 3.0);
        assert_eq!(
            knowing(&low, false, 3.2),
            "does not know it: DOA under 3.293 and did not create the file"
        );
    }
}
