//! Strict TOML loading for every file a user writes: `exitready.toml`, checklists, attestations.
//!
//! serde stops at the first error, but a user fixing a config wants every problem at once, each
//! as `file:line:column: key: message`. So each top-level key is first deserialised on its own
//! (its errors collected, their spans turned into lines), and only a file with no problems is
//! deserialised whole. Target types must give every top-level field a default and use
//! `deny_unknown_fields`, so that one key alone is a valid document.
//!
//! Numbers have ranges serde does not check: [`in_range`] is the one range check of every
//! numeric value a user writes (`[thresholds]`, checklist weights, each rule's parameters
//! through `checks::Rule::validate`), with one wording.

use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, Deserializer};

use crate::error::{Error, Problem, Result};

/// Parses `text` (the contents of `file`) into `T`, reporting every problem it can find.
pub fn parse_toml<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T> {
    let root = DeTable::parse(text).map_err(|e| Error::invalid(problem(file, text, &e, None)))?;
    let mut problems = Vec::new();
    for (key, value) in root.get_ref().iter() {
        let mut alone = DeTable::new();
        alone.insert(key.clone(), value.clone());
        let alone = Spanned::new(root.span(), alone);
        if let Err(e) = T::deserialize(Deserializer::from(alone)) {
            // A missing required field is reported once, by the whole-file pass below.
            if !e.message().starts_with("missing field") {
                problems.push(problem(file, text, &e, Some(key.get_ref())));
            }
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.line, p.column));
        return Err(Error::Invalid { problems });
    }
    T::deserialize(Deserializer::from(root)).map_err(|e| Error::invalid(problem(file, text, &e, None)))
}

/// Reads and parses a TOML file.
pub fn read_toml<T: DeserializeOwned>(file: &Path) -> Result<T> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::invalid(Problem {
            file: file.to_path_buf(),
            line: None,
            column: None,
            key: None,
            message: format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
        })
    })?;
    parse_toml(file, &text)
}

fn problem(file: &Path, text: &str, error: &toml::de::Error, key: Option<&str>) -> Problem {
    let (line, column) = match error.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            (Some(line), Some(column))
        }
        None => (None, None),
    };
    Problem {
        file: file.to_path_buf(),
        line,
        column,
        key: key.map(str::to_string),
        message: error.message().trim().to_string(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// `Ok` when `value` lies in `range`, else `"NAME VALUE is out of range: expected LOW to
/// HIGH"` (NaN and infinities are never in range).
pub fn in_range<T: PartialOrd + std::fmt::Display>(
    name: &str,
    value: T,
    range: std::ops::RangeInclusive<T>,
) -> Result<(), String> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "{name} {} is out of range: expected {} to {}",
            shown(&value),
            range.start(),
            range.end()
        ))
    }
}

/// A number as a person wrote it: `1e308`, not its 309 digits.
fn shown(value: &impl std::fmt::Display) -> String {
    let text = value.to_string();
    match text.parse::<f64>() {
        Ok(number) if text.len() > 15 => format!("{number:e}"),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, Default)]
    #[serde(default, deny_unknown_fields)]
    struct Sample {
        name: String,
        section: Section,
        other: Section,
    }

    #[derive(Debug, serde::Deserialize, Default)]
    #[serde(default, deny_unknown_fields)]
    struct Section {
        limit: u32,
    }

    #[test]
    fn every_section_problem_is_reported_with_its_line() {
        let text = "name = \"x\"\n[section]\nlimit = \"ten\"\n[other]\nlimt = 3\n";
        let Err(Error::Invalid { problems }) = parse_toml::<Sample>(Path::new("c.toml"), text) else {
            panic!("expected problems");
        };
        let lines: Vec<_> = problems.iter().map(|p| (p.line, p.key.clone())).collect();
        assert_eq!(
            lines,
            vec![
                (Some(3), Some("section".to_string())),
                (Some(5), Some("other".to_string()))
            ]
        );
        assert!(problems[1].message.contains("unknown field `limt`"));
        assert!(problems[1].to_string().starts_with("c.toml:5:1: other: unknown field"));
    }

    #[test]
    fn syntax_error_names_line() {
        let Err(Error::Invalid { problems }) = parse_toml::<Sample>(Path::new("c.toml"), "a = \n") else {
            panic!("expected problems");
        };
        assert_eq!(problems[0].line, Some(1));
    }

    #[test]
    fn ranges_name_the_parameter_and_refuse_nan_and_infinity() {
        assert_eq!(in_range("max_percent", 20.0, 0.0..=100.0), Ok(()));
        assert_eq!(
            in_range("max_percent", 200.0, 0.0..=100.0).unwrap_err(),
            "max_percent 200 is out of range: expected 0 to 100"
        );
        assert!(in_range("target", f64::NAN, 0.0..=1.0).is_err());
        assert_eq!(
            in_range("weight", 1e308, 0.0..=1000.0).unwrap_err(),
            "weight 1e308 is out of range: expected 0 to 1000"
        );
        assert_eq!(
            in_range("weight", f64::INFINITY, 0.0..=1000.0).unwrap_err(),
            "weight inf is out of range: expected 0 to 1000"
        );
    }

    #[test]
    fn valid_file_parses() {
        let s: Sample = parse_toml(Path::new("c.toml"), "name = \"x\"\n[other]\nlimit = 2\n").unwrap();
        assert_eq!((s.name.as_str(), s.other.limit, s.section.limit), ("x", 2, 0));
    }
}

/// Config, checklist and attestation files are user input: any text must give a value or
/// located problems, never a panic (DESIGN §9, parsers fuzzed).
#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::default())] // 256 cases, or PROPTEST_CASES (scripts/fuzz.sh)

        #[test]
        fn any_text_is_a_config_or_located_problems(text in "(?s)[ -~\\n\\t\\[\\]=\"'{}é]{0,300}") {
            match parse_toml::<crate::settings::Config>(Path::new("exitready.toml"), &text) {
                Ok(_) => {}
                Err(Error::Invalid { problems }) => prop_assert!(!problems.is_empty()),
                Err(other) => prop_assert!(false, "unexpected error kind: {other}"),
            }
        }
    }
}
