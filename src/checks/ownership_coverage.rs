//! Rule kind `ownership_coverage`: enough of the tracked files have an owner in an ownership
//! file (CODEOWNERS, else OWNERS, else catalog-info).
//!
//! Reads `ownership` (the resolved owners of every tracked file). With `specific = true`, files
//! owned only through a catch-all rule (`*`, a rule matching everything, a root OWNERS) count as
//! unowned: a catch-all hides missing ownership. Pass at or over `min_percent` (90 in the built-in checklist);
//! otherwise warn with the score coverage ÷ `min_percent`, or fail at 0. Evidence: the unowned
//! paths (folders where a whole folder is unowned), at most 20, and how many more. Skip when
//! there is no tracked file, or when an ownership file in effect (CODEOWNERS, OWNERS,
//! catalog-info) could not be read (over the size limit, say): its owners are unknown, and a
//! coverage measured without it would be a confident wrong figure.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;
use crate::facts::ownership::SourceKind;
use crate::load::in_range;

/// How many unowned paths the evidence lists.
const LISTED: usize = 20;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnershipCoverage {
    /// The coverage needed, in percent (0 to 100).
    pub min_percent: f64,
    /// Leave out files owned only through catch-all rules.
    #[serde(default)]
    pub specific: bool,
}

impl Rule for OwnershipCoverage {
    fn validate(&self) -> Result<(), String> {
        in_range("min_percent", self.min_percent, 0.0..=100.0)
    }

    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let Some(ownership) = &facts.ownership else {
            return Outcome::skip("ownership files were not read");
        };
        if facts.tracked.is_empty() {
            return Outcome::skip("no tracked file");
        }
        let in_effect = |kind: SourceKind| {
            matches!(
                kind,
                SourceKind::Codeowners | SourceKind::Owners | SourceKind::CatalogInfo
            )
        };
        if let Some((source, why)) = ownership
            .sources
            .iter()
            .filter(|s| s.active && in_effect(s.kind))
            .find_map(|s| s.unread.as_ref().map(|why| (s, why)))
        {
            return Outcome::skip(format!(
                "{} was not read ({why}): the owners it gives are unknown",
                source.path
            ));
        }
        let summary = ownership.summary(&facts.tracked);
        let percent = if self.specific {
            summary.specific_coverage_percent
        } else {
            summary.coverage_percent
        };
        let what = if self.specific {
            "specific ownership (catch-all rules not counted)"
        } else {
            "an owner"
        };
        let reason = format!(
            "{percent:.1}% of {} tracked files have {what} (bar: {:.0}%)",
            facts.tracked.len(),
            self.min_percent
        );
        if ownership.sources.is_empty() {
            return Outcome::fail(
                reason,
                vec![Evidence::against(
                    None,
                    "no CODEOWNERS, OWNERS or catalog-info.yaml file found",
                )],
            );
        }
        let mut evidence: Vec<Evidence> = summary
            .unowned_paths
            .iter()
            .take(LISTED)
            .map(|p| {
                Evidence::against(
                    Some(p),
                    if p.ends_with('/') {
                        "folder without an owner"
                    } else {
                        "file without an owner"
                    },
                )
            })
            .collect();
        if summary.unowned_paths_total > LISTED {
            evidence.push(Evidence::against(
                None,
                format!("… and {} more unowned path(s)", summary.unowned_paths_total - LISTED),
            ));
        }
        if summary.explicitly_unowned_files > 0 {
            evidence.push(Evidence::against(
                None,
                format!(
                    "{} file(s) explicitly left without owners by a rule with no owners",
                    summary.explicitly_unowned_files
                ),
            ));
        }
        if percent >= self.min_percent {
            Outcome::pass(reason, evidence)
        } else if percent <= 0.0 {
            Outcome::fail(reason, evidence)
        } else {
            Outcome {
                score: (percent / self.min_percent).min(1.0),
                ..Outcome::partial(1, 2, reason, evidence)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rule::Status;
    use crate::checks::testkit::context;
    use crate::discover::{Root, RootKind};
    use crate::facts::ownership::{self, MAX_FILE_BYTES, OwnershipOptions};

    /// The facts of a repository tracking `files`, its ownership read from their contents.
    fn facts(files: &[(&str, &str)]) -> RepoFacts {
        let mut facts = RepoFacts::empty(Root {
            path: "/r".into(),
            name: "r".into(),
            kind: RootKind::WorkTree,
        });
        facts.tracked = files.iter().map(|(p, _)| p.to_string()).collect();
        let read = |path: &str| {
            files
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, c)| c.as_bytes().to_vec())
        };
        facts.ownership = Some(ownership::gather(&facts.tracked, &read, &OwnershipOptions::default()));
        facts
    }

    fn coverage() -> OwnershipCoverage {
        OwnershipCoverage {
            min_percent: 90.0,
            specific: false,
        }
    }

    #[test]
    fn a_codeowners_over_the_size_limit_is_a_skip_with_the_reason_not_a_fail() {
        let big = format!("* @all\n{}", "# padding\n".repeat(MAX_FILE_BYTES / 10 + 1));
        let facts = facts(&[("CODEOWNERS", &big), ("src/a.rs", "a")]);
        for specific in [false, true] {
            let rule = OwnershipCoverage { specific, ..coverage() };
            let outcome = rule.evaluate(&facts, &context());
            assert_eq!(outcome.status, Status::Skip);
            assert_eq!(
                outcome.reason,
                format!(
                    "CODEOWNERS was not read (file is {} bytes, at or over the 3 MiB limit; not loaded): the owners it gives are unknown",
                    big.len()
                )
            );
        }
    }

    #[test]
    fn a_codeowners_read_is_measured() {
        let facts = facts(&[("CODEOWNERS", "* @all\n"), ("src/a.rs", "a")]);
        assert_eq!(coverage().evaluate(&facts, &context()).status, Status::Pass);
    }
}
