//! The handoff sign-off: the built-in `handoff` checklist (items only a person can confirm) and
//! every check of a report that did not pass, each matched with a named person's attestation.
//!
//! Attestations file (TOML, parsed strictly, every problem reported with its line):
//!
//! ```toml
//! [[attestation]]
//! item = "exit.credentials_revoked"   # a handoff item or a check id of the report
//! by = "Jane Doe, CTO"                 # free text
//! date = 2026-06-30                    # a TOML date or "YYYY-MM-DD"
//! note = "Rotated per docs/access.md"  # optional
//! ```
//!
//! Attesting a failing automated check accepts that risk by name. An attestation for an item
//! that is neither is a warning naming the item and line; one dated after today or before the
//! report was generated is refused with its line (`check_dates`).
//!
//! A sign-off carries two hashes. `report_sha256` binds it to the report: the SHA-256 of the
//! report file's bytes. `signoff_sha256` makes its own content tamper-evident: in JSON, the
//! SHA-256 of the document's canonical JSON (compact, fields in their order, `signoff_sha256`
//! empty; `content_sha256`); in Markdown and HTML, the SHA-256 of the document's text with that
//! hash written as 64 zeros and line ends as `\n` (`seal`). Markdown and HTML write both, and
//! the decision, in one comment: `<!-- exitready-signoff report_sha256=… signed_off=true
//! signoff_sha256=… -->`. `verify` checks the three: the report is the one signed, nothing in the
//! document was edited since it was written (an attester's name, a date, an item's state, the
//! decision), and the document says "signed off". The hashes are not signatures: whoever can
//! run exitready can write a new document that verifies; they find edits, not forgers. No I/O
//! here beyond what the caller passes in.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::checks::Status;
use crate::checks::checklist::Checklist;
use crate::error::{Error, Problem, Result};
use crate::report::model::{AttestationRecord, Report, SignOff, SignOffControl, SignOffControlItem, SignOffItem};

/// The marker that binds a Markdown or HTML sign-off to its report (inside a comment; the
/// templates write it literally, because escaping would change it).
pub const HASH_MARKER: &str = "exitready-signoff report_sha256=";

/// The marker of the decision, in the same comment (`signed_off=true` or `false`).
pub const DECISION_MARKER: &str = "signed_off=";

/// The marker of the sign-off's own hash, in the same comment.
pub const CONTENT_MARKER: &str = "signoff_sha256=";

/// The sign-off hash as written before `seal` computes it: 64 zeros.
pub const UNSEALED: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawFile {
    attestation: Vec<Spanned<RawAttestation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttestation {
    item: String,
    by: String,
    date: toml::Value,
    #[serde(default)]
    note: String,
}

/// Parses an attestations file, reporting every problem with its line.
pub fn parse_attestations(file: &Path, text: &str) -> Result<Vec<AttestationRecord>> {
    let raw: RawFile = crate::load::parse_toml(file, text)?;
    let mut problems = Vec::new();
    let mut records = Vec::new();
    for entry in raw.attestation {
        let (line, _) = crate::load::line_column(text, entry.span().start);
        let raw = entry.into_inner();
        let mut problem = |message: String| {
            problems.push(Problem {
                file: file.to_path_buf(),
                line: Some(line),
                column: None,
                key: Some("attestation".to_string()),
                message,
            })
        };
        if raw.item.trim().is_empty() {
            problem("`item` is empty".to_string());
        }
        if raw.by.trim().is_empty() {
            problem(format!("`by` is empty for item `{}`: name the person", raw.item));
        }
        let date = match &raw.date {
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.date.map(|d| d.to_string()),
            toml::Value::String(s) => s.parse::<jiff::civil::Date>().ok().map(|d| d.to_string()),
            _ => None,
        };
        let Some(date) = date else {
            problem(format!(
                "`date` of item `{}` must be a TOML date or \"YYYY-MM-DD\", got {}",
                raw.item, raw.date
            ));
            continue;
        };
        records.push(AttestationRecord {
            item: raw.item.trim().to_string(),
            by: raw.by.trim().to_string(),
            date,
            note: raw.note,
            line,
        });
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(Error::Invalid { problems })
    }
}

/// Refuses attestations dated after today (`now`, UTC) or before the day the report was
/// generated: a person cannot confirm today what happens next year, nor sign off a report that
/// did not exist yet. Every problem names the file and the attestation's line.
pub fn check_dates(
    file: &Path,
    attestations: &[AttestationRecord],
    report_generated_at: &str,
    now: jiff::Timestamp,
) -> Result<()> {
    let today = now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let report_day = crate::base::dates::parse_date(report_generated_at)
        .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date());
    let mut problems = Vec::new();
    for a in attestations {
        let Ok(date) = a.date.parse::<jiff::civil::Date>() else {
            continue;
        };
        let message = if date > today {
            format!(
                "`date` {date} of item `{}` is in the future (today is {today}): attest what has been done",
                a.item
            )
        } else if let Some(day) = report_day.filter(|day| date < *day) {
            format!(
                "`date` {date} of item `{}` is before the report was generated ({day}): attest against this report",
                a.item
            )
        } else {
            continue;
        };
        problems.push(Problem {
            file: file.to_path_buf(),
            line: Some(a.line),
            column: None,
            key: Some("attestation".to_string()),
            message,
        });
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid { problems })
    }
}

