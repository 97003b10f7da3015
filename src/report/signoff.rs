//! Renders a sign-off for the terminal (Markdown and HTML come from the `signoff.*.hbs`
//! templates). Names and titles are made terminal-safe on one line (`base::text::one_line`).

use std::fmt::Write;

use super::model::SignOff;
use crate::base::text::one_line as clean;

/// Plain-text rendering for the terminal.
pub fn text(signoff: &SignOff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sign-off of {} (sha256 {}): {}",
        clean(&signoff.report),
        signoff.report_sha256,
        if signoff.signed_off {
            "signed off".to_string()
        } else {
            format!(
                "NOT signed off: {} failing check(s) nobody accepted, {} item(s) not attested",
                signoff.failing.len(),
                signoff.unattested.len()
            )
        }
    );
    for item in &signoff.items {
        let by = match (&item.attested_by, &item.attested_on) {
            (Some(by), Some(on)) => format!(" — {} on {on}", clean(by)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {:<13} {} ({}){by}",
            item.state,
            clean(&item.id),
            clean(&item.title)
        );
    }
    out
}
