//! Renders `exitready explain` for people: a file's kind, owners, authors with their degree of
//! authorship and freshness reasons, or a check's result with its evidence. JSON comes from the
//! model (`report::model::FileExplanation`, `CheckResult`).

use super::model::{CheckResult, FileExplanation};

/// A file's explanation as text.
pub fn file_text(e: &FileExplanation) -> String {
    let mut out = format!("{} ({}): {:?}\n", e.path, e.repository, e.class);
    if let (Some(kind), Some(reason)) = (&e.kind, &e.kind_reason) {
        out += &format!("kind: {kind} (because {reason})\n");
    }
    if let Some(title) = &e.title {
        out += &format!("title: {title}\n");
    }
    if e.owners.is_empty() {
        out += "owners: none\n";
    } else {
        let rule = e
            .ownership_rule
            .as_ref()
            .map_or(String::new(), |r| format!(" ({}:{})", r.file, r.line));
        out += &format!("owners: {}{rule}\n", e.owners.join(" "));
    }
    for author in &e.authors {
        let last = author.last_commit.as_deref().map_or("?", |t| &t[..t.len().min(10)]);
        let knows = match (e.known_by.iter().any(|k| k.email == author.email), author.active) {
            (true, true) => format!("knows it, active (last commit {last})"),
            (true, false) => format!("knew it, departed (last commit {last}): no longer counts"),
            (false, _) => String::new(),
        };
        out += &format!(
            "  {} <{}> [{}]: FA {} DL {} AC {} DOA {:.3} {knows}\n",
            author.name, author.email, author.organisation, author.fa as u8, author.dl, author.ac, author.doa
        );
    }
    if let Some(stale) = e.stale {
        out += &format!("stale: {}\n", if stale { "yes" } else { "no" });
    }
    for reason in &e.reasons {
        out += &format!("  {}: {}\n", reason.signal, reason.message);
    }
    out
}

/// A check's result as text.
pub fn check_text(c: &CheckResult) -> String {
    let mut out = format!(
        "{} ({}): {}, score {:.2}\n{}\n\nwhy: {}\n",
        c.id,
        c.title,
        c.status.as_str(),
        c.score,
        c.reason,
        c.why
    );
    if !matches!(c.status, crate::checks::Status::Pass | crate::checks::Status::Skip) {
        out += &format!("remediation: {}\n", c.remediation);
    }
    if !c.evidence.is_empty() {
        out += "evidence:\n";
        for e in &c.evidence {
            let mark = if e.negative { "✗" } else { "✓" };
            let place = match (&e.path, e.line) {
                (Some(p), Some(l)) => format!("{p}:{l}: "),
                (Some(p), None) => format!("{p}: "),
                _ => String::new(),
            };
            out += &format!("  {mark} {place}{}\n", e.message);
        }
    }
    out
}
