//! Rule kind `open_tickets`: no open ticket is left with the vendor or with nobody.
//!
//! Reads `tickets` (from `scan --tickets FILE` exports: open tickets assigned to vendor people
//! or to nobody, their age, and the in-flight branches that name their keys). One finding per
//! such ticket, at its line in the export. Pass when at most `max_tickets` (default 0) remain;
//! else the share of open tickets that have an in-house assignee (fail when none has). Skip
//! without `--tickets` or without a configured vendor.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use super::vendor_exit::NO_ORGANISATIONS;
use crate::facts::RepoFacts;

/// Parameters.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenTickets {
    /// Vendor or unassigned open tickets that still pass.
    #[serde(default)]
    pub max_tickets: usize,
}

impl Rule for OpenTickets {
    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let Some(tickets) = &facts.tickets else {
            return Outcome::skip("no ticket export given (scan --tickets FILE)");
        };
        if !facts.exit.as_ref().is_some_and(|e| e.vendor_configured) {
            return Outcome::skip(NO_ORGANISATIONS);
        }
        let evidence: Vec<Evidence> = tickets
            .items
            .iter()
            .map(|t| {
                let who = if t.assigned_to == "nobody" {
                    "assigned to nobody".to_string()
                } else {
                    format!("assigned to the vendor ({})", t.assignees.join(", "))
                };
                let age = t.age_days.map_or(String::new(), |d| format!(", open {d} days"));
                let work: Vec<String> = t
                    .in_flight
                    .iter()
                    .map(|w| match &w.commit {
                        Some(c) => format!("{} (commit {})", w.branch, &c[..c.len().min(12)]),
                        None => w.branch.clone(),
                    })
                    .collect();
                let work = if work.is_empty() {
                    String::new()
                } else {
                    format!("; in flight on {}", work.join(", "))
                };
                Evidence::against(Some(&t.export), format!("{} \"{}\" {who}{age}{work}", t.key, t.title))
                    .at_line(Some(t.line))
            })
            .collect();
        let flagged = tickets.items.len();
        let open = tickets.open_tickets;
        let reason = format!("{flagged} of {open} open ticket(s) are assigned to the vendor or to nobody");
        if flagged <= self.max_tickets {
            Outcome::pass(reason, evidence)
        } else {
            Outcome::partial(open - flagged, open, reason, evidence)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::checks::exit_facts::testkit::facts;
    use crate::checks::testkit::context;
    use crate::facts::exit::ExitInventory;
    use crate::facts::tickets::{LinkedWork, OpenTicket, TicketFacts};

    fn ticket(key: &str, line: usize, assigned_to: &str) -> OpenTicket {
        OpenTicket {
            key: key.into(),
            title: "Fix retry".into(),
            export: "jira.csv".into(),
            line,
            url: None,
            assigned_to: assigned_to.into(),
            assignees: if assigned_to == "vendor" {
                vec!["alice@acme.com".into()]
            } else {
                vec![]
            },
            created: None,
            age_days: Some(10),
            in_flight: if key == "PAY-123" {
                vec![LinkedWork {
                    branch: "PAY-123-fix-retry".into(),
                    commit: None,
                }]
            } else {
                vec![]
            },
        }
    }

    #[test]
    fn vendor_and_unassigned_tickets_count_against() {
        let mut f = facts(ExitInventory::default());
        assert_eq!(OpenTickets::default().evaluate(&f, &context()).status, Status::Skip);
        f.tickets = Some(TicketFacts {
            exports: vec!["jira.csv".into()],
            open_tickets: 4,
            items: vec![ticket("PAY-123", 2, "vendor"), ticket("PAY-124", 4, "nobody")],
        });
        let outcome = OpenTickets::default().evaluate(&f, &context());
        assert_eq!((outcome.status, outcome.score), (Status::Warn, 0.5));
        let items: Vec<(Option<&str>, Option<usize>, &str)> = outcome
            .evidence
            .iter()
            .map(|e| (e.path.as_deref(), e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            items,
            vec![
                (
                    Some("jira.csv"),
                    Some(2),
                    "PAY-123 \"Fix retry\" assigned to the vendor (alice@acme.com), open 10 days; in flight on PAY-123-fix-retry"
                ),
                (
                    Some("jira.csv"),
                    Some(4),
                    "PAY-124 \"Fix retry\" assigned to nobody, open 10 days"
                ),
            ]
        );
        assert_eq!(
            OpenTickets { max_tickets: 2 }.evaluate(&f, &context()).status,
            Status::Pass
        );
        f.exit = None;
        assert_eq!(OpenTickets::default().evaluate(&f, &context()).reason, NO_ORGANISATIONS);
    }
}
