//! Decides a document's kind by weighing evidence (DESIGN §4, issue 12), says how sure it is
//! and which signals decided, marks look-alikes, and finds sections of another kind.
//!
//! Reads a repository-relative path, the text, its [`ParsedDoc`], config pins and the root's
//! [`SiteContext`]; produces a [`Classification`]. Pure: no I/O, one pass over the document
//! (`evidence.rs`), then the table of signals (`signals.rs`) votes:
//!
//! 1. front matter `type:`/`kind:` naming a kind, then a config pin, decide outright
//!    (confidence 1);
//! 2. otherwise every signal adds weight to kinds; the heaviest kind wins if it reaches
//!    [`MIN_WEIGHT`], else the document is `other`. The confidence is the winner's share of the
//!    weight, damped when the evidence is thin; the reason names the winner's top signals;
//! 3. look-alikes (`lookalike.rs`: templates, fixtures, index pages, stubs) keep the kind they
//!    imitate and say why no check should count them;
//! 4. sections of a combined document that are clearly of another kind are listed with their
//!    anchors, without changing the file's kind.

use super::evidence::{Evidence, Topic, heading_topics};
use super::lookalike::lookalike;
use super::model::{Classification, KindPin, ParsedDoc, SectionKind, WeighedSignal};
use super::signals::{MIN_WEIGHT, Vote, Votes};
use super::site::SiteContext;
use crate::base::doc_kind::DocKind;

/// Which of the four runbook heading groups a doc has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RunbookGroups {
    /// A heading about alerts or symptoms.
    pub alerts: bool,
    /// A heading about diagnosis, triage, troubleshooting or investigation.
    pub diagnosis: bool,
    /// A heading about mitigation, remediation, resolution, recovery or rollback.
    pub mitigation: bool,
    /// A heading about escalation, contacts or on-call.
    pub escalation: bool,
}

impl RunbookGroups {
    /// How many of the four groups are present.
    pub fn count(&self) -> usize {
        [self.alerts, self.diagnosis, self.mitigation, self.escalation]
            .iter()
            .filter(|b| **b)
            .count()
    }
}

/// Which of the four runbook heading groups a doc has: alerts/symptoms, diagnosis/triage,
/// mitigation/remediation, escalation/contacts (for hollow-runbook checks).
pub fn runbook_groups(doc: &ParsedDoc) -> RunbookGroups {
    let mut g = RunbookGroups::default();
    for h in &doc.headings {
        let set = heading_topics(&h.text);
        let has = |t: Topic| set & (1 << (t as u32)) != 0;
        g.alerts |= has(Topic::Alerts);
        g.diagnosis |= has(Topic::Diagnosis);
        g.mitigation |= has(Topic::Mitigation);
        g.escalation |= has(Topic::Escalation);
    }
    g
}

/// How many top signals a reason names.
const REASON_SIGNALS: usize = 3;

/// Decides a document's kind: front matter `type:`/`kind:` wins, then config pins, then the
/// weighed signals (see the module documentation).
pub fn classify(path: &str, text: &str, doc: &ParsedDoc, pins: &[KindPin], site: &SiteContext) -> Classification {
    let e = Evidence::new(path, text, doc, site);
    let decided = front_matter_kind(doc)
        .or_else(|| {
            pins.iter()
                .find(|pin| pin.glob.is_match(path))
                .map(|pin| (pin.kind, format!("config pin `{}`", pin.glob.glob().glob())))
        })
        .map(|(kind, reason)| Classification {
            kind,
            reason,
            confidence: 1.0,
            signals: Vec::new(),
            lookalike: None,
            sections: Vec::new(),
        });
    let mut class = decided.unwrap_or_else(|| weigh(&e));
    let look = lookalike(&e, class.kind);
    if let Some(l) = &look {
        class.reason = format!("{}; {l}", class.reason);
    }
    class.lookalike = look;
    if class.lookalike.is_none() {
        class.sections = sections(&e, class.kind);
    }
    class
}

/// Front matter `type:` or `kind:` naming a kind.
fn front_matter_kind(doc: &ParsedDoc) -> Option<(DocKind, String)> {
    ["type", "kind"].iter().find_map(|key| {
        let value = doc.field(key)?;
        let kind = value.parse::<DocKind>().ok()?;
        Some((kind, format!("front matter `{key}: {value}`")))
    })
}

