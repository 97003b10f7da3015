//! The regulatory controls table (`checklists/controls.toml`, embedded): DORA, the RTS on ICT
//! third-party policy, PRA SS2/21, EBA/GL/2019/02 and ISO/IEC 27001:2022 clauses that checklist
//! items give *supporting evidence* for (issue 14, DESIGN §10).
//!
//! Checklist items name control ids in `controls = [...]`; loading a checklist resolves every id
//! here (see `checklist`). The table says, per control, how much of its text was verified
//! (`verification`, `caveat`), and why a control no built-in item refers to is unmapped. It
//! supports an auditor and is no legal opinion.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The embedded table.
pub const CONTROLS_TOML: &str = include_str!("../../checklists/controls.toml");

/// How much of a control's text was read when the table was written.
pub const VERIFICATION: [&str; 4] = ["verbatim", "partial", "secondary", "statement"];

/// One control.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// Stable id (`DORA-28.8.transition`).
    pub id: String,
    /// The regulation, guideline or standard.
    pub framework: String,
    /// Article, paragraph or control number.
    pub reference: String,
    /// Short title.
    pub title: String,
    /// What it asks, in one or two sentences.
    pub summary: String,
    /// Where the official text is.
    pub source: String,
    /// `verbatim`, `partial`, `secondary` or `statement` (see the file's header).
    pub verification: String,
    /// What was not verified.
    #[serde(default)]
    pub caveat: Option<String>,
    /// Why no built-in item refers to it.
    #[serde(default)]
    pub unmapped: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    control: Vec<Control>,
}

/// Parses and checks a controls table: unique ids and a known `verification`.
pub fn parse(text: &str) -> Result<Vec<Control>> {
    let file = std::path::Path::new("<built-in controls>");
    let table: Table = crate::load::parse_toml(file, text)?;
    let mut seen = std::collections::BTreeSet::new();
    for control in &table.control {
        if !seen.insert(control.id.as_str()) {
            return Err(Error::Internal(format!(
                "controls table: duplicate id `{}`",
                control.id
            )));
        }
        if !VERIFICATION.contains(&control.verification.as_str()) {
            return Err(Error::Internal(format!(
                "controls table: `{}` has verification `{}` (expected one of {})",
                control.id,
                control.verification,
                VERIFICATION.join(", ")
            )));
        }
    }
    Ok(table.control)
}

/// The embedded table, parsed once.
pub fn table() -> Result<&'static [Control]> {
    static TABLE: OnceLock<std::result::Result<Vec<Control>, String>> = OnceLock::new();
    TABLE
        .get_or_init(|| parse(CONTROLS_TOML).map_err(|e| e.to_string()))
        .as_deref()
        .map_err(|e| Error::Internal(e.clone()))
}

/// A control by id.
pub fn find(id: &str) -> Option<&'static Control> {
    table().ok()?.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::checklist::{BUILTIN, load};

    #[test]
    fn the_table_parses_with_unique_ids() {
        let table = table().unwrap();
        assert_eq!(table.len(), 25);
        assert!(find("DORA-28.8.transition").is_some());
        assert!(find("nope").is_none());
        assert!(parse("[[control]]\nid = \"x\"\n").is_err());
    }

    /// Every built-in item's controls resolve (loading checks it), and every control is used by
    /// at least one built-in item or says why it is unmapped (and then is used by none).
    #[test]
    fn every_control_is_mapped_or_documented_as_unmapped() {
        let mut used = std::collections::BTreeSet::new();
        for (name, _) in BUILTIN {
            let list = load(&[name.to_string()]).unwrap_or_else(|e| panic!("{name}: {e}"));
            for item in &list.items {
                for id in &item.controls {
                    assert!(find(id).is_some(), "{name}: {}: unknown control {id}", item.id);
                    used.insert(id.clone());
                }
            }
        }
        for control in table().unwrap() {
            match &control.unmapped {
                Some(why) => {
                    assert!(!why.is_empty());
                    assert!(
                        !used.contains(&control.id),
                        "{} is used but marked unmapped",
                        control.id
                    );
                }
                None => assert!(used.contains(&control.id), "{} is used by no built-in item", control.id),
            }
        }
    }
}
