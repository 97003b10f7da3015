//! Signal 5, ADR status: what each decision record says about itself, and numbering gaps.
//!
//! The status comes from MADR front matter (`status:`), a Nygard `## Status` section (its first
//! line of prose) or an inline `Status:` line, in that order. Recognised: Proposed, Accepted,
//! Rejected, Deprecated, Superseded (and adr-tools' "Superceded") plus common synonyms (Draft,
//! Approved, Declined, Replaced…). Superseded and deprecated records are reported with their
//! successor when they name one; `checks::staleness` judges a record without a status, with a
//! status nobody recognises, or still Proposed beyond the age limit. Numbering gaps within one
//! folder ("0004 missing") are measured on the record after the gap (`adr_gap`). Templates
//! (`template` in the name) and dated names are not numbered records.

use std::collections::BTreeMap;

use super::measures::{AdrState, AdrStatus};
use crate::base::signal::{Reason, Signal};
use crate::facts::document::Document;
use crate::facts::documents::DocKind;

/// The state a status word names (lower-case), with common synonyms.
fn state_of_word(word: &str) -> Option<AdrState> {
    Some(match word {
        "proposed" | "draft" | "pending" | "open" | "review" | "wip" => AdrState::Proposed,
        "accepted" | "approved" | "adopted" | "agreed" | "decided" | "implemented" | "active" | "done" => {
            AdrState::Accepted
        }
        "rejected" | "declined" | "abandoned" | "withdrawn" => AdrState::Rejected,
        "deprecated" | "obsolete" | "retired" => AdrState::Deprecated,
        "superseded" | "superceded" | "replaced" | "amended" => AdrState::Superseded,
        _ => return None,
    })
}

/// The status of an ADR (None for other kinds); `raw` empty when it states none.
pub(crate) fn status_of(doc: &Document) -> Option<AdrStatus> {
    if doc.kind != DocKind::Adr {
        return None;
    }
    let parsed = &doc.parsed;
    let section = parsed
        .headings
        .iter()
        .enumerate()
        .find(|(_, h)| h.text.trim_end_matches(':').trim().eq_ignore_ascii_case("status"));
    let (raw, source, line) = if let Some(value) = parsed.field("status") {
        (value, "front matter `status`", None)
    } else if let Some((_, heading)) = section.filter(|(_, h)| h.first_text.is_some()) {
        (
            heading.first_text.clone().unwrap_or_default(),
            "`## Status` section",
            Some(heading.line),
        )
    } else if let Some((_, value, line)) = parsed.inline_fields.iter().find(|f| f.0.eq_ignore_ascii_case("status")) {
        (value.clone(), "`Status:` line", Some(*line))
    } else {
        (String::new(), "", None)
    };
    let lower = raw.to_lowercase();
    let state = lower.split(|c: char| !c.is_alphanumeric()).find_map(state_of_word);
    // adr-tools writes "Superceded by [2. Use Y](0002-use-y.md)": the section's text keeps
    // "2. Use Y" and its first link the file.
    let link = section.and_then(|(index, heading)| {
        let end = parsed.headings.get(index + 1).map_or(u32::MAX, |h| h.line);
        parsed
            .links
            .iter()
            .find(|l| l.line > heading.line && l.line < end && !l.external)
            .map(|l| l.target.clone())
    });
    let successor = match (
        parsed
            .field("superseded_by")
            .or_else(|| parsed.field("superseded-by"))
            .or_else(|| named_after_by(&raw)),
        link,
    ) {
        (Some(name), Some(link)) if !name.contains(&link) => Some(format!("{name} ({link})")),
        (name, link) => name.or(link),
    };
    Some(AdrStatus {
        state,
        raw,
        source,
        line,
        successor: successor.filter(|_| matches!(state, Some(AdrState::Superseded | AdrState::Deprecated))),
    })
}

/// "Superseded by [ADR-0005](0005-x.md)" → "ADR-0005 (0005-x.md)"; None without "by".
fn named_after_by(raw: &str) -> Option<String> {
    let lower = raw.to_lowercase();
    let at = lower.find(" by ")?;
    let rest = raw[at + 4..].trim();
    let cleaned: String = rest.replace(['[', ']'], "").replace("](", " (");
    let cleaned = cleaned.trim().trim_end_matches('.').trim();
    (!cleaned.is_empty()).then(|| cleaned.to_string())
}

/// Templates (`template` in the file name) are not records.
pub(crate) fn is_template(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .unwrap_or(path)
        .to_lowercase()
        .contains("template")
}

