//! Rule kind `named_roles`: the roles that must stay in-house after the exit (the built-in
//! checklist names engineering, delivery and security) each have a named person.
//!
//! Reads `named_roles` (lines such as `Security owner: Jane Doe` in any document, or
//! `[accountability]` in the config). A role is named when a label contains the role word.
//! Score: the share of roles named. Evidence names the person and the line, or the missing role.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;

/// Parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedRoles {
    /// The role words looked for in labels.
    pub roles: Vec<String>,
}

impl Rule for NamedRoles {
    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let mut evidence = Vec::new();
        let mut named = 0;
        for role in &self.roles {
            let role = role.to_lowercase();
            let found = facts
                .named_roles
                .iter()
                .find(|n| n.label.split_whitespace().any(|w| w == role));
            match found {
                Some(n) => {
                    named += 1;
                    evidence.push(
                        Evidence::supporting(Some(&n.path), format!("{role}: {} ({})", n.who, n.label)).at_line(n.line),
                    );
                }
                None => evidence.push(Evidence::against(
                    None,
                    format!("no named {role} owner in any document or [accountability]"),
                )),
            }
        }
        let total = self.roles.len();
        Outcome::partial(
            named,
            total,
            format!("{named} of {total} accountable role(s) have a named person"),
            evidence,
        )
    }
}
