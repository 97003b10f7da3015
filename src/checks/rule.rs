//! What a rule kind is: the facts and context it reads, the `Outcome` it returns (a status, a
//! 0..1 score, one sentence of reason and evidence), and the five constructors every rule scores
//! through (STYLE "For exitready" 6).

use super::staleness::Verdict;
use crate::facts::RepoFacts;
use crate::settings::{GateSettings, Identities, Thresholds};

/// A result's status, worst first (the order used to aggregate and to sort).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The rule could not be evaluated (a bug or unreadable facts); counts as 0.
    Error,
    /// Not met.
    Fail,
    /// Partly met: partial credit.
    Warn,
    /// Met.
    Pass,
    /// Not applicable or facts missing; left out of the score.
    Skip,
}

impl Status {
    /// The lower-case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Error => "error",
            Status::Fail => "fail",
            Status::Warn => "warn",
            Status::Pass => "pass",
            Status::Skip => "skip",
        }
    }
}

/// One piece of evidence: what was observed, and where.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    /// The repository, when the report has several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    /// Repository-relative path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What was observed, one sentence with its figures.
    pub message: String,
    /// Whether this evidence counts against the check (true) or shows what is fine (false).
    #[serde(default)]
    pub negative: bool,
    /// The reason of the `[[waiver]]` that sets this negative finding aside: it is still
    /// reported but no longer counts against the check (see `checks::waivers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waived: Option<String>,
}

impl Evidence {
    /// Evidence that something is missing or wrong.
    pub fn against(path: Option<&str>, message: impl Into<String>) -> Evidence {
        Evidence {
            repository: None,
            path: path.map(str::to_string),
            line: None,
            message: message.into(),
            negative: true,
            waived: None,
        }
    }

    /// Evidence that something is in place.
    pub fn supporting(path: Option<&str>, message: impl Into<String>) -> Evidence {
        Evidence {
            negative: false,
            ..Evidence::against(path, message)
        }
    }

    /// The same evidence at a line.
    pub fn at_line(mut self, line: Option<usize>) -> Evidence {
        self.line = line;
        self
    }
}

/// What a rule decided for one repository.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Outcome {
    /// The status.
    pub status: Status,
    /// 0..1.
    pub score: f64,
    /// One sentence with the figures.
    pub reason: String,
    /// Evidence, one piece per observed item.
    pub evidence: Vec<Evidence>,
}

impl Outcome {
    /// Fully met.
    pub fn pass(reason: impl Into<String>, evidence: Vec<Evidence>) -> Outcome {
        Outcome {
            status: Status::Pass,
            score: 1.0,
            reason: reason.into(),
            evidence,
        }
    }

    /// Not met.
    pub fn fail(reason: impl Into<String>, evidence: Vec<Evidence>) -> Outcome {
        Outcome {
            status: Status::Fail,
            score: 0.0,
            reason: reason.into(),
            evidence,
        }
    }

    /// `success` of `total` met: pass when all, fail when none, else warn with that share.
    pub fn partial(success: usize, total: usize, reason: impl Into<String>, evidence: Vec<Evidence>) -> Outcome {
        if total == 0 || success >= total {
            Outcome::pass(reason, evidence)
        } else if success == 0 {
            Outcome::fail(reason, evidence)
        } else {
            Outcome {
                status: Status::Warn,
                score: success as f64 / total as f64,
                reason: reason.into(),
                evidence,
            }
        }
    }

    /// Not applicable, or the facts it needs were not gathered.
    pub fn skip(reason: impl Into<String>) -> Outcome {
        Outcome {
            status: Status::Skip,
            score: 0.0,
            reason: reason.into(),
            evidence: Vec::new(),
        }
    }

    /// The rule could not judge.
    pub fn error(message: impl Into<String>) -> Outcome {
        Outcome {
            status: Status::Error,
            score: 0.0,
            reason: message.into(),
            evidence: Vec::new(),
        }
    }

    /// Guards the score contract: a score outside 0..1 is a bug in the rule, reported as `error`.
    pub fn checked(self) -> Outcome {
        if (0.0..=1.0).contains(&self.score) && self.score.is_finite() {
            self
        } else {
            Outcome::error(format!(
                "rule produced score {} outside 0..1 (a bug in exitready)",
                self.score
            ))
        }
    }
}

/// What a rule may read besides the facts and its own parameters: the parts of the root's
/// settings that rules share, already resolved.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The report's clock (`--now` or the wall clock at the start of the scan).
    pub now: jiff::Timestamp,
    /// Organisations, handles and bots: who is the vendor, who is in-house.
    pub identities: &'a Identities,
    /// `[thresholds]` (`owner_inactive_days`).
    pub thresholds: &'a Thresholds,
    /// `[gate]`: exempt services and the globs of changes that need no runbook update.
    pub gate: &'a GateSettings,
    /// The freshness verdict of each document (`checks::staleness`), in `facts.documents` order.
    pub verdicts: &'a [Verdict],
}

/// A rule kind with its parameters, ready to evaluate.
pub trait Rule: std::fmt::Debug + Send + Sync {
    /// Judges one repository's facts.
    fn evaluate(&self, facts: &RepoFacts, context: &Context) -> Outcome;

    /// Checks the parameters serde cannot (ranges, one limit below another), once, when the
    /// checklist is loaded: the message names the parameter and its range, and the checklist
    /// loader adds file and line. Each numeric parameter of a rule kind has a range, written in
    /// its doc and checked here with `load::in_range`; the default accepts everything.
    fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_scores() {
        assert_eq!(Outcome::partial(2, 4, "r", vec![]).status, Status::Warn);
        assert_eq!(Outcome::partial(2, 4, "r", vec![]).score, 0.5);
        assert_eq!(Outcome::partial(0, 4, "r", vec![]).status, Status::Fail);
        assert_eq!(Outcome::partial(4, 4, "r", vec![]).status, Status::Pass);
        assert_eq!(Outcome::partial(0, 0, "r", vec![]).status, Status::Pass);
    }

    #[test]
    fn out_of_range_score_is_an_error() {
        let bad = Outcome {
            status: Status::Warn,
            score: 1.5,
            reason: String::new(),
            evidence: vec![],
        };
        assert_eq!(bad.checked().status, Status::Error);
    }
}
