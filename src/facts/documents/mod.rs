//! Documents (interim): which paths are documents, their headings and a path-based kind.
//! Replaced by the full parser and classifier.

use std::fmt;
use std::str::FromStr;

/// Document formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocFormat {
    /// Markdown.
    Markdown,
    /// AsciiDoc.
    AsciiDoc,
    /// reStructuredText.
    ReStructuredText,
    /// HTML.
    Html,
    /// Plain text.
    PlainText,
}

/// Document kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Runbook.
    Runbook,
    /// ADR.
    Adr,
    /// Design.
    Design,
    /// Architecture.
    Architecture,
    /// Onboarding.
    Onboarding,
    /// Operations.
    Operations,
    /// Security.
    Security,
    /// Access.
    Access,
    /// Handoff.
    Handoff,
    /// API.
    Api,
    /// Postmortem.
    Postmortem,
    /// Changelog.
    Changelog,
    /// License.
    License,
    /// Other.
    Other,
}

const KINDS: [(DocKind, &str); 14] = [
    (DocKind::Runbook, "runbook"),
    (DocKind::Adr, "adr"),
    (DocKind::Design, "design"),
    (DocKind::Architecture, "architecture"),
    (DocKind::Onboarding, "onboarding"),
    (DocKind::Operations, "operations"),
    (DocKind::Security, "security"),
    (DocKind::Access, "access"),
    (DocKind::Handoff, "handoff"),
    (DocKind::Api, "api"),
    (DocKind::Postmortem, "postmortem"),
    (DocKind::Changelog, "changelog"),
    (DocKind::License, "license"),
    (DocKind::Other, "other"),
];

impl FromStr for DocKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KINDS
            .iter()
            .find(|(_, n)| *n == s)
            .map(|(k, _)| *k)
            .ok_or_else(|| format!("unknown kind {s}"))
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = KINDS
            .iter()
            .find(|(k, _)| k == self)
            .map(|(_, n)| *n)
            .unwrap_or("other");
        f.write_str(name)
    }
}

/// A heading.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Heading {
    /// Level.
    pub level: u8,
    /// Text.
    pub text: String,
    /// Line.
    pub line: u32,
    /// Anchor.
    pub anchor: String,
}

/// A link.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Link {
    /// Target.
    pub target: String,
    /// Line.
    pub line: u32,
    /// External.
    pub external: bool,
}

/// Located text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Located {
    /// Text.
    pub text: String,
    /// Line.
    pub line: u32,
}

/// Front matter.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FrontMatter {
    /// Format.
    pub format: String,
    /// Fields.
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// End line.
    pub end_line: u32,
}

/// Parsed document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ParsedDoc {
    /// Format.
    pub format: DocFormat,
    /// Title.
    pub title: Option<String>,
    /// Headings.
    pub headings: Vec<Heading>,
    /// Front matter.
    pub front_matter: Option<FrontMatter>,
    /// Front matter error.
    pub front_matter_error: Option<Located>,
    /// Links.
    pub links: Vec<Link>,
    /// Code spans.
    pub code_spans: Vec<Located>,
    /// Placeholders.
    pub placeholders: Vec<Located>,
    /// Empty sections.
    pub empty_sections: Vec<Located>,
    /// Comments.
    pub comments: Vec<Located>,
    /// Inline fields.
    pub inline_fields: Vec<(String, String, u32)>,
    /// Words.
    pub words: usize,
}

/// Kind pin.
#[derive(Debug, Clone)]
pub struct KindPin {
    /// Glob.
    pub glob: globset::GlobMatcher,
    /// Kind.
    pub kind: DocKind,
}

/// Classification.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Classification {
    /// Kind.
    pub kind: DocKind,
    /// Reason.
    pub reason: String,
}

/// Is a path a document.
pub fn doc_format(path: &str) -> Option<DocFormat> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
        Some(DocFormat::Markdown)
    } else if lower.ends_with(".adoc") {
        Some(DocFormat::AsciiDoc)
    } else if lower.ends_with(".rst") {
        Some(DocFormat::ReStructuredText)
    } else {
        None
    }
}

/// Parse.
pub fn parse(_path: &str, format: DocFormat, text: &str) -> ParsedDoc {
    let headings: Vec<Heading> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with('#'))
        .map(|(i, l)| Heading {
            level: l.chars().take_while(|c| *c == '#').count() as u8,
            text: l.trim_start_matches('#').trim().to_string(),
            line: i as u32 + 1,
            anchor: l.trim_start_matches('#').trim().to_lowercase().replace(' ', "-"),
        })
        .collect();
    ParsedDoc {
        format,
        title: headings.first().map(|h| h.text.clone()),
        headings,
        front_matter: None,
        front_matter_error: None,
        links: vec![],
        code_spans: vec![],
        placeholders: vec![],
        empty_sections: vec![],
        comments: vec![],
        inline_fields: vec![],
        words: text.split_whitespace().count(),
    }
}

/// Classify.
pub fn classify(path: &str, _doc: &ParsedDoc, pins: &[KindPin]) -> Classification {
    if let Some(pin) = pins.iter().find(|p| p.glob.is_match(path)) {
        return Classification {
            kind: pin.kind,
            reason: "config pin".into(),
        };
    }
    let lower = path.to_lowercase();
    let kind = if lower.contains("runbook") {
        DocKind::Runbook
    } else if lower.contains("adr/") {
        DocKind::Adr
    } else if lower.contains("readme") {
        DocKind::Onboarding
    } else {
        DocKind::Other
    };
    Classification {
        kind,
        reason: "path".into(),
    }
}
