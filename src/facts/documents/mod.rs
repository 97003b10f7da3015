//! Document facts: which files are documents, what each one contains, and what kind it is.
//!
//! Stage: gather facts (DESIGN §2 "documents", §4 kinds). Reads a repository-relative path and
//! the already-decoded text of one file; produces a [`ParsedDoc`] (title, headings with GitHub
//! anchors, front matter, links, code spans, placeholders, empty sections, comments, inline
//! `Key: value` fields) and a [`Classification`] (kind plus the rule that fired).
//!
//! It never reads files, git or the clock, never judges freshness (issue 5 does, from these
//! facts), and never panics on hostile input: malformed front matter becomes
//! [`ParsedDoc::front_matter_error`] with its line.
//!
//! Lines are always 1-based lines of the whole file, front matter included. Vectors are in
//! document order (by line, then by position in the line).

mod classify;
mod format;
mod markup;
mod parse;
mod slug;

use std::fmt;
use std::str::FromStr;

pub use classify::{RunbookGroups, classify, runbook_groups};
pub use format::doc_format;
pub use parse::parse;
pub use slug::{Slugger, github_slug};

/// The markup a document is written in, decided from its path alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocFormat {
    /// CommonMark/GFM, including `.mdx` and Middleman's `.html.md.erb`.
    Markdown,
    /// AsciiDoc (`.adoc`, `.asciidoc`).
    AsciiDoc,
    /// reStructuredText (`.rst`).
    ReStructuredText,
    /// HTML, typically an exported wiki page.
    Html,
    /// Plain text (`.txt` under a docs folder, README/INSTALL-like names).
    PlainText,
}

/// What a document is for (DESIGN §4); the closed list that checklists ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Operational procedure for an alert or failure.
    Runbook,
    /// Architecture decision record.
    Adr,
    /// Design doc, RFC or proposal.
    Design,
    /// Architecture overview.
    Architecture,
    /// README, CONTRIBUTING, getting started, setup and install guides.
    Onboarding,
    /// Deployment, environments, disaster recovery, backups.
    Operations,
    /// Security policy, incident response.
    Security,
    /// Access and credentials inventory, secret rotation.
    Access,
    /// Handoff / knowledge-transfer / offboarding plan.
    Handoff,
    /// API reference.
    Api,
    /// Postmortem or incident report.
    Postmortem,
    /// Changelog, release notes, history.
    Changelog,
    /// Licence text.
    License,
    /// Anything else.
    Other,
}

impl DocKind {
    /// Every kind, in declaration order (for listings and round-trip tests).
    pub const ALL: [DocKind; 14] = [
        DocKind::Runbook,
        DocKind::Adr,
        DocKind::Design,
        DocKind::Architecture,
        DocKind::Onboarding,
        DocKind::Operations,
        DocKind::Security,
        DocKind::Access,
        DocKind::Handoff,
        DocKind::Api,
        DocKind::Postmortem,
        DocKind::Changelog,
        DocKind::License,
        DocKind::Other,
    ];

