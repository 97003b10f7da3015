//! Evaluating checklists: rule kinds turn facts into findings, and findings into a status and a
//! score with evidence.
//!
//! A checklist (TOML, see `checklist`) names, for each item, a rule kind from the closed set in
//! `RULE_KINDS` and its parameters. Every rule kind lives in its own file, is pure (facts and
//! `now` in, `Outcome` out: no I/O, no clock) and scores through the five constructors of
//! `Outcome`. A rule that cannot judge says `skip` with the reason; one that fails says `error`;
//! neither stops the scan.

pub mod adrs_statused;
pub mod attestation;
pub mod checklist;
pub mod docs_fresh;
pub mod docs_present;
pub mod freshness_evidence;
pub mod inhouse_truck_factor;
pub mod knowledge_trend;
pub mod links_alive;
pub mod named_roles;
pub mod owners_active;
pub mod owners_inhouse;
pub mod ownership_coverage;
pub mod ownership_valid;
pub mod runbook_per_service;
pub mod runbook_updated_with_code;
pub mod runbooks_fresh;
pub mod score;
pub mod stale_branches;
#[cfg(test)]
pub(crate) mod testkit;
pub mod vendor_exit;
pub mod vendor_islands;
pub mod waivers;

use serde::de::DeserializeOwned;

use crate::facts::RepoFacts;
use crate::settings::Config;

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

/// What every rule may read besides the facts.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// The report's clock (`--now` or the wall clock at the start of the scan).
    pub now: jiff::Timestamp,
    /// The config in force.
    pub config: &'a Config,
}

/// A rule kind with its parameters, ready to evaluate.
pub trait Rule: std::fmt::Debug + Send + Sync {
    /// Judges one repository's facts.
    fn evaluate(&self, facts: &RepoFacts, context: &Context) -> Outcome;
}

type Builder = fn(toml::Table) -> Result<Box<dyn Rule>, String>;

/// A rule kind: its name in checklists, one line of documentation, and how to build it.
pub struct RuleKind {
    /// The name used in checklist files.
    pub name: &'static str,
    /// What it decides.
    pub doc: &'static str,
    build: Builder,
}

fn build<P: Rule + DeserializeOwned + 'static>(params: toml::Table) -> Result<Box<dyn Rule>, String> {
    P::deserialize(toml::Value::Table(params))
        .map(|p| Box::new(p) as Box<dyn Rule>)
        .map_err(|e| e.message().to_string())
}

/// The closed set of rule kinds.
pub const RULE_KINDS: &[RuleKind] = &[
    RuleKind {
        name: "docs_present",
        doc: "at least `min` documents of `kind` exist",
        build: build::<docs_present::DocsPresent>,
    },
    RuleKind {
        name: "runbook_per_service",
        doc: "every service has a runbook",
        build: build::<runbook_per_service::RunbookPerService>,
    },
    RuleKind {
        name: "named_roles",
        doc: "each of `roles` has a named person in a document or the config",
        build: build::<named_roles::NamedRoles>,
    },
    RuleKind {
        name: "vendor_exit",
        doc: "if the vendor left, under `max_percent` of source files would be orphaned",
        build: build::<vendor_exit::VendorExit>,
    },
    RuleKind {
        name: "inhouse_truck_factor",
        doc: "the in-house truck factor is at least `min`",
        build: build::<inhouse_truck_factor::InhouseTruckFactor>,
    },
    RuleKind {
        name: "knowledge_trend",
        doc: "the in-house known share rose over the last `quarters` (or is at `target`)",
        build: build::<knowledge_trend::KnowledgeTrend>,
    },
    RuleKind {
        name: "vendor_islands",
        doc: "no folder of `min_files`+ source files is known only by the vendor",
        build: build::<vendor_islands::VendorIslands>,
    },
    RuleKind {
        name: "runbooks_fresh",
        doc: "every runbook is neither stale (age, drift, dead reference, overdue review) nor hollow",
        build: build::<runbooks_fresh::RunbooksFresh>,
    },
    RuleKind {
        name: "docs_fresh",
        doc: "no document of `kinds` (all when empty) is stale",
        build: build::<docs_fresh::DocsFresh>,
    },
    RuleKind {
        name: "links_alive",
        doc: "documents of `kinds` have no dead link, anchor or code-span path",
        build: build::<links_alive::LinksAlive>,
    },
    RuleKind {
        name: "adrs_statused",
        doc: "every ADR states a recognised status and none stays Proposed past the age limit",
        build: build::<adrs_statused::AdrsStatused>,
    },
    RuleKind {
        name: "stale_branches",
        doc: "no vendor branch in flight is older than `max_age_days`",
        build: build::<stale_branches::StaleBranches>,
    },
    RuleKind {
        name: "ownership_coverage",
        doc: "at least `min_percent` of tracked files have an owner (`specific`: catch-all rules not counted)",
        build: build::<ownership_coverage::OwnershipCoverage>,
    },
    RuleKind {
        name: "ownership_valid",
        doc: "ownership files have no errors and no rule that matches nothing",
        build: build::<ownership_valid::OwnershipValid>,
    },
    RuleKind {
        name: "owners_inhouse",
        doc: "at most `max_percent` of owned files are owned only by the vendor",
        build: build::<owners_inhouse::OwnersInhouse>,
    },
    RuleKind {
        name: "owners_active",
        doc: "owners tied to a git identity committed within thresholds.owner_inactive_days",
        build: build::<owners_active::OwnersActive>,
    },
    RuleKind {
        name: "attestation",
        doc: "only a person can confirm it: `skip` in a scan, attested in `exitready signoff`",
        build: build::<attestation::Attestation>,
    },
    RuleKind {
        name: "runbook_updated_with_code",
        doc: "a service whose code changed in the gate's range changed its runbook too (`docs`, `tests`: globs that need none)",
        build: build::<runbook_updated_with_code::RunbookUpdatedWithCode>,
    },
];

/// Builds a rule from its kind name and parameters.
pub fn build_rule(kind: &str, params: toml::Table) -> Result<Box<dyn Rule>, String> {
    let Some(rule) = RULE_KINDS.iter().find(|k| k.name == kind) else {
        let known: Vec<_> = RULE_KINDS.iter().map(|k| k.name).collect();
        return Err(format!("unknown rule kind `{kind}` (known: {})", known.join(", ")));
    };
    (rule.build)(params)
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

    #[test]
    fn unknown_kind_and_bad_params_are_errors() {
        assert!(
            build_rule("nope", toml::Table::new())
                .unwrap_err()
                .starts_with("unknown rule kind `nope`")
        );
        let mut params = toml::Table::new();
        params.insert("kind".into(), toml::Value::String("runbook".into()));
        params.insert("mni".into(), toml::Value::Integer(1));
        assert!(
            build_rule("docs_present", params)
                .unwrap_err()
                .contains("unknown field `mni`")
        );
    }
}
