//! `exitready checklists`: lists the built-in checklists and rule kinds, or prints one checklist.

use std::fmt::Write;

use crate::checks::RULE_KINDS;
use crate::checks::checklist::{BUILTIN, DEFAULT_CHECKLIST, load};
use crate::checks::controls;
use crate::cli::ChecklistsArgs;
use crate::error::{Error, Result};

use super::common::Outcome;

/// Runs the command.
pub fn run(args: ChecklistsArgs) -> Result<Outcome> {
    if args.controls {
        print!(
            "{}",
            controls_mapping(args.name.as_deref().unwrap_or(DEFAULT_CHECKLIST))?
        );
        return Ok(Outcome::Done);
    }
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

/// The regulatory mapping of a checklist (a built-in name or a file): per item, the controls it
/// gives supporting evidence for; then the controls no item of it refers to.
pub fn controls_mapping(name: &str) -> Result<String> {
    use std::fmt::Write;
    let list = load(&[name.to_string()])?;
    let table = controls::table()?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: the regulatory controls each item gives supporting evidence for.\nThis supports an auditor; it is no legal opinion and no compliance verdict (README, \"Regulatory controls\").\n",
        list.names.join(", ")
    );
    let mut used = std::collections::BTreeSet::new();
    for item in &list.items {
        let _ = writeln!(out, "{}  {}", item.id, item.title);
        if item.controls.is_empty() {
            let _ = writeln!(out, "    (no control)");
        }
        for id in &item.controls {
            used.insert(id.as_str());
            if let Some(control) = controls::find(id) {
                let unverified = if control.verification == "verbatim" {
                    String::new()
                } else {
                    format!(" [{}]", control.verification)
                };
                let _ = writeln!(
                    out,
                    "    {:<24} {} {}: {}{unverified}",
                    control.id,
                    short_framework(control),
                    control.reference,
                    control.title
                );
            }
        }
    }
    let unused: Vec<&controls::Control> = table.iter().filter(|c| !used.contains(c.id.as_str())).collect();
    if !unused.is_empty() {
        let _ = writeln!(out, "\nControls no item of this checklist refers to:");
        for control in unused {
            let why = control
                .unmapped
                .as_deref()
                .unwrap_or("mapped by another built-in checklist");
            let _ = writeln!(out, "    {:<24} {}", control.id, why);
        }
    }
    let _ = writeln!(
        out,
        "\n[partial], [secondary], [statement]: the clause text was not fully verified (checklists/controls.toml says what was read)."
    );
    Ok(out)
}

/// A control's framework, short (`DORA`, `RTS 2024/1773`, `PRA SS2/21`, …), from its id.
fn short_framework(control: &controls::Control) -> &'static str {
    let prefixes = [
        ("DORA-", "DORA"),
        ("RTS-2024-1773-", "RTS (EU) 2024/1773"),
        ("PRA-SS2-21-", "PRA SS2/21"),
        ("EBA-GL-2019-02-", "EBA/GL/2019/02"),
        ("ISO27001-", "ISO/IEC 27001:2022"),
    ];
    prefixes
        .iter()
        .find(|(p, _)| control.id.starts_with(p))
        .map_or("", |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mapping_lists_items_controls_and_unmapped_ones() {
        let text = controls_mapping("exit-readiness").unwrap();
        assert!(text.contains("exit.credentials_listed  Every secret CI and deployment use is in the access inventory\n    ISO27001-A.5.17          ISO/IEC 27001:2022 A.5.17: Authentication information [statement]\n"), "{text}");
        assert!(text.contains("    DORA-28.8.transition     DORA Art. 28(8), fourth subparagraph: Alternative solutions and transition plans"));
        assert!(text.contains("freshness.adr_status  Decision records state their status\n    (no control)\n"));
        assert!(text.contains("    ISO27001-A.5.20          Supplier agreements are contracts"));
        assert!(text.contains("    ISO27001-A.5.22          mapped by another built-in checklist"));
    }
}
