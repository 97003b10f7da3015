//! What a document parser produces (`ParsedDoc`: headings, links, front matter, placeholders…),
//! the document formats, config kind pins and a classification.

use crate::base::doc_kind::DocKind;

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

pub use crate::settings::KindPin;

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
