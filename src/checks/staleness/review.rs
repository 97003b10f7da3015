//! Signal 4, overdue review: a review date the document states (measured by
//! `facts::freshness`) has passed on the report clock. A review stated without a period is due
//! the kind's age limit after it.

use jiff::tz::TimeZone;

use super::judged::Judged;
use crate::base::dates::days_since;
use crate::base::signal::{Reason, Signal};
use crate::facts::freshness::{ReviewDue, add_days};

/// Adds an `overdue_review` reason when the stated review is due before today.
pub(crate) fn judge(judged: &Judged, reasons: &mut Vec<Reason>) {
    let Some(review) = &judged.doc.measures.review else {
        return;
    };
    let (what, due) = match review.due {
        ReviewDue::On(due) => (review.stated.clone(), due),
        ReviewDue::LimitAfter(reviewed) => {
            let Some(due) = add_days(reviewed, judged.limit.days) else {
                return;
            };
            (format!("{} + {}", review.stated, judged.limit.words()), due)
        }
    };
    let today = judged.now.to_zoned_datetime(TimeZone::UTC).date();
    if due >= today {
        return;
    }
    let Ok(due_time) = due.to_zoned_datetime(TimeZone::UTC) else {
        return;
    };
    let days = days_since(due_time.timestamp().as_second(), judged.now);
    reasons.push(Reason::new(
        Signal::OverdueReview,
        format!("review overdue: {what} made it due on {due}, {days} days ago"),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{doc, signal_of};
    use super::judge;
    use crate::facts::documents::DocKind;
    use pretty_assertions::assert_eq;

    fn reasons_of(kind: DocKind, text: &str) -> Vec<String> {
        signal_of(doc("docs/x.md", kind, text, Some("2026-06-01T00:00:00Z")), judge)
    }

    #[test]
    fn each_convention() {
        let cases = [
            (
                "---\nreview_by: 2026-01-01\n---\n# X\n",
                "review overdue: review_by 2026-01-01 made it due on 2026-01-01, 180 days ago",
            ),
            (
                "---\nlast_reviewed: 2025-06-01\nreview_interval: 90d\n---\n# X\n",
                "review overdue: last_reviewed 2025-06-01 + review_interval 90d made it due on 2025-08-30, 304 days ago",
            ),
            (
                "---\nreviewed: 2025-01-15\n---\n# X\n",
                "review overdue: reviewed 2025-01-15 + the 365-day limit for documents made it due on 2026-01-15, 166 days ago",
            ),
            (
                "---\nlast_reviewed_on: 2025-10-01\nreview_in: 6 months\n---\n# X\n",
                "review overdue: last_reviewed_on 2025-10-01 + review_in 6 months made it due on 2026-04-01, 90 days ago",
            ),
            (
                "---\nms.date: 03/15/2025\n---\n# X\n",
                "review overdue: ms.date 03/15/2025 + the 365-day limit for documents made it due on 2026-03-15, 107 days ago",
            ),
            (
                "# X\n\n<!--* freshness: { owner: 'ops' reviewed: '2025-01-02' } *-->\n",
                "review overdue: g3doc freshness reviewed '2025-01-02' (line 3) + the 365-day limit for documents made it due on 2026-01-02, 179 days ago",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(
                reasons_of(DocKind::Other, text),
                vec![format!("overdue_review None: {want}")],
                "{text}"
            );
        }
    }

    #[test]
    fn reviews_not_yet_due_and_exemptions() {
        for text in [
            "---\nreview_by: 2026-07-01\n---\n# X\n",
            "---\nlast_reviewed_on: 2026-03-01\nreview_in: 6 months\n---\n# X\n",
            "# X\n\n<!--* freshness: { exempt: true reviewed: '2020-01-01' } *-->\n",
            "# X\n",
        ] {
            assert!(reasons_of(DocKind::Other, text).is_empty(), "{text}");
        }
        // A runbook's own limit applies when no period is given.
        assert_eq!(
            reasons_of(DocKind::Runbook, "---\nreviewed: 2025-12-01\n---\n# X\n").len(),
            1
        );
    }
}
