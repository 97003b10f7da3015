//! Waivers (DESIGN §2): `[[waiver]] check, path?, reason, expires` sets findings aside until the
//! day it expires. A waived finding stays in the report, marked with the waiver's reason, but
//! no longer counts against its check.
//!
//! Stage: evaluation, right after a rule and before the `required` rule (so that a required
//! item with findings left is still refused partial credit). Pure: the waivers, the outcome and
//! `now` in, the outcome out; no I/O.
//!
//! Matching: a waiver applies to the check with its exact id, and to every negative finding of
//! it, or with `path` to those whose path matches the glob or lies in that folder. A finding is
//! credited to the first active waiver that matches it. A waiver is active until `expires`
//! (a `YYYY-MM-DD` date is midnight UTC of that day: from then on it no longer applies); an
//! expired waiver is listed with `expired: true`, applies to nothing, and the repository gets a
//! `waiver_expired` warning.
//!
//! Recomputing the status and score of a `fail` or `warn` outcome with `n` negative findings of
//! which `k` are waived: each negative finding is taken to carry an equal share of the credit
//! the check is missing, so the score becomes `score + (1 - score) · k / n`. For the rules that
//! score `partial(success, total)` with one negative finding per failed unit this is exactly
//! `(success + k) / total`. When `k = n` the check passes (score 1); when `0 < k < n` it warns
//! with the new score. `pass`, `skip` and `error` keep their status and score (an error has no
//! findings to waive), though findings they carry are still marked.

use super::rule::{Evidence, Outcome, Status};
use crate::facts::Warning;
use crate::settings::WaiverRule;

/// One waiver as the report lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct WaiverReport {
    /// The check id it applies to.
    pub check: String,
    /// The path or glob it is limited to; all of the check's findings when absent.
    #[serde(default)]
    pub path: Option<String>,
    /// Why the findings are accepted.
    pub reason: String,
    /// The day it stops applying, as written.
    pub expires: String,
    /// Whether that day has come (the waiver then applies to nothing).
    pub expired: bool,
    /// How many findings it set aside in this report.
    pub applied_to: usize,
    /// The repository whose config holds it, when the report has several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
}

/// The index of the first active waiver that sets this finding of `check` aside.
pub fn first_match(waivers: &[WaiverRule], now: jiff::Timestamp, check: &str, evidence: &Evidence) -> Option<usize> {
    if !evidence.negative {
        return None;
    }
    waivers
        .iter()
        .position(|w| w.check == check && w.active(now) && w.covers(evidence.path.as_deref()))
}

/// Sets aside the findings of `check` that a waiver covers and recomputes status and score (see
/// the module doc for the formula).
pub fn apply(check: &str, mut outcome: Outcome, waivers: &[WaiverRule], now: jiff::Timestamp) -> Outcome {
    let mut negative = 0;
    let mut waived = 0;
    for evidence in &mut outcome.evidence {
        if !evidence.negative {
            continue;
        }
        negative += 1;
        if let Some(index) = first_match(waivers, now, check, evidence) {
            evidence.waived = Some(waivers[index].reason.clone());
            waived += 1;
        }
    }
    if waived == 0 || !matches!(outcome.status, Status::Fail | Status::Warn) {
        return outcome;
    }
    if waived == negative {
        outcome.status = Status::Pass;
        outcome.score = 1.0;
        outcome.reason = format!("{} (all {negative} finding(s) waived)", outcome.reason);
    } else {
        outcome.score += (1.0 - outcome.score) * waived as f64 / negative as f64;
        outcome.status = Status::Warn;
        outcome.reason = format!("{} ({waived} of {negative} finding(s) waived)", outcome.reason);
    }
    outcome
}

/// The report's list of one repository's waivers, counting what each set aside in `outcomes`
/// (check id and outcome, after `apply`), and a warning per expired waiver.
pub fn report<'a>(
    waivers: &[WaiverRule],
    now: jiff::Timestamp,
    outcomes: impl IntoIterator<Item = (&'a str, &'a Outcome)>,
    repository: Option<&str>,
) -> (Vec<WaiverReport>, Vec<Warning>) {
    let mut applied = vec![0; waivers.len()];
    for (check, outcome) in outcomes {
        count(waivers, now, check, outcome, &mut applied);
    }
    listed(waivers, now, applied, repository)
}

/// Adds to `applied` (one count per waiver) the findings of one outcome each waiver set aside:
/// counted before `checks::evaluate` bounds the evidence an outcome keeps.
pub fn count(waivers: &[WaiverRule], now: jiff::Timestamp, check: &str, outcome: &Outcome, applied: &mut [usize]) {
    for evidence in &outcome.evidence {
        if let Some(index) = first_match(waivers, now, check, evidence) {
            applied[index] += 1;
        }
    }
}