    /// The snake_case name used in JSON, config pins and front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Runbook => "runbook",
            DocKind::Adr => "adr",
            DocKind::Design => "design",
            DocKind::Architecture => "architecture",
            DocKind::Onboarding => "onboarding",
            DocKind::Operations => "operations",
            DocKind::Security => "security",
            DocKind::Access => "access",
            DocKind::Handoff => "handoff",
            DocKind::Api => "api",
            DocKind::Postmortem => "postmortem",
            DocKind::Changelog => "changelog",
            DocKind::License => "license",
            DocKind::Other => "other",
        }
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind name that is not one of [`DocKind::ALL`] nor a known alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = DocKind::ALL.iter().map(|k| k.as_str()).collect();
        write!(
            f,
            "unknown document kind `{}` (expected one of: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for DocKind {
    type Err = UnknownKind;

    /// Case-insensitive; `-`, `_` and spaces are equivalent; a few common aliases are accepted
    /// because front matter in the wild says `post-mortem`, `decision` or `rfc`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm: String = s
            .trim()
            .chars()
            .map(|c| {
                if c == '-' || c == ' ' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        let kind = match norm.as_str() {
            "runbook" | "playbook" => DocKind::Runbook,
            "adr" | "decision" | "decision_record" | "architecture_decision_record" => DocKind::Adr,
            "design" | "design_doc" | "rfc" | "proposal" => DocKind::Design,
            "architecture" => DocKind::Architecture,
            "onboarding" | "getting_started" => DocKind::Onboarding,
            "operations" | "ops" => DocKind::Operations,
            "security" | "incident_response" => DocKind::Security,
            "access" | "credentials" => DocKind::Access,
            "handoff" | "handover" | "knowledge_transfer" => DocKind::Handoff,
            "api" => DocKind::Api,
            "postmortem" | "post_mortem" | "incident_report" => DocKind::Postmortem,
            "changelog" | "release_notes" => DocKind::Changelog,
            "license" | "licence" => DocKind::License,
            "other" => DocKind::Other,
            _ => return Err(UnknownKind(s.trim().to_string())),
        };
        Ok(kind)
    }
}

/// One heading, in document order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6 (AsciiDoc `=` is 1, `==` is 2; reST levels follow the order styles first appear).
    pub level: u8,
    /// The heading's rendered text (markup and tags removed), trimmed.
    pub text: String,
    /// 1-based line of the heading's first line.
    pub line: u32,
    /// GitHub-style anchor (see [`github_slug`]); duplicates get `-1`, `-2`; an HTML `id`
    /// attribute wins when present.
    pub anchor: String,
    /// The first line of prose of the section (before any sub-heading), trimmed, at most 200
    /// characters: where a Nygard ADR keeps its status ("## Status\n\nAccepted").
    pub first_text: Option<String>,
}

/// A link or image target, as written (not resolved, not percent-decoded).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Link {
    /// The target, e.g. `../deploy.md#rollback`, `#symptoms`, `https://x`.
    pub target: String,
    /// 1-based line where the link starts.
    pub line: u32,
    /// True for a URL scheme (`https:`, `mailto:`, …), a protocol-relative `//host`, or an email.
    pub external: bool,
    /// True for an image (`![]()`, `<img src>`, `image::`), whose target must exist as well.
    pub image: bool,
}

impl Link {
    /// The target split into (path, fragment); the path is empty for `#anchor` links.
    pub fn split(&self) -> (&str, Option<&str>) {
        match self.target.split_once('#') {
            Some((path, frag)) => (path, Some(frag)),
            None => (self.target.as_str(), None),
        }
    }
}

/// A piece of text found at a line.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Located {
    /// The text (what exactly depends on the field holding it).
    pub text: String,
    /// 1-based line.
    pub line: u32,
}

/// Metadata at the top of a document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FrontMatter {
    /// `yaml` or `toml` (Markdown/AsciiDoc front matter blocks), `asciidoc` (header attribute
    /// entries `:name: value`) or `rst` (a leading field list `:Name: value`).
    pub format: String,
    /// The fields, keys as written; YAML/TOML dates stay strings.
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// 1-based line of the block's last line (the closing `---`/`+++`, or the last attribute).
    pub end_line: u32,
}

/// Everything gathered from one document's text; no judgement.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ParsedDoc {
    /// The format it was parsed as.
    pub format: DocFormat,
    /// Front matter `title`, else the first level-1 heading (HTML: `<title>`; plain text: the
    /// first non-empty line when short).
    pub title: Option<String>,
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// Parsed front matter, if present and valid.
    pub front_matter: Option<FrontMatter>,
    /// Why front matter could not be read (message with the line it concerns).
    pub front_matter_error: Option<Located>,
    /// Links and images in document order.
    pub links: Vec<Link>,
    /// Inline code spans (not code blocks), text without the backticks.
    pub code_spans: Vec<Located>,
    /// Placeholder markers in prose (not in code or comments): `TODO`, `TBD`, `FIXME`, `XXX`,
    /// `lorem ipsum`, `fill in` (bracketed or `fill in here/this`), `<insert …>`/`[insert …]`.
    /// The text is the marker as found, never the surrounding line.
    pub placeholders: Vec<Located>,
    /// Headings with no content before the next heading of the same or a higher level
    /// (comments do not count as content); text is the heading text.
    pub empty_sections: Vec<Located>,
    /// HTML comments (Markdown, HTML), AsciiDoc `//` and reST `..` comments: inner text trimmed.
    pub comments: Vec<Located>,
    /// `Key: value` lines in prose (`Status: Accepted`, `* Deciders: a, b`, `**Owner:** x`,
    /// two-cell table rows `| Status | Accepted |`): key, value, line.
    pub inline_fields: Vec<(String, String, u32)>,
    /// Words of prose (headings and text; not code blocks, front matter or markup).
    pub words: usize,
    /// Words that are the text of links (to tell an index page from prose).
    pub link_words: usize,
    /// List items in the document.
    pub list_items: usize,
    /// List items that are mainly one relative link (an index entry).
    pub link_list_items: usize,
    /// Anchors set by HTML inside Markdown (`<a name="x">`, `id="x"` on any tag), which links
    /// may target as well as headings.
    pub html_anchors: Vec<String>,
}

