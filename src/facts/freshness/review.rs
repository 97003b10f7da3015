//! Signal 4, overdue review: review dates the document states about itself, in the conventions
//! teams already use.
//!
//! - front matter `review_by` (or `review-by`, `next_review`): overdue once the date passed;
//! - `last_reviewed`/`reviewed` (or `last-reviewed`) plus `review_interval` (`90d`, `6 months`,
//!   `1 year`), else plus the kind's age limit;
//! - the GOV.UK Tech Docs Template's `last_reviewed_on` plus `review_in` (`6 months`);
//! - Microsoft Learn's `ms.date` (`MM/DD/YYYY`) plus the kind's age limit;
//! - Google's g3doc comment `<!--* freshness: { owner: 'x' reviewed: '2023-01-02' } *-->` plus
//!   the kind's age limit (`exempt: true` exempts).
//!
//! A date or period that cannot be read, and front matter that could not be parsed, become a
//! `front_matter` reason with the line where known: never a crash, never staleness.

use jiff::civil::Date;
use jiff::{Span, tz::TimeZone};

use super::{Judged, Reason};
use crate::base::dates::days_since;

/// Front matter keys naming the date a review is due.
const DUE_KEYS: [&str; 3] = ["review_by", "review-by", "next_review"];
/// Front matter keys naming the last review, in order of preference.
const REVIEWED_KEYS: [&str; 5] = [
    "last_reviewed_on",
    "last_reviewed",
    "last-reviewed",
    "reviewed",
    "ms.date",
];
/// Front matter keys naming the review period.
const PERIOD_KEYS: [&str; 3] = ["review_in", "review_interval", "review-interval"];

/// Adds `overdue_review` and `front_matter` reasons.
pub(crate) fn check(judged: &Judged, reasons: &mut Vec<Reason>) {
    let parsed = &judged.doc.parsed;
    if let Some(error) = &parsed.front_matter_error {
        reasons.push(Reason {
            line: Some(error.line),
            ..super::reason("front_matter", format!("front matter not read: {}", error.text))
        });
    }
    let today = judged.now.to_zoned_datetime(TimeZone::UTC).date();
    let mut malformed = |key: &str, raw: &str, expected: &str, line: Option<u32>| {
        reasons.push(Reason {
            line,
            ..super::reason("front_matter", format!("{key} \"{raw}\" is not {expected}"))
        });
    };
    let mut found: Option<(String, Date)> = None;
    if let Some((key, raw)) = first_field(judged, &DUE_KEYS) {
        match parse_day(&raw) {
            Some(due) => found = Some((format!("{key} {raw}"), due)),
            None => malformed(key, &raw, "a date (expected YYYY-MM-DD)", None),
        }
    } else if let Some((key, raw)) = first_field(judged, &REVIEWED_KEYS) {
        match parse_day(&raw) {
            None => malformed(
                key,
                &raw,
                "a date (expected YYYY-MM-DD, or MM/DD/YYYY for ms.date)",
                None,
            ),
            Some(reviewed) => match first_field(judged, &PERIOD_KEYS) {
                Some((period_key, period)) => match add_period(reviewed, &period) {
                    Some(due) => found = Some((format!("{key} {raw} + {period_key} {period}"), due)),
                    None => malformed(
                        period_key,
                        &period,
                        "a period (expected e.g. 90d, 6 months, 1 year)",
                        None,
                    ),
                },
                None => {
                    let due = add_days(reviewed, judged.limit.days);
                    found = due.map(|d| (format!("{key} {raw} + {}", judged.limit.words()), d));
                }
            },
        }
    } else if let Some((raw, line)) = g3doc_reviewed(judged) {
        match parse_day(&raw) {
            Some(reviewed) => {
                if let Some(due) = add_days(reviewed, judged.limit.days) {
                    let what = format!(
                        "g3doc freshness reviewed '{raw}' (line {line}) + {}",
                        judged.limit.words()
                    );
                    found = Some((what, due));
                }
            }
            None => malformed(
                "g3doc freshness reviewed",
                &raw,
                "a date (expected YYYY-MM-DD)",
                Some(line),
            ),
        }
    }
    let Some((what, due)) = found else {
        return;
    };
    if due >= today {
        return;
    }
    let Ok(due_time) = due.to_zoned_datetime(TimeZone::UTC) else {
        return;
    };
    let days = days_since(due_time.timestamp().as_second(), judged.now);
    reasons.push(super::reason(
        "overdue_review",
        format!("review overdue: {what} made it due on {due}, {days} days ago"),
    ));
}