/// The record number in a file name: `0004-use-x.md`, `adr-004-x.md`, `ADR-4.md` → 4 with its
/// written width; None for dated names (`2023-01-05-x.md`) and names without one.
fn number(path: &str) -> Option<(u32, usize)> {
    let name = path.rsplit('/').next().unwrap_or(path).to_lowercase();
    let rest = name
        .strip_prefix("adr")
        .map(|r| r.trim_start_matches(['-', '_', ' ']))
        .unwrap_or(&name);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 5 {
        return None;
    }
    let after = &rest[digits.len()..];
    // `2023-01-05-…`: a date, not a number.
    let dated = digits.len() == 4
        && after.len() > 3
        && after.as_bytes()[0] == b'-'
        && after[1..3].bytes().all(|b| b.is_ascii_digit());
    if dated {
        return None;
    }
    Some((digits.parse().ok()?, digits.len()))
}

/// Numbering gaps per folder: (index of the record after the gap, its `adr_gap` reason).
pub(crate) fn gaps(documents: &[Document]) -> Vec<(usize, Reason)> {
    let mut folders: BTreeMap<&str, Vec<(u32, usize, usize)>> = BTreeMap::new();
    for (index, doc) in documents.iter().enumerate() {
        if doc.kind != DocKind::Adr || doc.lookalike.as_ref().is_some_and(|l| l.is_fake()) || is_template(&doc.path) {
            continue;
        }
        if let Some((n, width)) = number(&doc.path) {
            let dir = doc.path.rsplit_once('/').map_or("", |(d, _)| d);
            folders.entry(dir).or_default().push((n, width, index));
        }
    }
    let mut out = Vec::new();
    for (_, mut records) in folders {
        records.sort();
        for pair in records.windows(2) {
            let ((a, _, _), (b, width, index)) = (pair[0], pair[1]);
            if b <= a + 1 {
                continue;
            }
            let pad = |n: u32| format!("{n:0width$}");
            let missing = if b == a + 2 {
                format!("{} missing", pad(a + 1))
            } else {
                format!("{}–{} missing ({} numbers)", pad(a + 1), pad(b - 1), b - a - 1)
            };
            out.push((
                index,
                Reason::new(
                    Signal::AdrGap,
                    format!("numbering gap: {missing} between {} and {}", pad(a), pad(b)),
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testkit::doc;
    use super::*;
    use pretty_assertions::assert_eq;

    fn adr(path: &str, text: &str, changed: &str) -> Document {
        doc(path, DocKind::Adr, text, Some(changed))
    }

    const RECENT: &str = "2026-05-01T00:00:00Z";

    #[test]
    fn statuses_from_each_convention() {
        let cases = [
            ("---\nstatus: accepted\n---\n# Use X\n", Some(AdrState::Accepted)),
            (
                "# 1. Use X\n\nDate: 2020-01-01\n\n## Status\n\nSuperceded by [3. Use Z](0003-use-z.md)\n\n## Context\n\nx\n",
                Some(AdrState::Superseded),
            ),
            ("# Use X\n\n* Status: Draft\n", Some(AdrState::Proposed)),
            (
                "# Use X\n\n| Field | Value |\n|---|---|\n| Status | Rejected |\n",
                Some(AdrState::Rejected),
            ),
            ("# Use X\n\n## Context\n\nx\n", None),
        ];
        for (text, want) in cases {
            let d = adr("docs/adr/0001-x.md", text, RECENT);
            assert_eq!(status_of(&d).unwrap().state, want, "{text}");
        }
        assert_eq!(
            status_of(&doc("README.md", DocKind::Onboarding, "Status: Accepted\n", None)),
            None
        );
    }

    #[test]
    fn numbering_gaps_per_folder() {
        let docs: Vec<Document> = [
            "docs/adr/0001-a.md",
            "docs/adr/0002-b.md",
            "docs/adr/0005-e.md",
            "docs/adr/0007-g.md",
            "docs/adr/template.md",
            "other/adr-1-x.md",
            "other/adr-3-y.md",
            "notes/2023-01-05-dated.md",
            "notes/2023-03-05-dated.md",
        ]
        .iter()
        .map(|p| adr(p, "# X\n", RECENT))
        .collect();
        let found: Vec<(usize, String)> = gaps(&docs).into_iter().map(|(i, r)| (i, r.message)).collect();
        assert_eq!(
            found,
            vec![
                (
                    2,
                    "numbering gap: 0003–0004 missing (2 numbers) between 0002 and 0005".to_string()
                ),
                (3, "numbering gap: 0006 missing between 0005 and 0007".to_string()),
                (6, "numbering gap: 2 missing between 1 and 3".to_string()),
            ]
        );
    }
}