impl ParsedDoc {
    /// An empty document of this format (the starting point of every parser).
    pub fn empty(format: DocFormat) -> Self {
        ParsedDoc {
            format,
            title: None,
            headings: Vec::new(),
            front_matter: None,
            front_matter_error: None,
            links: Vec::new(),
            code_spans: Vec::new(),
            placeholders: Vec::new(),
            empty_sections: Vec::new(),
            comments: Vec::new(),
            inline_fields: Vec::new(),
            words: 0,
            link_words: 0,
            list_items: 0,
            link_list_items: 0,
            html_anchors: Vec::new(),
        }
    }

    /// A front matter field as a trimmed string (strings, numbers and booleans only).
    pub fn field(&self, key: &str) -> Option<String> {
        let fm = self.front_matter.as_ref()?;
        let value = fm.fields.get(key)?;
        match value {
            serde_json::Value::String(s) => Some(s.trim().to_string()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// A config pin: documents matching `glob` get `kind` (DESIGN §5 kind overrides).
#[derive(Debug, Clone, serde::Serialize)]
pub struct KindPin {
    /// Compiled glob over repository-relative paths.
    #[serde(serialize_with = "serialize_glob")]
    pub glob: globset::GlobMatcher,
    /// The kind to give.
    pub kind: DocKind,
}

/// Writes a pin's glob as the pattern the user wrote.
fn serialize_glob<S: serde::Serializer>(glob: &globset::GlobMatcher, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(glob.glob().glob())
}

/// A document's kind and the rule that decided it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Classification {
    /// The kind.
    pub kind: DocKind,
    /// Which rule fired, for `exitready explain` (e.g. "path: under runbooks/").
    pub reason: String,
    /// True when the path is under a test/fixture/example folder: the kind is still honest
    /// (a fixture ADR is classified as an ADR) but it is probably not a real document; the
    /// reason says so too, and users leave such paths out with config `exclude`.
    pub in_test_folder: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn kind_round_trips_through_display_and_from_str() {
        for kind in DocKind::ALL {
            assert_eq!(kind.to_string().parse::<DocKind>(), Ok(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{kind}\""));
        }
    }

    #[test]
    fn kind_aliases_and_errors() {
        let cases = [
            ("Post-Mortem", Ok(DocKind::Postmortem)),
            ("  RFC ", Ok(DocKind::Design)),
            ("knowledge transfer", Ok(DocKind::Handoff)),
            ("licence", Ok(DocKind::License)),
            ("docs", Err(UnknownKind("docs".to_string()))),
        ];
        for (input, want) in cases {
            assert_eq!(input.parse::<DocKind>(), want, "{input}");
        }
        let msg = "x".parse::<DocKind>().unwrap_err().to_string();
        assert!(msg.starts_with("unknown document kind `x` (expected one of: runbook, adr,"));
    }

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
            glob: globset::Glob::new("docs/ops/**").unwrap().compile_matcher(),
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
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_text_parses_and_classifies(text in "(?s)[ -~\\n\\t#=*`\\[\\](){}<>|:!-]{0,400}|\\PC{0,200}") {
            for (format, path) in FORMATS {
                let doc = parse(path, format, &text);
                let _ = classify(path, &doc, &[]);
                prop_assert!(doc.headings.iter().all(|h| h.line >= 1));
            }
        }
    }
}