/// Runs the signal table and picks the heaviest kind.
fn weigh(e: &Evidence) -> Classification {
    let mut votes = Votes::new();
    votes.weigh_all(e);
    let mut totals: Vec<(DocKind, f64)> = Vec::new();
    for vote in &votes.all {
        match totals.iter_mut().find(|(k, _)| *k == vote.kind) {
            Some((_, w)) => *w += vote.weight,
            None => totals.push((vote.kind, vote.weight)),
        }
    }
    // Heaviest first; ties go to the kind listed first in DESIGN §4 (a stable, documented order).
    totals.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let positive: f64 = totals.iter().map(|(_, w)| w.max(0.0)).sum();
    let mut signals: Vec<WeighedSignal> = votes
        .all
        .iter()
        .filter(|v| v.weight != 0.0)
        .map(|v| WeighedSignal {
            name: v.signal.to_string(),
            label: v.label.clone(),
            kind: v.kind,
            weight: (v.weight * 100.0).round() / 100.0,
        })
        .collect();
    signals.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    let (kind, confidence, reason) = match totals.first() {
        Some(&(kind, top)) if top >= MIN_WEIGHT => {
            let share = top / positive.max(top);
            let strength = top / (top + 2.0);
            (kind, share * strength, reason_for(kind, &votes.all))
        }
        best => {
            let best_weight = best.map_or(0.0, |b| b.1.max(0.0));
            let confidence = 0.75 - 0.25 * (best_weight / MIN_WEIGHT);
            let reason = match best {
                Some(&(k, w)) if w > 0.0 => format!(
                    "no kind reached the threshold (closest: {k} {w:.1}, {})",
                    reason_for(k, &votes.all)
                ),
                _ => "no signal matched".to_string(),
            };
            (DocKind::Other, confidence, reason)
        }
    };
    Classification {
        kind,
        reason,
        confidence: confidence.clamp(0.0, 1.0),
        signals,
        lookalike: None,
        sections: Vec::new(),
    }
}

/// The top signals of a kind, heaviest first, joined with " + ".
fn reason_for(kind: DocKind, votes: &[Vote]) -> String {
    let mut mine: Vec<&Vote> = votes.iter().filter(|v| v.kind == kind && v.weight > 0.0).collect();
    mine.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    mine.iter()
        .take(REASON_SIGNALS)
        .map(|v| v.label.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Kinds whose sections belong to the record itself: a KEP's "Troubleshooting" or an ADR's
/// "Access" section is part of the proposal or decision, not a runbook or an inventory.
const RECORD_KINDS: &[DocKind] = &[
    DocKind::Adr,
    DocKind::Design,
    DocKind::Postmortem,
    DocKind::Changelog,
    DocKind::License,
    DocKind::Api,
];

/// Sections of a combined document (a README, a team manual page) that are clearly of another
/// kind: the heading alone says so and the section has content.
fn sections(e: &Evidence, file_kind: DocKind) -> Vec<SectionKind> {
    if RECORD_KINDS.contains(&file_kind) {
        return Vec::new();
    }
    let doc = e.doc;
    let mut out = Vec::new();
    for (i, h) in doc.headings.iter().enumerate() {
        if h.level == 1 || h.level > 3 || doc.empty_sections.iter().any(|s| s.line == h.line) {
            continue;
        }
        let set = heading_topics(&h.text);
        let has = |t: Topic| set & (1 << (t as u32)) != 0;
        let words: Vec<&str> = super::words::words(&h.text).collect();
        let says = |list: &[&str]| super::words::has_any(&words, list);
        let end = doc
            .headings
            .iter()
            .skip(i + 1)
            .find(|n| n.level <= h.level)
            .map_or(u32::MAX, |n| n.line);
        let inventory = doc.tables.iter().any(|t| t.line > h.line && t.line < end && t.header.len() >= 3);
        let kind = if says(&["runbook", "runbooks", "playbook"])
            || has(Topic::Troubleshooting)
            || (has(Topic::Diagnosis) && has(Topic::Mitigation))
            || has(Topic::Escalation) && says(&["incident", "incidents", "outage"])
        {
            Some(DocKind::Runbook)
        } else if has(Topic::Joiners) || has(Topic::GettingStarted) || says(&["onboarding", "new joiners"]) {
            Some(DocKind::Onboarding)
        } else if has(Topic::Vulnerability) || says(&["incident response", "security policy"]) {
            Some(DocKind::Security)
        } else if has(Topic::Access) && inventory {
            Some(DocKind::Access)
        } else if says(&["disaster recovery", "on call", "oncall", "rota"]) {
            Some(DocKind::Operations)
        } else {
            None
        };
        if let Some(kind) = kind.filter(|k| *k != file_kind) {
            out.push(SectionKind {
                anchor: h.anchor.clone(),
                heading: h.text.clone(),
                line: h.line,
                kind,
            });
        }
    }
    out
}
