//! Checklists as data: TOML files naming, for each item, its rule kind, thresholds and the
//! human text (title, why it matters, remediation), written once.
//!
//! The built-ins in `checklists/` are embedded in the binary. `--checklist NAME|FILE` replaces
//! the default; repeated, the lists are combined in order (a later item with the same id
//! replaces the earlier one, so a file named like a built-in overrides it). Loading validates
//! everything (ids, categories, rule kinds, parameters) and reports every problem with its line.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::build_rule;
use super::rule::Rule;
use crate::error::{Error, Problem, Result};

/// The five score categories, in report order.
pub const CATEGORIES: [&str; 5] = ["documentation", "freshness", "ownership", "knowledge", "exit"];

/// The largest weight an item may have (weights are relative within a category: 0 to 1,000
/// leaves room for any ratio a person means, and no sum of them overflows).
pub const MAX_WEIGHT: f64 = 1000.0;

/// The checklist used when none is named.
pub const DEFAULT_CHECKLIST: &str = "exit-readiness";

/// The built-in checklists: name and TOML text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("exit-readiness", include_str!("../../checklists/exit-readiness.toml")),
    ("handoff", include_str!("../../checklists/handoff.toml")),
    ("ci-runbooks", include_str!("../../checklists/ci-runbooks.toml")),
];

/// One checklist item, validated and ready to evaluate.
#[derive(Debug)]
pub struct Item {
    /// `category.rule`, as written in the checklist.
    pub id: String,
    /// Short title.
    pub title: String,
    /// The category (the part of the id before the dot).
    pub category: String,
    /// Why it matters.
    pub why: String,
    /// What to do when it is not met.
    pub remediation: String,
    /// Weight within its category.
    pub weight: f64,
    /// A required item gets no partial credit.
    pub required: bool,
    /// The rule kind's name.
    pub rule_kind: String,
    /// The checklist it came from.
    pub checklist: String,
    /// The built rule.
    pub rule: Box<dyn Rule>,
    /// Ids of the regulatory controls it gives supporting evidence for (`checks::controls`).
    pub controls: Vec<String>,
}

