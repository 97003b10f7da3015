//! `exitready checklists`: lists the built-in checklists and rule kinds, or prints one checklist.

use std::fmt::Write;

use crate::checks::RULE_KINDS;
use crate::checks::checklist::{BUILTIN, DEFAULT_CHECKLIST, load};
use crate::cli::ChecklistsArgs;
use crate::error::{Error, Result};

use super::common::Outcome;

/// Runs the command.
pub fn run(args: ChecklistsArgs) -> Result<Outcome> {
    match args.name {
        Some(name) => {
            let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
                let names: Vec<_> = BUILTIN.iter().map(|(n, _)| *n).collect();
                Error::Usage(format!(
                    "no built-in checklist `{name}` (built-ins: {})",
                    names.join(", ")
                ))
            })?;
            super::output::stdout(text)?;
        }
        None => {
            let mut out = String::from("Built-in checklists (print one with `exitready checklists NAME`):\n");
            for (name, _) in BUILTIN {
                let list = load(&[name.to_string()])?;
                let default = if *name == DEFAULT_CHECKLIST { " (default)" } else { "" };
                let _ = writeln!(out, "  {name}{default}: {} items", list.items.len());
                for item in &list.items {
                    let _ = writeln!(out, "    {:<36} {} [{}]", item.id, item.title, item.rule_kind);
                }
            }
            out.push_str("\nRule kinds:\n");
            for kind in RULE_KINDS {
                let _ = writeln!(out, "  {:<24} {}", kind.name, kind.doc);
            }
            super::output::stdout(&out)?;
        }
    }
    Ok(Outcome::Done)
}
