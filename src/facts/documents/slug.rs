//! GitHub heading anchors, so that `#anchor` links can be checked against headings (issue 5).
//!
//! Follows github-slugger (what github.com uses): lowercase; keep letters, numbers, `-`, `_`
//! and spaces; drop everything else (punctuation, emoji, control characters); each space
//! becomes `-` (runs are not collapsed). Repeated slugs get `-1`, `-2`, … exactly as
//! github-slugger numbers them. Pure string work; no I/O.

use std::collections::HashMap;

/// The GitHub anchor of one heading text, without de-duplication.
pub fn github_slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            // Letters and numbers of every script stay; Unicode combining marks are mostly
            // "Other_Alphabetic" and stay too, which is what the slugger's \p{M} keeps.
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Hands out de-duplicated anchors for the headings of one document, in order.
#[derive(Debug, Clone, Default)]
pub struct Slugger {
    /// How many times each base slug was handed out, as github-slugger counts.
    occurrences: HashMap<String, u32>,
}

impl Slugger {
    /// A slugger for a new document.
    pub fn new() -> Self {
        Slugger::default()
    }

    /// The anchor for the next heading with this text.
    pub fn slug(&mut self, text: &str) -> String {
        self.unique(github_slug(text))
    }

    /// De-duplicates an already-computed anchor (an HTML `id`, or a slug).
    pub fn unique(&mut self, base: String) -> String {
        let mut result = base.clone();
        // Same loop as github-slugger: "a", "a", "a-1" gives "a", "a-1", "a-1-1".
        while self.occurrences.contains_key(&result) {
            let n = self.occurrences.entry(base.clone()).or_insert(0);
            *n += 1;
            result = format!("{base}-{n}");
        }
        self.occurrences.insert(result.clone(), 0);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn github_slug_table() {
        let cases = [
            ("Symptoms", "symptoms"),
            ("How to roll back?", "how-to-roll-back"),
            ("Step 1: Check `kubectl get pods`", "step-1-check-kubectl-get-pods"),
            ("C++ & Rust", "c--rust"),
            ("  Leading and trailing  ", "leading-and-trailing"),
            ("snake_case-and-kebab", "snake_case-and-kebab"),
            ("Émigré Café", "émigré-café"),
            ("日本語の見出し", "日本語の見出し"),
            ("🚀 Deploy 🚀", "-deploy-"),
            ("Q&A / FAQ", "qa--faq"),
            ("v1.2.3 release", "v123-release"),
            ("", ""),
        ];
        for (text, want) in cases {
            assert_eq!(github_slug(text), want, "{text:?}");
        }
    }

    #[test]
    fn duplicates_numbered_like_github() {
        let mut s = Slugger::new();
        let got: Vec<String> = ["Steps", "Steps", "Steps-1", "Steps", "Other"]
            .iter()
            .map(|t| s.slug(t))
            .collect();
        assert_eq!(got, ["steps", "steps-1", "steps-1-1", "steps-2", "other"]);
    }
}