/// Evaluates the sign-off: the handoff items and the report's non-passing checks, each matched
/// with its first attestation. `file` names the attestations file in warnings.
pub fn evaluate(
    report: &Report,
    report_name: &str,
    report_bytes: &[u8],
    handoff: &Checklist,
    attestations: Vec<AttestationRecord>,
    file: &str,
    now: jiff::Timestamp,
) -> SignOff {
    let mut items: Vec<SignOffItem> = handoff
        .items
        .iter()
        .map(|item| SignOffItem {
            id: item.id.clone(),
            title: item.title.clone(),
            source: "handoff".to_string(),
            status: Status::Skip,
            reason: item.remediation.clone(),
            state: String::new(),
            attested_by: None,
            attested_on: None,
            note: None,
        })
        .collect();
    for check in &report.checks {
        if check.status == Status::Pass || items.iter().any(|i| i.id == check.id) {
            continue;
        }
        items.push(SignOffItem {
            id: check.id.clone(),
            title: check.title.clone(),
            source: "report".to_string(),
            status: check.status,
            reason: check.reason.clone(),
            state: String::new(),
            attested_by: None,
            attested_on: None,
            note: None,
        });
    }
    let mut warnings = Vec::new();
    for a in &attestations {
        let known = items.iter().any(|i| i.id == a.item) || report.checks.iter().any(|c| c.id == a.item);
        if !known {
            warnings.push(format!(
                "{file}:{}: attestation for unknown item `{}` (neither a handoff item nor a check of the report)",
                a.line, a.item
            ));
        }
    }
    for item in &mut items {
        let found = attestations.iter().find(|a| a.item == item.id);
        item.state = state(item.status, &item.source, found.is_some()).to_string();
        if let Some(a) = found {
            item.attested_by = Some(a.by.clone());
            item.attested_on = Some(a.date.clone());
            item.note = (!a.note.is_empty()).then(|| a.note.clone());
        }
    }
    let with_state = |state: &str| -> Vec<String> {
        items
            .iter()
            .filter(|i| i.state == state)
            .map(|i| i.id.clone())
            .collect()
    };
    let (failing, unattested) = (with_state(FAILING), with_state(UNATTESTED));
    let missing: Vec<String> = items
        .iter()
        .filter(|i| i.state == FAILING || i.state == UNATTESTED)
        .map(|i| i.id.clone())
        .collect();
    let controls = controls(report, handoff, &items);
    SignOff {
        signed_off: missing.is_empty(),
        missing,
        failing,
        unattested,
        report_sha256: crate::base::digest::sha256_hex(report_bytes),
        signoff_sha256: UNSEALED.to_string(),
        report: report_name.to_string(),
        report_generated_at: report.generated_at.clone(),
        report_score: report.score.overall,
        report_grade: report.score.grade.clone(),
        repositories: report
            .repositories
            .iter()
            .map(|r| match &r.head {
                Some(head) => format!("{} at {head}", r.name),
                None => r.name.clone(),
            })
            .collect(),
        items,
        controls,
        attestations,
        warnings,
        date: now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

/// Per control of the table, in its order: the report's checks and the handoff items that name
/// it, each with its sign-off state (a passing check is `pass`).
fn controls(report: &Report, handoff: &Checklist, items: &[SignOffItem]) -> Vec<SignOffControl> {
    let state_of = |id: &str| {
        items
            .iter()
            .find(|i| i.id == id)
            .map_or("pass".to_string(), |i| i.state.clone())
    };
    crate::checks::controls::table()
        .unwrap_or_default()
        .iter()
        .filter_map(|control| {
            let ids = report
                .checks
                .iter()
                .filter(|c| c.controls.contains(&control.id))
                .map(|c| c.id.as_str())
                .chain(
                    handoff
                        .items
                        .iter()
                        .filter(|i| i.controls.contains(&control.id))
                        .map(|i| i.id.as_str()),
                );
            let mut evidence: Vec<SignOffControlItem> = Vec::new();
            for id in ids {
                if !evidence.iter().any(|e| e.id == id) {
                    evidence.push(SignOffControlItem {
                        id: id.to_string(),
                        state: state_of(id),
                    });
                }
            }
            if evidence.is_empty() {
                return None;
            }
            let covered = evidence.iter().all(|e| e.state != FAILING && e.state != UNATTESTED);
            Some(SignOffControl {
                id: control.id.clone(),
                reference: format!("{} {}", control.framework, control.reference),
                title: control.title.clone(),
                state: if covered { "covered" } else { "missing" }.to_string(),
                items: evidence,
            })
        })
        .collect()
}

/// The state of an automated check that did not pass (fail, warn, error) and that nobody
/// attested: a known problem whose risk nobody accepted.
pub const FAILING: &str = "failing";

/// The state of an item nobody attested that no scan proves either way: a handoff item, or a
/// check the scan could not evaluate (skip).
pub const UNATTESTED: &str = "unattested";

/// An item's sign-off state from its automated status, its source and whether someone attested
/// it. What must be attested: every handoff item and every check of the report that did not
/// pass, skipped ones included (a check the scan could not evaluate proves nothing, so a
/// person vouches for it). A failed check and an unattested item are kept apart (issue 15).
fn state(status: Status, source: &str, attested: bool) -> &'static str {
    match (status, attested) {
        (Status::Pass, _) => "pass",
        (Status::Fail | Status::Warn | Status::Error, false) if source == "report" => FAILING,
        (_, false) => UNATTESTED,
        (Status::Fail | Status::Warn | Status::Error, true) if source == "report" => "risk_accepted",
        (_, true) => "attested",
    }
}

/// The hash of a JSON sign-off's content: SHA-256 of its compact JSON with `signoff_sha256`
/// empty (the serialisation is canonical: the struct's field order, no whitespace).
pub fn content_sha256(document: &SignOff) -> String {
    let blank = SignOff {
        signoff_sha256: String::new(),
        ..document.clone()
    };
    let canonical = serde_json::to_string(&blank).unwrap_or_default();
    crate::base::digest::sha256_hex(canonical.as_bytes())
}

/// A JSON sign-off with its content hash filled in.
pub fn sealed(document: &SignOff) -> SignOff {
    SignOff {
        signoff_sha256: content_sha256(document),
        ..document.clone()
    }
}

/// Seals a rendered Markdown or HTML sign-off: the SHA-256 of its text (line ends as `\n`)
/// as rendered, with the hash [`UNSEALED`], replaces those zeros.
pub fn seal(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let hash = crate::base::digest::sha256_hex(text.as_bytes());
    text.replace(
        &format!("{CONTENT_MARKER}{UNSEALED}"),
        &format!("{CONTENT_MARKER}{hash}"),
    )
}

/// What `verify` found in a sign-off document.
#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    /// The report hash the document names.
    pub report_claimed: String,
    /// The report's actual hash.
    pub report_actual: String,
    /// The content hash the document carries.
    pub content_claimed: String,
    /// The content hash computed from the document now.
    pub content_actual: String,
    /// Whether the document says "signed off".
    pub signed_off: bool,
}

