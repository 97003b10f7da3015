//! The sign-off document's data (`exitready signoff`): its JSON form and the context of its
//! templates. The workflow that builds it is `workflows::signoff`.

use crate::checks::Status;

/// The sign-off document's data: its JSON form and the context of its templates.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SignOff {
    /// Whether every item is passed or attested.
    pub signed_off: bool,
    /// The ids of the items neither passed nor attested: `failing` and `unattested` together.
    pub missing: Vec<String>,
    /// Automated checks that did not pass and whose risk nobody accepted.
    #[serde(default)]
    pub failing: Vec<String>,
    /// Items nobody attested that no scan proves: handoff items and skipped checks.
    #[serde(default)]
    pub unattested: Vec<String>,
    /// SHA-256 (hex) of the report file's bytes.
    pub report_sha256: String,
    /// SHA-256 (hex) of the sign-off's own content, so that an edited name, date, item or
    /// decision is found by `signoff --verify` (`workflows::signoff::content_sha256`; in Markdown
    /// and HTML, of the document's text: `workflows::signoff::seal`).
    #[serde(default)]
    pub signoff_sha256: String,
    /// The report file as given.
    pub report: String,
    /// When the report was generated.
    pub report_generated_at: String,
    /// The report's overall score and grade (`null` when none).
    pub report_score: Option<f64>,
    /// The report's grade.
    pub report_grade: Option<String>,
    /// The repositories of the report, with their HEAD.
    pub repositories: Vec<String>,
    /// Every item: the handoff checklist's, then the report's checks that did not pass.
    pub items: Vec<SignOffItem>,
    /// Per regulatory control, the checks and handoff items that give evidence for it and
    /// whether each is passed or attested: test evidence for an exit plan (issue 14).
    #[serde(default)]
    pub controls: Vec<SignOffControl>,
    /// Every attestation read, in file order.
    pub attestations: Vec<AttestationRecord>,
    /// Warnings (attestations for unknown items).
    pub warnings: Vec<String>,
    /// When the sign-off was produced (RFC 3339 UTC).
    pub date: String,
}

/// One regulatory control in the sign-off. Supporting evidence for an auditor, not a legal opinion.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SignOffControl {
    /// The control's id (`DORA-28.8`).
    pub id: String,
    /// The regulation, guideline or standard, and its article or paragraph.
    pub reference: String,
    /// The control's short title.
    pub title: String,
    /// `covered` when every item is passed or attested, else `missing`.
    pub state: String,
    /// Each item giving evidence for it, with its sign-off state (`pass`, `attested`,
    /// `risk_accepted`, `failing`, `unattested`).
    pub items: Vec<SignOffControlItem>,
}

/// An item as evidence for a control in the sign-off.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SignOffControlItem {
    /// The check or handoff item id.
    pub id: String,
    /// Its sign-off state.
    pub state: String,
}

/// One item of the sign-off.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SignOffItem {
    /// Check or handoff item id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `handoff` (a person's item) or `report` (an automated check).
    pub source: String,
    /// The automated status (`skip` for handoff items: no repository proves them).
    pub status: Status,
    /// The report's reason, or what to attest.
    pub reason: String,
    /// `pass`; `attested` (a handoff item or a skipped check a person vouches for);
    /// `risk_accepted` (a failing check attested); `failing` (a check that did not pass, nobody
    /// accepted the risk); `unattested` (nobody attested it and no scan proves it).
    pub state: String,
    /// Who attested it.
    pub attested_by: Option<String>,
    /// When (YYYY-MM-DD).
    pub attested_on: Option<String>,
    /// Their note.
    pub note: Option<String>,
}

/// One attestation as read.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AttestationRecord {
    /// The item attested.
    pub item: String,
    /// Who attests (free text).
    pub by: String,
    /// When (YYYY-MM-DD).
    pub date: String,
    /// Their note.
    pub note: String,
    /// 1-based line of its `[[attestation]]` entry.
    pub line: usize,
}