/// The first of `keys` present in the front matter, with its value.
fn first_field(judged: &Judged, keys: &[&'static str]) -> Option<(&'static str, String)> {
    keys.iter()
        .find_map(|key| judged.doc.parsed.field(key).map(|v| (*key, v)))
        .filter(|(_, v)| !v.is_empty())
}

/// `reviewed: '2023-01-02'` in a g3doc `freshness` comment, with its line; None when exempt.
fn g3doc_reviewed(judged: &Judged) -> Option<(String, u32)> {
    judged.doc.parsed.comments.iter().find_map(|comment| {
        let text = comment.text.trim_matches(|c: char| c == '*' || c.is_whitespace());
        let body = text.strip_prefix("freshness:")?;
        if body.contains("exempt: true") {
            return None;
        }
        let after = &body[body.find("reviewed:")? + "reviewed:".len()..];
        let after = after.trim_start();
        let quote = after.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let value = after[1..].split(quote).next()?;
        Some((value.trim().to_string(), comment.line))
    })
}

/// A day: `YYYY-MM-DD` (a time after it is ignored), `YYYY/MM/DD`, or `MM/DD/YYYY` (ms.date).
pub(crate) fn parse_day(text: &str) -> Option<Date> {
    let t = text.trim().trim_matches(|c| c == '\'' || c == '"');
    let numbers: Vec<&str> = t.split(|c: char| !c.is_ascii_digit()).take(3).collect();
    let [a, b, c] = numbers[..] else {
        return None;
    };
    let (y, m, d) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 && t.contains('/') {
        (c, a, b)
    } else {
        return None;
    };
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// A day plus a period: `90d`, `90 days`, `2 weeks`, `6 months`, `6m`, `1 year`, `1y`.
pub(crate) fn add_period(day: Date, period: &str) -> Option<Date> {
    let p = period.trim().to_lowercase();
    let split = p.find(|c: char| !c.is_ascii_digit())?;
    let n: i64 = p[..split].parse().ok()?;
    let span = match p[split..].trim() {
        "d" | "day" | "days" => Span::new().try_days(n).ok()?,
        "w" | "week" | "weeks" => Span::new().try_weeks(n).ok()?,
        "m" | "mo" | "month" | "months" => Span::new().try_months(n).ok()?,
        "y" | "year" | "years" => Span::new().try_years(n).ok()?,
        _ => return None,
    };
    day.checked_add(span).ok()
}

fn add_days(day: Date, days: u32) -> Option<Date> {
    day.checked_add(Span::new().try_days(i64::from(days)).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{doc, judged};
    use super::*;
    use crate::facts::documents::DocKind;
    use pretty_assertions::assert_eq;

    fn reasons_of(kind: DocKind, text: &str) -> Vec<String> {
        let d = doc("docs/x.md", kind, text, Some("2026-06-01T00:00:00Z"));
        let mut reasons = Vec::new();
        check(&judged(&d), &mut reasons);
        reasons
            .into_iter()
            .map(|r| format!("{} {:?}: {}", r.signal, r.line, r.message))
            .collect()
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

    #[test]
    fn malformed_values_are_reasons_not_crashes() {
        assert_eq!(
            reasons_of(DocKind::Other, "---\nreview_by: soon\n---\n# X\n"),
            vec!["front_matter None: review_by \"soon\" is not a date (expected YYYY-MM-DD)"]
        );
        assert_eq!(
            reasons_of(
                DocKind::Other,
                "---\nlast_reviewed_on: 2026-01-01\nreview_in: a while\n---\n# X\n"
            ),
            vec!["front_matter None: review_in \"a while\" is not a period (expected e.g. 90d, 6 months, 1 year)"]
        );
        let broken = reasons_of(DocKind::Other, "---\ntitle: [unclosed\n---\n# X\n");
        assert_eq!(broken.len(), 1);
        assert!(broken[0].starts_with("front_matter Some("), "{broken:?}");
    }

    #[test]
    fn dates_and_periods() {
        assert_eq!(parse_day("2025-01-02T10:00:00Z"), Date::new(2025, 1, 2).ok());
        assert_eq!(parse_day("'2025/01/02'"), Date::new(2025, 1, 2).ok());
        assert_eq!(parse_day("01/02/2025"), Date::new(2025, 1, 2).ok());
        assert_eq!(parse_day("2025-13-01"), None);
        assert_eq!(parse_day("next week"), None);
        let d = Date::new(2025, 1, 31).unwrap();
        assert_eq!(add_period(d, "1 month"), Date::new(2025, 2, 28).ok());
        assert_eq!(add_period(d, "2 weeks"), Date::new(2025, 2, 14).ok());
        assert_eq!(add_period(d, "1y"), Date::new(2026, 1, 31).ok());
        assert_eq!(add_period(d, "soon"), None);
    }
}
