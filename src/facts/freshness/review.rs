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

use jiff::Span;
use jiff::civil::Date;

use super::measures::{Review, ReviewDue};
use crate::base::signal::{Reason, Signal};
use crate::facts::document::Document;

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

/// The review a document states, and a `front_matter` reason for each value that cannot be
/// read (or for front matter that could not be parsed at all).
pub(crate) fn stated(doc: &Document) -> (Option<Review>, Vec<Reason>) {
    let parsed = &doc.parsed;
    let mut problems = Vec::new();
    if let Some(error) = &parsed.front_matter_error {
        problems.push(
            Reason::new(Signal::FrontMatter, format!("front matter not read: {}", error.text))
                .at_line(Some(error.line)),
        );
    }
    let mut malformed = |key: &str, raw: &str, expected: &str, line: Option<u32>| {
        problems.push(Reason::new(Signal::FrontMatter, format!("{key} \"{raw}\" is not {expected}")).at_line(line));
    };
    let mut review = None;
    if let Some((key, raw)) = first_field(doc, &DUE_KEYS) {
        match parse_day(&raw) {
            Some(due) => {
                review = Some(Review {
                    stated: format!("{key} {raw}"),
                    due: ReviewDue::On(due),
                })
            }
            None => malformed(key, &raw, "a date (expected YYYY-MM-DD)", None),
        }
    } else if let Some((key, raw)) = first_field(doc, &REVIEWED_KEYS) {
        match parse_day(&raw) {
            None => malformed(
                key,
                &raw,
                "a date (expected YYYY-MM-DD, or MM/DD/YYYY for ms.date)",
                None,
            ),
            Some(reviewed) => match first_field(doc, &PERIOD_KEYS) {
                Some((period_key, period)) => match add_period(reviewed, &period) {
                    Some(due) => {
                        review = Some(Review {
                            stated: format!("{key} {raw} + {period_key} {period}"),
                            due: ReviewDue::On(due),
                        })
                    }
                    None => malformed(
                        period_key,
                        &period,
                        "a period (expected e.g. 90d, 6 months, 1 year)",
                        None,
                    ),
                },
                None => {
                    review = Some(Review {
                        stated: format!("{key} {raw}"),
                        due: ReviewDue::LimitAfter(reviewed),
                    })
                }
            },
        }
    } else if let Some((raw, line)) = g3doc_reviewed(doc) {
        match parse_day(&raw) {
            Some(reviewed) => {
                review = Some(Review {
                    stated: format!("g3doc freshness reviewed '{raw}' (line {line})"),
                    due: ReviewDue::LimitAfter(reviewed),
                })
            }
            None => malformed(
                "g3doc freshness reviewed",
                &raw,
                "a date (expected YYYY-MM-DD)",
                Some(line),
            ),
        }
    }
    (review, problems)
}

/// The first of `keys` present in the front matter, with its value.
fn first_field(doc: &Document, keys: &[&'static str]) -> Option<(&'static str, String)> {
    keys.iter()
        .find_map(|key| doc.parsed.field(key).map(|v| (*key, v)))
        .filter(|(_, v)| !v.is_empty())
}

/// `reviewed: '2023-01-02'` in a g3doc `freshness` comment, with its line; None when exempt.
fn g3doc_reviewed(doc: &Document) -> Option<(String, u32)> {
    doc.parsed.comments.iter().find_map(|comment| {
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

/// A day plus whole days (the kind's age limit after a stated review).
pub fn add_days(day: Date, days: u32) -> Option<Date> {
    day.checked_add(Span::new().try_days(i64::from(days)).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::super::testkit::doc;
    use super::*;
    use crate::facts::documents::DocKind;
    use pretty_assertions::assert_eq;

    fn reasons_of(kind: DocKind, text: &str) -> Vec<String> {
        let (_, problems) = stated(&doc("docs/x.md", kind, text, Some("2026-06-01T00:00:00Z")));
        problems
            .into_iter()
            .map(|r| format!("{} {:?}: {}", r.signal, r.line, r.message))
            .collect()
    }

    #[test]
    fn each_convention_states_its_due_date_or_its_review() {
        let cases = [
            (
                "---\nreview_by: 2026-01-01\n---\n# X\n",
                "review_by 2026-01-01",
                ReviewDue::On(day(2026, 1, 1)),
            ),
            (
                "---\nlast_reviewed: 2025-06-01\nreview_interval: 90d\n---\n# X\n",
                "last_reviewed 2025-06-01 + review_interval 90d",
                ReviewDue::On(day(2025, 8, 30)),
            ),
            (
                "---\nreviewed: 2025-01-15\n---\n# X\n",
                "reviewed 2025-01-15",
                ReviewDue::LimitAfter(day(2025, 1, 15)),
            ),
            (
                "---\nlast_reviewed_on: 2025-10-01\nreview_in: 6 months\n---\n# X\n",
                "last_reviewed_on 2025-10-01 + review_in 6 months",
                ReviewDue::On(day(2026, 4, 1)),
            ),
            (
                "---\nms.date: 03/15/2025\n---\n# X\n",
                "ms.date 03/15/2025",
                ReviewDue::LimitAfter(day(2025, 3, 15)),
            ),
            (
                "# X\n\n<!--* freshness: { owner: 'ops' reviewed: '2025-01-02' } *-->\n",
                "g3doc freshness reviewed '2025-01-02' (line 3)",
                ReviewDue::LimitAfter(day(2025, 1, 2)),
            ),
        ];
        for (text, want, due) in cases {
            let (review, problems) = stated(&doc("docs/x.md", DocKind::Other, text, None));
            assert_eq!(
                review,
                Some(Review {
                    stated: want.to_string(),
                    due
                }),
                "{text}"
            );
            assert!(problems.is_empty());
        }
        let exempt = "# X\n\n<!--* freshness: { exempt: true reviewed: '2020-01-01' } *-->\n";
        assert_eq!(stated(&doc("docs/x.md", DocKind::Other, exempt, None)).0, None);
    }

    fn day(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
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
