//! Signal 5, ADR status: what each decision record says about itself, and numbering gaps.
//!
//! The status comes from MADR front matter (`status:`), a Nygard `## Status` section (its first
//! line of prose) or an inline `Status:` line, in that order. Recognised: Proposed, Accepted,
//! Rejected, Deprecated, Superseded (and adr-tools' "Superceded") plus common synonyms (Draft,
//! Approved, Declined, Replaced…). Superseded and deprecated records are reported with their
//! successor when they name one (`adr_superseded`, information only); a record without a
//! status, with a status nobody recognises, or still Proposed beyond the document age limit is
//! flagged (`adr_status`). Numbering gaps within one folder ("0004 missing") are reported on the
//! record after the gap (`adr_gap`). ADR status never makes a document stale. Templates (`template` in the name) and dated names are not numbered records.

use std::collections::BTreeMap;

use super::{Judged, Reason};
use crate::base::dates::{day, days_since};
use crate::facts::Document;
use crate::facts::documents::DocKind;

/// A decision's lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Under discussion.
    Proposed,
    /// In force.
    Accepted,
    /// Turned down.
    Rejected,
    /// No longer in force.
    Deprecated,
    /// Replaced by a later decision.
    Superseded,
}

impl Status {
    /// A decided record is history: not judged by age or drift, may cite deleted files.
    pub fn is_decided(self) -> bool {
        self != Status::Proposed
    }

    fn from_word(word: &str) -> Option<Status> {
        Some(match word {
            "proposed" | "draft" | "pending" | "open" | "review" | "wip" => Status::Proposed,
            "accepted" | "approved" | "adopted" | "agreed" | "decided" | "implemented" | "active" | "done" => {
                Status::Accepted
            }
            "rejected" | "declined" | "abandoned" | "withdrawn" => Status::Rejected,
            "deprecated" | "obsolete" | "retired" => Status::Deprecated,
            "superseded" | "superceded" | "replaced" | "amended" => Status::Superseded,
            _ => return None,
        })
    }
}

/// The status an ADR states, as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The status, when recognised.
    pub status: Option<Status>,
    /// The text as written (empty when no status was found at all).
    pub raw: String,
    /// Where it was found (`front matter status`, `## Status section`, `Status: line`).
    pub source: &'static str,
    /// The line it was found on (front matter fields carry none).
    pub line: Option<u32>,
    /// The successor it names, for superseded or deprecated records.
    pub successor: Option<String>,
}

