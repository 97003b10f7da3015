//! Glob sets: the one place exitready compiles globs. Config `exclude`, `[[services]] paths`,
//! `[kinds]` pins, waiver paths, `[gate]` and checklist globs are compiled once, when the config
//! or checklist is resolved; the built-in vendored/generated patterns and the globs of services
//! found in a repository once per scan. Nothing compiles a glob per finding.
//!
//! Semantics are globset's defaults (`*` also crosses `/`), as users' `.gitignore`-trained eyes
//! read `docs/**` and `*.md`.

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Deserializer};

/// A compiled set of glob patterns, remembering the patterns as written.
#[derive(Clone, Default)]
pub struct Globs {
    patterns: Vec<String>,
    set: GlobSet,
}

/// A pattern that does not compile: its index in the list and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadGlob {
    /// Index of the pattern in the list given.
    pub index: usize,
    /// The pattern.
    pub pattern: String,
    /// globset's message.
    pub message: String,
}

impl std::fmt::Display for BadGlob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad glob `{}`: {}", self.pattern, self.message)
    }
}

impl Globs {
    /// Compiles every pattern, or names the first that does not compile.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<Globs, BadGlob> {
        let mut builder = GlobSetBuilder::new();
        for (index, pattern) in patterns.iter().enumerate() {
            let glob = Glob::new(pattern.as_ref()).map_err(|e| BadGlob {
                index,
                pattern: pattern.as_ref().to_string(),
                message: e.kind().to_string(),
            })?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|e| BadGlob {
            index: 0,
            pattern: patterns.first().map_or_else(String::new, |p| p.as_ref().to_string()),
            message: e.to_string(),
        })?;
        Ok(Globs {
            patterns: patterns.iter().map(|p| p.as_ref().to_string()).collect(),
            set,
        })
    }

    /// Compiles the patterns that compile and leaves the others out: for patterns read from a
    /// repository (`.gitattributes`), whose mistakes are the repository's, not the user's.
    pub fn lenient<S: AsRef<str>>(patterns: &[S]) -> Globs {
        let valid: Vec<&str> = patterns
            .iter()
            .map(AsRef::as_ref)
            .filter(|p| Glob::new(p).is_ok())
            .collect();
        Globs::new(&valid).unwrap_or_default()
    }

    /// Whether any pattern matches a repository-relative path.
    pub fn is_match(&self, path: &str) -> bool {
        self.set.is_match(path)
    }

    /// Whether there is no pattern at all.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

impl std::fmt::Debug for Globs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Globs").field(&self.patterns).finish()
    }
}

impl PartialEq for Globs {
    fn eq(&self, other: &Globs) -> bool {
        self.patterns == other.patterns
    }
}

/// Checklist parameters and config values deserialise straight into compiled globs, so a bad
/// pattern is an error of the file that holds it, at load time.
impl<'de> Deserialize<'de> for Globs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Globs, D::Error> {
        let patterns = Vec::<String>::deserialize(deserializer)?;
        Globs::new(&patterns).map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for Globs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.patterns.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_matches_and_names_the_bad_pattern() {
        let globs = Globs::new(&["docs/**", "*.md"]).unwrap();
        assert!(globs.is_match("docs/a/b.txt") && globs.is_match("x/y.md") && !globs.is_match("src/a.rs"));
        let bad = Globs::new(&["ok/**", "x["]).unwrap_err();
        assert_eq!((bad.index, bad.pattern.as_str()), (1, "x["));
        assert!(bad.to_string().starts_with("bad glob `x[`: "));
        assert_eq!(Globs::lenient(&["x[", "*.rs"]).patterns(), ["*.rs"]);
        assert!(Globs::default().is_empty() && !Globs::default().is_match("a"));
    }

    #[test]
    fn deserialises_from_a_list_and_refuses_a_bad_glob() {
        let globs: Globs = serde_json::from_str(r#"["a/**"]"#).unwrap();
        assert!(globs.is_match("a/b"));
        let error = serde_json::from_str::<Globs>(r#"["a["]"#).unwrap_err().to_string();
        assert!(error.starts_with("bad glob `a[`"), "{error}");
    }
}
