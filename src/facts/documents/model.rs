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
    /// Code blocks (Markdown fenced and indented blocks, HTML `<pre>`, AsciiDoc listings, reST
    /// code directives and literal blocks), in document order.
    pub code_blocks: Vec<CodeBlock>,
    /// Items of ordered (numbered) lists: `1.`, `1)`, AsciiDoc `.`, reST `#.`, HTML `<ol>`.
    pub ordered_items: usize,
    /// Tables, in document order.
    pub tables: Vec<Table>,
}

/// One code block: where it is, its language, and the first word of its command lines (enough
/// to tell a shell session of `kubectl`/`aws`/`terraform` from a YAML listing).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CodeBlock {
    /// 1-based line of the opening fence (or first line).
    pub line: u32,
    /// The language as declared (`sh`, `console`, `yaml`…), lower-case; empty when none.
    pub lang: String,
    /// The first word of each non-empty, non-comment line, a shell prompt (`$ `, `# ` after a
    /// prompt, `> `, `PS> `) and `sudo` removed; at most [`CodeBlock::MAX_COMMANDS`].
    pub first_words: Vec<String>,
    /// Lines in the block.
    pub lines: u32,
}

impl CodeBlock {
    /// How many first words a block keeps.
    pub const MAX_COMMANDS: usize = 24;
}

/// One table: its header cells and how many body rows it has.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Table {
    /// 1-based line of the header row.
    pub line: u32,
    /// Header cells' text, trimmed.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: usize,
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
            code_blocks: Vec::new(),
            ordered_items: 0,
            tables: Vec::new(),
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

/// A document's kind, how sure the classifier is, and the evidence it weighed (issue 12).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Classification {
    /// The kind: what the document is, or imitates when it is a look-alike.
    pub kind: DocKind,
    /// The top signals, for reports and `exitready explain` (e.g. "folder adr/ + numbered name
    /// 0001 + Status/Context/Decision headings").
    pub reason: String,
    /// How sure, 0 to 1: grows with the winning kind's lead over the runner-up; 1 for front
    /// matter and config pins.
    pub confidence: f64,
    /// Every signal that weighed, heaviest first (for `exitready explain`).
    pub signals: Vec<WeighedSignal>,
    /// Why no check should count it, when it only looks like a document of its kind.
    pub lookalike: Option<Lookalike>,
    /// Sections that are clearly of another kind than the file (a README's "Troubleshooting"
    /// runbook section), in document order.
    pub sections: Vec<SectionKind>,
}

/// One weighed signal.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WeighedSignal {
    /// The signal's name in the classifier's table ("decision-record folder").
    pub name: String,
    /// What it saw ("folder architecture-decision-record/").
    pub label: String,
    /// The kind it weighed for.
    pub kind: DocKind,
    /// The weight (negative against the kind).
    pub weight: f64,
}

/// What kind of look-alike a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LookalikeKind {
    /// A template or scaffold (placeholders where values belong).
    Template,
    /// Test data under a test/fixture folder.
    Fixture,
    /// A section index page (Hugo `_index.md`, a README listing only links, a site home page).
    Index,
    /// A stub that only points elsewhere.
    Stub,
}

impl std::fmt::Display for LookalikeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LookalikeKind::Template => "template",
            LookalikeKind::Fixture => "fixture",
            LookalikeKind::Index => "index page",
            LookalikeKind::Stub => "stub",
        })
    }
}

/// A document that only looks like one of its kind, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Lookalike {
    /// Which look-alike.
    pub kind: LookalikeKind,
    /// The evidence ("under integration-tests/", "placeholder `Date: DATE` (line 3)").
    pub reason: String,
}

impl Lookalike {
    /// Template or fixture: not a real document at all (freshness does not judge them), as
    /// opposed to index pages and stubs, which are real pages that hold little.
    pub fn is_fake(&self) -> bool {
        matches!(self.kind, LookalikeKind::Template | LookalikeKind::Fixture)
    }
}

impl std::fmt::Display for Lookalike {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.reason)
    }
}

/// A section of a document that is clearly of a kind (counted by section-aware checks).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SectionKind {
    /// The heading's anchor (`troubleshooting-production-deploys`).
    pub anchor: String,
    /// The heading as written.
    pub heading: String,
    /// 1-based line of the heading.
    pub line: u32,
    /// The section's kind.
    pub kind: DocKind,
}