impl Verification {
    /// Whether the document belongs to this report.
    pub fn report_matches(&self) -> bool {
        self.report_claimed == self.report_actual
    }

    /// Whether nothing was edited since the document was written.
    pub fn content_intact(&self) -> bool {
        self.content_claimed == self.content_actual
    }

    /// Whether the document is a valid, unedited sign-off of this report that says "signed off".
    pub fn passed(&self) -> bool {
        self.report_matches() && self.content_intact() && self.signed_off
    }
}

/// Verifies a sign-off document (JSON, Markdown or HTML) against the report's bytes. An error
/// (a document that is no sign-off, or one without the hashes to check) says why.
pub fn verify(document: &str, report_bytes: &[u8]) -> std::result::Result<Verification, String> {
    let report_actual = crate::base::digest::sha256_hex(report_bytes);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(document) {
        let parsed: SignOff = serde_json::from_value(value)
            .map_err(|e| format!("a JSON document, but not an exitready sign-off: {e}"))?;
        if parsed.signoff_sha256.is_empty() {
            return Err(
                "no signoff_sha256: written by an earlier exitready, its content cannot be verified".to_string(),
            );
        }
        return Ok(Verification {
            content_actual: content_sha256(&parsed),
            content_claimed: parsed.signoff_sha256,
            report_claimed: parsed.report_sha256,
            report_actual,
            signed_off: parsed.signed_off,
        });
    }
    let report_claimed = hash_in(document).ok_or("no report SHA-256 found: not an exitready sign-off")?;
    let start = document.find(HASH_MARKER).unwrap_or(0);
    let comment = &document[start..document[start..].find("-->").map_or(document.len(), |end| start + end)];
    let field = |marker: &str| {
        comment
            .split_whitespace()
            .find_map(|word| word.strip_prefix(marker))
            .map(str::to_string)
    };
    let content_claimed = field(CONTENT_MARKER)
        .filter(|h| h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or("no signoff_sha256: written by an earlier exitready, its content cannot be verified")?;
    let signed_off = match field(DECISION_MARKER).as_deref() {
        Some("true") => true,
        Some("false") => false,
        _ => return Err("no signed_off= decision next to the report SHA-256".to_string()),
    };
    let unsealed = document.replace("\r\n", "\n").replace(
        &format!("{CONTENT_MARKER}{content_claimed}"),
        &format!("{CONTENT_MARKER}{UNSEALED}"),
    );
    Ok(Verification {
        report_claimed,
        report_actual,
        content_claimed,
        content_actual: crate::base::digest::sha256_hex(unsealed.as_bytes()),
        signed_off,
    })
}

/// The report hash a sign-off document (JSON, Markdown or HTML) carries, if any.
pub fn hash_in(document: &str) -> Option<String> {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(document) {
        return value.get("report_sha256").and_then(|v| v.as_str()).map(str::to_string);
    }
    let start = document.find(HASH_MARKER)? + HASH_MARKER.len();
    let hex: String = document[start..].chars().take_while(char::is_ascii_hexdigit).collect();
    (hex.len() == 64).then_some(hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attestation_dates_and_problems_with_lines() {
        let text = "[[attestation]]\nitem = \"a\"\nby = \"Jane\"\ndate = 2026-06-30\n\n[[attestation]]\nitem = \"b\"\nby = \"Joe\"\ndate = \"2026-07-01\"\nnote = \"ok\"\n";
        let got = parse_attestations(Path::new("a.toml"), text).unwrap();
        assert_eq!(
            got.iter()
                .map(|a| (a.item.as_str(), a.date.as_str(), a.line))
                .collect::<Vec<_>>(),
            vec![("a", "2026-06-30", 1), ("b", "2026-07-01", 6)]
        );
        let bad = "[[attestation]]\nitem = \"a\"\nby = \"\"\ndate = \"June\"\n";
        let err = parse_attestations(Path::new("a.toml"), bad).unwrap_err().to_string();
        assert!(err.starts_with("a.toml:1: attestation: `by` is empty"), "{err}");
        assert!(
            err.contains("a.toml:1: attestation: `date` of item `a` must be"),
            "{err}"
        );
        let unknown = "[[attestation]]\nitem = \"a\"\nby = \"x\"\ndate = 2026-01-01\nwho = 1\n";
        let err = parse_attestations(Path::new("a.toml"), unknown)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a.toml:5") && err.contains("unknown field `who`"), "{err}");
    }

    /// See: issue 15, item 18. A failed check nobody accepted and an item nobody attested are
    /// told apart; a skipped check is attested, not accepted as a risk.
    #[test]
    fn failing_and_unattested_are_distinct() {
        assert_eq!(state(Status::Fail, "report", false), FAILING);
        assert_eq!(state(Status::Warn, "report", false), FAILING);
        assert_eq!(state(Status::Error, "report", false), FAILING);
        assert_eq!(state(Status::Skip, "report", false), UNATTESTED);
        assert_eq!(state(Status::Skip, "handoff", false), UNATTESTED);
        assert_eq!(state(Status::Fail, "report", true), "risk_accepted");
        assert_eq!(state(Status::Skip, "report", true), "attested");
        assert_eq!(state(Status::Skip, "handoff", true), "attested");
        assert_eq!(state(Status::Pass, "report", false), "pass");
    }

    #[test]
    fn attestations_in_the_future_or_before_the_report_are_refused() {
        let text = "[[attestation]]\nitem = \"a\"\nby = \"Jane\"\ndate = 2030-01-01\n\n[[attestation]]\nitem = \"b\"\nby = \"Joe\"\ndate = 2026-06-29\n\n[[attestation]]\nitem = \"c\"\nby = \"Al\"\ndate = 2026-06-30\n";
        let records = parse_attestations(Path::new("a.toml"), text).unwrap();
        let now = crate::base::dates::parse_date("2026-06-30T15:00:00Z").unwrap();
        let err = check_dates(Path::new("a.toml"), &records, "2026-06-30T09:00:00Z", now)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "a.toml:1: attestation: `date` 2030-01-01 of item `a` is in the future (today is 2026-06-30): attest what has been done\n\
             a.toml:6: attestation: `date` 2026-06-29 of item `b` is before the report was generated (2026-06-30): attest against this report"
        );
        assert!(check_dates(Path::new("a.toml"), &records[2..], "2026-06-30T09:00:00Z", now).is_ok());
    }

    #[test]
    fn sealed_text_verifies_until_edited() {
        let report = b"{}";
        let report_hash = crate::base::digest::sha256_hex(report);
        let text = format!(
            "# Sign-off\r\n<!-- {HASH_MARKER}{report_hash} signed_off=true {CONTENT_MARKER}{UNSEALED} -->\r\n| a | Jane |\r\n"
        );
        let sealed = seal(&text);
        assert!(!sealed.contains(UNSEALED) && !sealed.contains('\r'));
        let ok = verify(&sealed, report).unwrap();
        assert!(ok.passed(), "{ok:?}");
        let edited = verify(&sealed.replace("Jane", "Joan"), report).unwrap();
        assert!(edited.report_matches() && !edited.content_intact());
        let flipped = verify(&sealed.replace("signed_off=true", "signed_off=false"), report).unwrap();
        assert!(!flipped.passed());
        assert!(verify(&text.replace(&format!(" {CONTENT_MARKER}{UNSEALED}"), ""), report).is_err());
    }

    #[test]
    fn hash_found_in_every_format() {
        let hex = "a".repeat(64);
        assert_eq!(hash_in(&format!("{{\"report_sha256\": \"{hex}\"}}")), Some(hex.clone()));
        assert_eq!(hash_in(&format!("x <!-- {HASH_MARKER}{hex} --> y")), Some(hex));
        assert_eq!(hash_in("nothing"), None);
        assert_eq!(crate::base::digest::sha256_hex(b"abc").len(), 64);
    }
}
