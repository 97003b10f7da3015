//! Document facts: which files are documents, what each one contains, and what kind it is.
//!
//! Stage: gather facts (DESIGN §2 "documents", §4 kinds). Reads a repository-relative path and
//! the already-decoded text of one file; produces a [`ParsedDoc`] (title, headings with GitHub
//! anchors, front matter, links, code spans, placeholders, empty sections, comments, inline
//! `Key: value` fields, code blocks, numbered steps, tables) and a [`Classification`] (kind,
//! confidence, the weighed signals, look-alike and per-section kinds, issue 12). The
//! classifier also reads what the root's docs sites say of themselves ([`SiteContext`], built
//! once per root from its configuration files).
//!
//! It never reads files itself (callers hand it text), git or the clock, never judges freshness (issue 5 does, from these
//! facts), and never panics on hostile input: malformed front matter becomes
//! [`ParsedDoc::front_matter_error`] with its line.
//!
//! Lines are always 1-based lines of the whole file, front matter included. Vectors are in
//! document order (by line, then by position in the line).

mod builder;
mod classify;
mod evidence;
mod format;
mod lookalike;
mod markup;
mod model;
mod parse;
mod signals;
mod site;
mod slug;
mod topics;
mod vocabulary;
mod words;

pub use classify::{RunbookGroups, classify, runbook_groups};
pub use format::doc_format;
pub use parse::parse;
pub use site::{RepoDescription, Site, SiteContext};
pub use slug::{Slugger, github_slug};

pub use crate::base::doc_kind::DocKind;
pub use model::{
    Classification, CodeBlock, DocFormat, FrontMatter, Heading, KindPin, Link, Located, Lookalike, LookalikeKind,
    ParsedDoc, SectionKind, Table, WeighedSignal,
};

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn link_split() {
        let link = Link {
            target: "a.md#b".into(),
            line: 1,
            external: false,
            image: false,
        };
        assert_eq!(link.split(), ("a.md", Some("b")));
        let link = Link {
            target: "#b".into(),
            line: 1,
            external: false,
            image: false,
        };
        assert_eq!(link.split(), ("", Some("b")));
    }

    #[test]
    fn pin_serialises_as_its_pattern() {
        let pin = KindPin {
            pattern: "docs/ops/**".to_string(),
            glob: crate::settings::Globs::new(&["docs/ops/**"]).unwrap(),
            kind: DocKind::Operations,
        };
        let json = serde_json::to_string(&pin).unwrap();
        assert_eq!(json, r#"{"glob":"docs/ops/**","kind":"operations"}"#);
    }
}

/// The document parsers and the classifier read untrusted text: arbitrary input in any format
/// must give a result, never a panic (DESIGN §9, parsers fuzzed).
#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    const FORMATS: [(DocFormat, &str); 5] = [
        (DocFormat::Markdown, "docs/runbooks/x.md"),
        (DocFormat::AsciiDoc, "docs/x.adoc"),
        (DocFormat::ReStructuredText, "docs/x.rst"),
        (DocFormat::Html, "wiki/x.html"),
        (DocFormat::PlainText, "docs/x.txt"),
    ];

    proptest! {
        #![proptest_config(ProptestConfig::default())] // 256 cases, or PROPTEST_CASES (scripts/fuzz.sh)

        #[test]
        fn any_text_parses_and_classifies(text in "(?s)[ -~\\n\\t#=*`\\[\\](){}<>|:!-]{0,400}|\\PC{0,200}") {
            for (format, path) in FORMATS {
                let doc = parse(path, format, &text);
                let _ = classify(path, &text, &doc, &[], &SiteContext::default());
                prop_assert!(doc.headings.iter().all(|h| h.line >= 1));
            }
        }
    }
}