/// The report's list of one repository's waivers with what each set aside (`count`), and a
/// warning per expired waiver.
pub fn listed(
    waivers: &[WaiverRule],
    now: jiff::Timestamp,
    applied: Vec<usize>,
    repository: Option<&str>,
) -> (Vec<WaiverReport>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let reports = waivers
        .iter()
        .zip(applied)
        .map(|(waiver, applied_to)| {
            let expired = !waiver.active(now);
            if expired {
                warnings.push(Warning::new(
                    "waiver_expired",
                    waiver.path.as_ref().map(|(path, _)| path.as_str()),
                    &format!(
                        "the waiver of {} expired on {} and no longer applies: {}",
                        waiver.check, waiver.expires, waiver.reason
                    ),
                ));
            }
            WaiverReport {
                check: waiver.check.clone(),
                path: waiver.path.as_ref().map(|(path, _)| path.clone()),
                reason: waiver.reason.clone(),
                expires: waiver.expires.clone(),
                expired,
                applied_to,
                repository: repository.map(str::to_string),
            }
        })
        .collect();
    (reports, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiver(check: &str, path: Option<&str>, expires: &str) -> WaiverRule {
        let path = path.map_or(String::new(), |p| format!("path = \"{p}\"\n"));
        let text = format!("[[waiver]]\ncheck = \"{check}\"\n{path}reason = \"accepted\"\nexpires = {expires}\n");
        let settings = crate::settings::Settings::parse(std::path::Path::new("exitready.toml"), &text).unwrap();
        settings.waivers.into_iter().next().unwrap()
    }

    fn now() -> jiff::Timestamp {
        "2026-06-01T00:00:00Z".parse().unwrap()
    }

    fn outcome() -> Outcome {
        // 2 of 5 met: three negative findings.
        Outcome::partial(
            2,
            5,
            "2 of 5",
            vec![
                Evidence::supporting(Some("a/ok"), "fine"),
                Evidence::against(Some("svc/billing/x"), "billing"),
                Evidence::against(Some("svc/shop/y"), "shop"),
                Evidence::against(None, "whole repository"),
            ],
        )
    }

    #[test]
    fn partial_waivers_rescore_as_if_the_units_were_met() {
        let waivers = [waiver("c.x", Some("svc/billing"), "2027-01-01")];
        let out = apply("c.x", outcome(), &waivers, now());
        assert_eq!(out.status, Status::Warn);
        assert!((out.score - 3.0 / 5.0).abs() < 1e-9, "{}", out.score);
        assert_eq!(out.reason, "2 of 5 (1 of 3 finding(s) waived)");
        assert_eq!(out.evidence[1].waived.as_deref(), Some("accepted"));
        assert_eq!(out.evidence[2].waived, None);
        let globbed = [waiver("c.x", Some("svc/*/y"), "2027-01-01")];
        assert_eq!(
            apply("c.x", outcome(), &globbed, now()).evidence[2].waived.as_deref(),
            Some("accepted")
        );
    }

    #[test]
    fn waiving_every_finding_passes_and_a_fail_can_become_warn() {
        let all = [waiver("c.x", None, "2027-01-01")];
        let out = apply("c.x", outcome(), &all, now());
        assert_eq!((out.status, out.score), (Status::Pass, 1.0));
        let failed = Outcome::fail(
            "none",
            vec![Evidence::against(Some("a"), "a"), Evidence::against(Some("b"), "b")],
        );
        let out = apply("c.x", failed, &[waiver("c.x", Some("a"), "2027-01-01")], now());
        assert_eq!((out.status, out.score), (Status::Warn, 0.5));
    }

    #[test]
    fn expired_other_check_and_error_do_not_apply() {
        let expired = [waiver("c.x", None, "2026-06-01")];
        assert_eq!(apply("c.x", outcome(), &expired, now()), outcome());
        assert_eq!(
            apply("c.y", outcome(), &[waiver("c.x", None, "2027-01-01")], now()),
            outcome()
        );
        let error = Outcome::error("broken");
        assert_eq!(
            apply("c.x", error.clone(), &[waiver("c.x", None, "2027-01-01")], now()),
            error
        );
        let (reports, warnings) = report(&expired, now(), [("c.x", &outcome())], None);
        assert!(reports[0].expired);
        assert_eq!(reports[0].applied_to, 0);
        assert_eq!(warnings[0].kind, "waiver_expired");
    }

    #[test]
    fn reports_count_what_each_waiver_set_aside() {
        let waivers = [
            waiver("c.x", Some("svc/**"), "2027-01-01"),
            waiver("c.x", None, "2027-01-01"),
        ];
        let out = apply("c.x", outcome(), &waivers, now());
        let (reports, warnings) = report(&waivers, now(), [("c.x", &out)], Some("repo"));
        let counts: Vec<usize> = reports.iter().map(|r| r.applied_to).collect();
        assert_eq!(counts, vec![2, 1]);
        assert!(warnings.is_empty());
        assert_eq!(reports[0].expires, "2027-01-01");
    }
}