/// The status of an ADR (None for other kinds); `raw` empty when it states none.
pub(crate) fn status_of(doc: &Document) -> Option<Found> {
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
    let status = lower.split(|c: char| !c.is_alphanumeric()).find_map(Status::from_word);
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
    Some(Found {
        status,
        raw,
        source,
        line,
        successor: successor.filter(|_| matches!(status, Some(Status::Superseded | Status::Deprecated))),
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

/// Adds the `adr_status` or `adr_superseded` reason of one record.
pub(crate) fn check(judged: &Judged, found: Option<&Found>, reasons: &mut Vec<Reason>) {
    let Some(found) = found else {
        return;
    };
    if is_template(&judged.doc.path) {
        return;
    }
    let mut signal = "adr_status";
    let message = match found.status {
        None if found.raw.is_empty() => {
            "no status: no front matter `status`, `## Status` section or `Status:` line".to_string()
        }
        None => format!(
            "status \"{}\" ({}) is none of Proposed, Accepted, Rejected, Deprecated, Superseded",
            found.raw, found.source
        ),
        Some(status @ (Status::Superseded | Status::Deprecated)) => {
            signal = "adr_superseded";
            let word = if status == Status::Superseded {
                "superseded"
            } else {
                "deprecated"
            };
            match &found.successor {
                Some(next) => format!("{word} by {next}"),
                None => format!("{word}, no successor named"),
            }
        }
        Some(Status::Proposed) => {
            let Some(changed) = judged.last_changed() else {
                return;
            };
            let days = days_since(changed, judged.now);
            if days <= i64::from(judged.limit.days) {
                return;
            }
            format!(
                "still Proposed, unchanged since {} ({days} days), over {}",
                day(changed),
                judged.limit.words()
            )
        }
        Some(Status::Accepted | Status::Rejected) => return,
    };
    reasons.push(Reason {
        line: found.line,
        ..super::reason(signal, message)
    });
}

fn is_template(path: &str) -> bool {
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
                super::reason(
                    "adr_gap",
                    format!("numbering gap: {missing} between {} and {}", pad(a), pad(b)),
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{doc, judged};
    use super::*;
    use pretty_assertions::assert_eq;

    fn adr(path: &str, text: &str, changed: &str) -> Document {
        doc(path, DocKind::Adr, text, Some(changed))
    }

    fn reasons_of(d: &Document) -> Vec<String> {
        let mut reasons = Vec::new();
        check(&judged(d), status_of(d).as_ref(), &mut reasons);
        reasons
            .into_iter()
            .map(|r| format!("{:?}: {}", r.line, r.message))
            .collect()
    }

    const RECENT: &str = "2026-05-01T00:00:00Z";

    #[test]
    fn statuses_from_each_convention() {
        let cases = [
            ("---\nstatus: accepted\n---\n# Use X\n", Some(Status::Accepted)),
            (
                "# 1. Use X\n\nDate: 2020-01-01\n\n## Status\n\nSuperceded by [3. Use Z](0003-use-z.md)\n\n## Context\n\nx\n",
                Some(Status::Superseded),
            ),
            ("# Use X\n\n* Status: Draft\n", Some(Status::Proposed)),
            (
                "# Use X\n\n| Field | Value |\n|---|---|\n| Status | Rejected |\n",
                Some(Status::Rejected),
            ),
            ("# Use X\n\n## Context\n\nx\n", None),
        ];
        for (text, want) in cases {
            let d = adr("docs/adr/0001-x.md", text, RECENT);
            assert_eq!(status_of(&d).unwrap().status, want, "{text}");
        }
        assert_eq!(
            status_of(&doc("README.md", DocKind::Onboarding, "Status: Accepted\n", None)),
            None
        );
    }

    #[test]
    fn superseded_and_deprecated_name_their_successor() {
        let d = adr(
            "docs/adr/0001-x.md",
            "# 1. Use X\n\n## Status\n\nSuperceded by [3. Use Z](0003-use-z.md)\n\n## Context\n\nx\n",
            RECENT,
        );
        assert_eq!(reasons_of(&d), vec!["Some(3): superseded by 3. Use Z (0003-use-z.md)"]);
        let d = adr("docs/adr/0002-y.md", "---\nstatus: deprecated\n---\n# Y\n", RECENT);
        assert_eq!(reasons_of(&d), vec!["None: deprecated, no successor named"]);
        let d = adr(
            "docs/adr/0002-y.md",
            "# Y\n\n## Status\n\nSuperseded\n\nSee [4. W](0004-w.md).\n\n## Context\n\nx\n",
            RECENT,
        );
        assert_eq!(reasons_of(&d), vec!["Some(3): superseded by 0004-w.md"]);
    }

    #[test]
    fn missing_unknown_and_old_proposed_statuses() {
        let d = adr("docs/adr/0001-x.md", "# X\n\n## Context\n\nx\n", RECENT);
        assert_eq!(
            reasons_of(&d),
            vec!["None: no status: no front matter `status`, `## Status` section or `Status:` line"]
        );
        let d = adr("docs/adr/0001-x.md", "# X\n\nStatus: Maybe\n", RECENT);
        assert_eq!(
            reasons_of(&d),
            vec![
                "Some(3): status \"Maybe\" (`Status:` line) is none of Proposed, Accepted, Rejected, Deprecated, Superseded"
            ]
        );
        let d = adr(
            "docs/adr/0001-x.md",
            "# X\n\nStatus: Proposed\n",
            "2025-01-01T00:00:00Z",
        );
        assert_eq!(
            reasons_of(&d),
            vec![
                "Some(3): still Proposed, unchanged since 2025-01-01 (545 days), over the 365-day limit for documents"
            ]
        );
        assert!(reasons_of(&adr("docs/adr/0001-x.md", "# X\n\nStatus: Proposed\n", RECENT)).is_empty());
        assert!(reasons_of(&adr("docs/adr/template.md", "# X\n", RECENT)).is_empty());
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
