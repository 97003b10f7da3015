//! Signal 6, hollow runbooks: a runbook that exists but would not help during an incident.
//!
//! Reads the parsed runbook: placeholders left in prose (TODO, TBD, FIXME, lorem ipsum, "fill
//! in", `<insert …>`), empty sections, and which of the four heading groups that make a runbook
//! usable it has (alerts/symptoms, diagnosis, mitigation/remediation, escalation/contacts). A
//! runbook index (a page that is mostly a list of links to runbooks) is not judged. Hollowness
//! is a reason, never staleness. Only runbooks are judged here.

use super::judged::Judged;
use crate::base::signal::{Reason, Signal};
use crate::facts::documents::{DocKind, runbook_groups};

/// The heading groups, as named in reasons.
const GROUPS: [&str; 4] = [
    "alerts/symptoms",
    "diagnosis",
    "mitigation/remediation",
    "escalation/contacts",
];

/// Adds a `hollow` reason per placeholder and empty section, and one for missing headings.
pub(crate) fn judge(judged: &Judged, reasons: &mut Vec<Reason>) {
    let doc = &judged.doc.parsed;
    if judged.doc.kind != DocKind::Runbook || is_index(judged) {
        return;
    }
    for placeholder in &doc.placeholders {
        reasons.push(
            Reason::new(
                Signal::Hollow,
                format!("placeholder \"{}\" left in the text", placeholder.text),
            )
            .at_line(Some(placeholder.line)),
        );
    }
    for section in &doc.empty_sections {
        reasons.push(
            Reason::new(Signal::Hollow, format!("section \"{}\" is empty", section.text)).at_line(Some(section.line)),
        );
    }
    let groups = runbook_groups(doc);
    let present = [groups.alerts, groups.diagnosis, groups.mitigation, groups.escalation];
    let missing: Vec<&str> = GROUPS
        .iter()
        .zip(present)
        .filter(|(_, has)| !has)
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        reasons.push(Reason::new(
            Signal::Hollow,
            format!(
                "no heading for {} ({} of the 4 runbook sections present)",
                join_and(&missing),
                4 - missing.len()
            ),
        ));
    }
}

/// A page that is mainly a list of links (an index of runbooks) is not a runbook to follow.
fn is_index(judged: &Judged) -> bool {
    let doc = &judged.doc.parsed;
    doc.link_list_items >= 3 && doc.link_list_items * 2 >= doc.list_items
}

/// "a", "a and b", "a, b and c".
pub(crate) fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{doc, signal_of};
    use super::*;
    use pretty_assertions::assert_eq;

    /// `line: message`, as the assertions below were written.
    fn reasons_of(kind: DocKind, text: &str) -> Vec<String> {
        signal_of(doc("docs/runbooks/x.md", kind, text, None), judge)
            .into_iter()
            .map(|line| line.trim_start_matches("hollow ").to_string())
            .collect()
    }

    const COMPLETE: &str = "# Payments\n\n## Symptoms\n\nAlert fires.\n\n## Diagnosis\n\nLogs.\n\n## Mitigation\n\nRestart.\n\n## Escalation\n\nPage on-call.\n";

    #[test]
    fn a_complete_runbook_is_not_hollow() {
        assert!(reasons_of(DocKind::Runbook, COMPLETE).is_empty());
    }

    #[test]
    fn placeholders_empty_sections_and_missing_headings() {
        let text = "# Search\n\n## Alerts\n\nTODO\n\n## Diagnosis\n\n## Mitigation\n\nRestart, then [fill in].\n";
        assert_eq!(
            reasons_of(DocKind::Runbook, text),
            vec![
                "Some(5): placeholder \"TODO\" left in the text",
                "Some(11): placeholder \"fill in\" left in the text",
                "Some(7): section \"Diagnosis\" is empty",
                "None: no heading for escalation/contacts (3 of the 4 runbook sections present)",
            ]
        );
        assert_eq!(
            reasons_of(DocKind::Runbook, "# X\n\nRestart it.\n"),
            vec![
                "None: no heading for alerts/symptoms, diagnosis, mitigation/remediation and escalation/contacts (0 of the 4 runbook sections present)"
            ]
        );
    }

    #[test]
    fn only_runbooks_and_not_their_index() {
        assert!(reasons_of(DocKind::Onboarding, "# X\n\nTODO\n").is_empty());
        let index = "# Runbooks\n\n- [a](a.md)\n- [b](b.md)\n- [c](c.md)\n";
        assert!(reasons_of(DocKind::Runbook, index).is_empty());
    }
}
