//! Signal 1, age: days since a document's last content change, against its kind's limit.
//!
//! Reads the date `facts::gather` gave the document: its last content change from git
//! (renames followed, so a commit that only moves a docs site does not make its pages fresh),
//! or the file's mtime in a plain folder, which the reason then says. Historical documents
//! (changelogs, licences, postmortems) and every decision record are not judged by age: a
//! decided ADR is history, and one left Proposed is judged as an open decision by `adr.rs`
//! (issue 15). Pure: no clock read.

use super::judged::Judged;
use crate::base::dates::{day, days_since};
use crate::base::signal::{Reason, Signal};
use crate::facts::documents::DocKind;

/// Adds an `age` reason when the document is older than its kind's limit.
pub(crate) fn judge(judged: &Judged, reasons: &mut Vec<Reason>) {
    if judged.doc.measures.historical || judged.doc.kind == DocKind::Adr {
        return;
    }
    let Some(changed) = judged.doc.last_changed_second() else {
        return;
    };
    let days = days_since(changed, judged.now);
    if days <= i64::from(judged.limit.days) {
        return;
    }
    let what = if judged.doc.dated_by_git() {
        "last content change"
    } else {
        "last modified (file modification time: no git history)"
    };
    reasons.push(Reason::new(
        Signal::Age,
        format!(
            "{what} on {}, {days} days ago, over {}",
            day(changed),
            judged.limit.words()
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{doc, signal_of};
    use super::*;
    use crate::facts::documents::DocKind;
    use pretty_assertions::assert_eq;

    /// `signal: message`, as the assertions below were written.
    fn run(d: crate::facts::document::Document) -> Vec<String> {
        signal_of(d, judge)
            .into_iter()
            .map(|line| line.replacen(" None:", ":", 1))
            .collect()
    }

    fn messages(kind: DocKind, path: &str, text: &str, changed: &str, git: bool) -> Vec<String> {
        let mut d = doc(path, kind, text, Some(changed));
        if !git {
            d.last_changed_from = Some("mtime".to_string());
        }
        run(d)
    }

    #[test]
    fn runbooks_and_documents_have_their_own_limits() {
        let old = "2025-12-01T10:00:00Z";
        assert_eq!(
            messages(DocKind::Runbook, "docs/runbook.md", "# R\n", old, true),
            vec!["age: last content change on 2025-12-01, 210 days ago, over the 180-day limit for runbooks"]
        );
        assert!(messages(DocKind::Onboarding, "README.md", "# R\n", old, true).is_empty());
        assert_eq!(
            messages(DocKind::Onboarding, "README.md", "# R\n", "2025-06-29T00:00:00Z", true),
            vec!["age: last content change on 2025-06-29, 366 days ago, over the 365-day limit for documents"]
        );
        // Exactly at the limit is still fresh.
        assert!(messages(DocKind::Onboarding, "README.md", "# R\n", "2025-06-30T00:00:00Z", true).is_empty());
    }

    #[test]
    fn plain_folders_say_the_date_is_an_mtime() {
        assert_eq!(
            messages(
                DocKind::Runbook,
                "ops/runbook.md",
                "# R\n",
                "2025-01-01T00:00:00Z",
                false
            ),
            vec![
                "age: last modified (file modification time: no git history) on 2025-01-01, 545 days ago, over the 180-day limit for runbooks"
            ]
        );
    }

    #[test]
    fn historical_documents_are_not_judged_by_age() {
        let old = "2015-01-01T00:00:00Z";
        assert!(messages(DocKind::Changelog, "CHANGELOG.md", "# C\n", old, true).is_empty());
        assert!(messages(DocKind::License, "LICENSE.md", "# L\n", old, true).is_empty());
        assert!(messages(DocKind::Postmortem, "docs/pm/1.md", "# P\n", old, true).is_empty());
    }

    /// See: issue 15. A decision record of any age and any status is never stale by age: a
    /// decided one is history, a proposed one is judged as an open decision (`adr.rs`).
    #[test]
    fn adrs_of_any_age_are_not_judged_by_age() {
        for status in [
            "Accepted",
            "Superseded",
            "Rejected",
            "Deprecated",
            "Proposed",
            "Maybe",
            "",
        ] {
            let text = format!("# 1. Use X\n\n## Status\n\n{status}\n\n## Context\n\nx\n");
            for changed in ["2001-01-01T00:00:00Z", "2020-08-17T00:00:00Z", "2026-06-01T00:00:00Z"] {
                assert!(
                    messages(DocKind::Adr, "docs/adr/0001-x.md", &text, changed, true).is_empty(),
                    "{status} {changed}"
                );
            }
        }
    }

    #[test]
    fn undated_documents_are_not_judged() {
        assert!(run(doc("README.md", DocKind::Onboarding, "# R\n", None)).is_empty());
    }
}