/// A loaded checklist (or several combined).
#[derive(Debug, Default)]
pub struct Checklist {
    /// The names of the checklists combined, in order.
    pub names: Vec<String>,
    /// The items, in checklist order.
    pub items: Vec<Item>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawChecklist {
    name: String,
    description: String,
    item: Vec<RawItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    title: String,
    why: String,
    remediation: String,
    #[serde(default = "one")]
    weight: f64,
    #[serde(default)]
    required: bool,
    rule: Spanned<String>,
    #[serde(default)]
    params: Option<Spanned<toml::Table>>,
    #[serde(default)]
    controls: Vec<Spanned<String>>,
}

fn one() -> f64 {
    1.0
}

/// Loads the checklists named on the command line (the default when none).
pub fn load(selection: &[String]) -> Result<Checklist> {
    let default = [DEFAULT_CHECKLIST.to_string()];
    let selection = if selection.is_empty() { &default[..] } else { selection };
    let mut combined = Checklist::default();
    let mut problems = Vec::new();
    for entry in selection {
        let (file, text) = source(entry)?;
        match parse(&file, &text) {
            Ok(list) => {
                combined.names.push(list.names[0].clone());
                for item in list.items {
                    combined.items.retain(|i| i.id != item.id);
                    combined.items.push(item);
                }
            }
            Err(Error::Invalid { problems: more }) => problems.extend(more),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(combined)
    } else {
        Err(Error::Invalid { problems })
    }
}

/// The text of a built-in by name, or of a file by path.
fn source(entry: &str) -> Result<(PathBuf, String)> {
    if let Some((name, text)) = BUILTIN.iter().find(|(name, _)| *name == entry) {
        return Ok((PathBuf::from(format!("<built-in {name}>")), text.to_string()));
    }
    let path = Path::new(entry);
    if !path.exists() {
        let names: Vec<_> = BUILTIN.iter().map(|(n, _)| *n).collect();
        return Err(Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "no such checklist file, and not a built-in checklist ({})",
                names.join(", ")
            ),
        });
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok((path.to_path_buf(), text))
}

/// Parses and validates one checklist file.
pub fn parse(file: &Path, text: &str) -> Result<Checklist> {
    let raw: RawChecklist = crate::load::parse_toml(file, text)?;
    let name = if raw.name.is_empty() {
        file.file_stem()
            .map_or_else(|| "checklist".to_string(), |s| s.to_string_lossy().into_owned())
    } else {
        raw.name
    };
    let _ = raw.description;
    let mut problems = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for raw_item in raw.item {
        let at = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = crate::load::line_column(text, span.start);
            Problem {
                file: file.to_path_buf(),
                line: Some(line),
                column: Some(column),
                key: Some(raw_item.id.get_ref().clone()),
                message,
            }
        };
        let id = raw_item.id.get_ref().clone();
        let category = id.split_once('.').map(|(c, _)| c.to_string()).unwrap_or_default();
        if !CATEGORIES.contains(&category.as_str()) {
            problems.push(at(
                raw_item.id.span(),
                format!(
                    "id must be `category.rule` with a category among {}",
                    CATEGORIES.join(", ")
                ),
            ));
        }
        if items.iter().any(|i| i.id == id) {
            problems.push(at(raw_item.id.span(), "duplicate item id".to_string()));
        }
        if let Err(message) = super::in_range("weight", raw_item.weight, 0.0..=MAX_WEIGHT) {
            problems.push(at(raw_item.id.span(), message));
        }
        for control in &raw_item.controls {
            if super::controls::find(control.get_ref()).is_none() {
                problems.push(at(
                    control.span(),
                    format!(
                        "unknown control `{}` (the ids are in checklists/controls.toml; `exitready checklists NAME --controls` lists the mapping)",
                        control.get_ref()
                    ),
                ));
            }
        }
        let controls: Vec<String> = raw_item.controls.iter().map(|c| c.get_ref().clone()).collect();
        let params_span = raw_item.params.as_ref().map_or(raw_item.rule.span(), |p| p.span());
        match build_rule(
            raw_item.rule.get_ref(),
            raw_item.params.map(Spanned::into_inner).unwrap_or_default(),
        ) {
            Ok(rule) => items.push(Item {
                id,
                title: raw_item.title,
                category,
                why: raw_item.why,
                remediation: raw_item.remediation,
                weight: raw_item.weight,
                required: raw_item.required,
                rule_kind: raw_item.rule.get_ref().clone(),
                checklist: name.clone(),
                rule,
                controls,
            }),
            Err(message) => {
                let span = if message.starts_with("unknown rule kind") {
                    raw_item.rule.span()
                } else {
                    params_span
                };
                problems.push(at(span, message));
            }
        }
    }
    if problems.is_empty() {
        Ok(Checklist {
            names: vec![name],
            items,
        })
    } else {
        Err(Error::Invalid { problems })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::RULE_KINDS;

    #[test]
    fn builtins_load_and_every_rule_kind_is_used() {
        let mut used = std::collections::BTreeSet::new();
        for (name, _) in BUILTIN {
            let list = load(&[name.to_string()]).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!list.items.is_empty());
            used.extend(list.items.iter().map(|i| i.rule_kind.clone()));
        }
        for kind in RULE_KINDS {
            assert!(
                used.contains(kind.name),
                "rule kind {} is used by no built-in checklist",
                kind.name
            );
            assert!(!kind.doc.is_empty());
        }
    }

    #[test]
    fn every_item_problem_is_reported_with_its_line() {
        let text = r#"name = "mine"
[[item]]
id = "documentation.x"
title = "t"
why = "w"
remediation = "r"
rule = "no_such_rule"

[[item]]
id = "nonsense"
title = "t"
why = "w"
remediation = "r"
rule = "docs_present"
params = { kind = "runbook", mni = 2 }
"#;
        let Err(Error::Invalid { problems }) = parse(Path::new("mine.toml"), text) else {
            panic!("expected problems")
        };
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![Some(7), Some(10), Some(15)]);
        assert!(problems[0].message.starts_with("unknown rule kind `no_such_rule`"));
        assert!(problems[2].message.contains("unknown field `mni`"));
    }

    #[test]
    fn unknown_controls_are_reported_with_their_line() {
        let text = "[[item]]\nid = \"exit.x\"\ntitle = \"t\"\nwhy = \"w\"\nremediation = \"r\"\nrule = \"attestation\"\ncontrols = [\"DORA-28.8\",\n  \"DORA-99\"]\n";
        let Err(Error::Invalid { problems }) = parse(Path::new("mine.toml"), text) else {
            panic!("expected problems")
        };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(8));
        assert!(
            problems[0].message.starts_with("unknown control `DORA-99`"),
            "{}",
            problems[0].message
        );
        let list = parse(Path::new("mine.toml"), &text.replace(",\n  \"DORA-99\"", "")).unwrap();
        assert_eq!(list.items[0].controls, vec!["DORA-28.8"]);
    }

    #[test]
    fn missing_checklist_names_the_builtins() {
        let err = load(&["nope".to_string()]).unwrap_err().to_string();
        assert!(err.contains("not a built-in checklist (exit-readiness"), "{err}");
    }
}
