//! Scores: from per-item statuses to category scores, the overall score and its grade.
//!
//! DESIGN §2: a category is Σ weight·score / Σ weight over its evaluated items (skip left out,
//! error counts 0), `null` when it has none, and then left out of the overall score, which is
//! the mean of the categories that have one. Grades: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else F.
//!
//! NaN never reaches a score: checklists refuse weights outside 0–1,000 and rules scores
//! outside 0..1, and here weights are divided by the category's largest before summing (the
//! ratio is the same; `1e308 + 1e308` no longer overflows), and an item whose weight or score
//! is not a finite number is left out.

use std::collections::BTreeMap;

use super::checklist::CATEGORIES;
use super::rule::Status;

/// Scores of a report or a repository.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Score {
    /// 0–100, `null` when no category could be scored.
    pub overall: Option<f64>,
    /// A–F, `null` with `overall`.
    pub grade: Option<String>,
    /// Each category's 0–100 score, `null` when none of its items was evaluated.
    pub categories: BTreeMap<String, Option<f64>>,
}

/// One scored item: its category, weight, status and 0..1 score.
#[derive(Debug, Clone, Copy)]
pub struct Scored<'a> {
    /// Category name.
    pub category: &'a str,
    /// Weight within the category.
    pub weight: f64,
    /// Status (skip is left out).
    pub status: Status,
    /// 0..1 (error counts 0 whatever it says).
    pub score: f64,
}

/// Computes the scores of a set of items.
pub fn score<'a>(items: impl IntoIterator<Item = Scored<'a>>) -> Score {
    let mut weighted: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
    for item in items {
        if item.status == Status::Skip {
            continue;
        }
        let value = if item.status == Status::Error { 0.0 } else { item.score };
        if !(item.weight.is_finite() && item.weight >= 0.0 && value.is_finite()) {
            continue;
        }
        weighted.entry(item.category).or_default().push((item.weight, value));
    }
    let categories: BTreeMap<String, Option<f64>> = CATEGORIES
        .iter()
        .map(|c| {
            let value = weighted.get(c).and_then(|items| {
                let largest = items.iter().map(|(w, _)| *w).fold(0.0, f64::max);
                let (sum, total) = items.iter().fold((0.0, 0.0), |(s, t), (w, v)| {
                    let w = w / largest;
                    (s + w * v, t + w)
                });
                (largest > 0.0 && total > 0.0)
                    .then(|| round1(100.0 * sum / total))
                    .filter(|v| v.is_finite())
            });
            (c.to_string(), value)
        })
        .collect();
    let scored: Vec<f64> = categories.values().flatten().copied().collect();
    let overall = (!scored.is_empty()).then(|| round1(scored.iter().sum::<f64>() / scored.len() as f64));
    Score {
        grade: overall.map(grade),
        overall,
        categories,
    }
}

/// The letter grade of a 0–100 score.
pub fn grade(score: f64) -> String {
    match score {
        s if s >= 90.0 => "A",
        s if s >= 75.0 => "B",
        s if s >= 60.0 => "C",
        s if s >= 40.0 => "D",
        _ => "F",
    }
    .to_string()
}

/// Rounds to one decimal, so that reports compare equal across platforms.
pub fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(category: &str, weight: f64, status: Status, score: f64) -> Scored<'_> {
        Scored {
            category,
            weight,
            status,
            score,
        }
    }

    #[test]
    fn weighted_categories_skip_and_error() {
        let s = score([
            item("documentation", 3.0, Status::Pass, 1.0),
            item("documentation", 1.0, Status::Warn, 0.5),
            item("freshness", 1.0, Status::Skip, 0.0),
            item("ownership", 1.0, Status::Error, 0.7),
            item("ownership", 1.0, Status::Pass, 1.0),
        ]);
        assert_eq!(s.categories["documentation"], Some(87.5));
        assert_eq!(s.categories["freshness"], None);
        assert_eq!(s.categories["ownership"], Some(50.0));
        assert_eq!(s.categories["knowledge"], None);
        assert_eq!(s.overall, Some(68.8));
        assert_eq!(s.grade.as_deref(), Some("C"));
    }

    #[test]
    fn huge_or_broken_weights_never_give_nan() {
        let s = score([
            item("documentation", 1e308, Status::Pass, 1.0),
            item("documentation", 1e308, Status::Fail, 0.0),
            item("freshness", f64::INFINITY, Status::Pass, 1.0),
            item("freshness", 1.0, Status::Warn, f64::NAN),
        ]);
        assert_eq!(s.categories["documentation"], Some(50.0));
        assert_eq!(s.categories["freshness"], None);
        assert_eq!(s.overall, Some(50.0));
    }

    #[test]
    fn nothing_evaluated_has_no_score() {
        let s = score([item("documentation", 1.0, Status::Skip, 0.0)]);
        assert_eq!((s.overall, s.grade), (None, None));
    }

    #[test]
    fn grade_bounds() {
        let got: Vec<String> = [90.0, 89.9, 75.0, 60.0, 40.0, 39.9].iter().map(|s| grade(*s)).collect();
        assert_eq!(got, ["A", "B", "B", "C", "D", "F"]);
    }
}
