//! What changed between a baseline report and the current one (`scan --baseline`, `exitready
//! diff`): part of the report model. Statuses are ordered error < fail < warn < pass; a move to
//! or from `skip` is neither better nor worse and is listed as changed.

use crate::checks::Status;

/// The difference between a baseline report and the current one.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Comparison {
    /// When the baseline was generated.
    pub baseline_generated_at: String,
    /// Overall score then (0–100).
    pub score_then: Option<f64>,
    /// Overall score now.
    pub score_now: Option<f64>,
    /// Grade then.
    pub grade_then: Option<String>,
    /// Grade now.
    pub grade_now: Option<String>,
    /// The baseline's headline (what would be lost if the vendor left), when it had one.
    #[serde(default)]
    pub headline_then: Option<String>,
    /// The current headline.
    #[serde(default)]
    pub headline_now: Option<String>,
    /// Each category's score then and now.
    pub categories: Vec<CategoryChange>,
    /// Every check whose status changed, in the current report's order (then the removed ones).
    pub checks: Vec<CheckChange>,
    /// Stale documents that were not stale (or absent) in the baseline.
    pub new_stale_docs: Vec<PathRef>,
    /// Documents stale in the baseline that are no longer stale (or gone).
    pub resolved_stale_docs: Vec<PathRef>,
    /// Knowledge islands that are new.
    pub new_islands: Vec<PathRef>,
    /// Knowledge islands of the baseline that are gone.
    pub resolved_islands: Vec<PathRef>,
    /// How repositories were matched, when not all of them were: a current repository with no
    /// counterpart in the baseline (its documents and islands all count as new), or one whose
    /// namesake in the baseline has another remote.
    #[serde(default)]
    pub warnings: Vec<String>,
}

/// A category's score then and now.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct CategoryChange {
    /// The category.
    pub category: String,
    /// 0–100 then.
    pub then: Option<f64>,
    /// 0–100 now.
    pub now: Option<f64>,
}

/// How a check's status moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Towards pass.
    Improved,
    /// Towards error.
    Regressed,
    /// To or from skip, or the check is new or gone.
    Changed,
}

/// One check whose status changed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct CheckChange {
    /// The check id.
    pub id: String,
    /// Its title (the current one, else the baseline's).
    pub title: String,
    /// Status then (`null` when the check is new).
    pub from: Option<Status>,
    /// Status now (`null` when the check is gone).
    pub to: Option<Status>,
    /// Improved, regressed or changed.
    pub direction: Direction,
}

/// A path in a repository.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct PathRef {
    /// The repository's name.
    pub repository: String,
    /// The path in it.
    pub path: String,
}

/// How a status moved from `from` to `to`.
pub fn direction(from: Status, to: Status) -> Direction {
    if from == Status::Skip || to == Status::Skip {
        Direction::Changed
    } else if to > from {
        Direction::Improved
    } else {
        Direction::Regressed
    }
}

impl Comparison {
    /// The checks that moved in one direction.
    pub fn moved(&self, direction: Direction) -> impl Iterator<Item = &CheckChange> {
        self.checks.iter().filter(move |c| c.direction == direction)
    }

    /// The lists of paths that appeared or went away, with their labels, in print order.
    pub fn path_lists(&self) -> [(&'static str, &Vec<PathRef>); 4] {
        [
            ("New stale docs", &self.new_stale_docs),
            ("Resolved stale docs", &self.resolved_stale_docs),
            ("New knowledge islands", &self.new_islands),
            ("Resolved knowledge islands", &self.resolved_islands),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_order_and_skip() {
        assert_eq!(direction(Status::Fail, Status::Pass), Direction::Improved);
        assert_eq!(direction(Status::Warn, Status::Error), Direction::Regressed);
        assert_eq!(direction(Status::Pass, Status::Skip), Direction::Changed);
        assert_eq!(direction(Status::Skip, Status::Fail), Direction::Changed);
    }
}
