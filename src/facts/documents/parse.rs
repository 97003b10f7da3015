//! Reads one document's text into a [`ParsedDoc`]: front matter, headings, links, code spans,
//! placeholders, empty sections, comments and inline `Key: value` fields.
//!
//! Markdown goes through pulldown-cmark (GFM tables, footnotes, task lists) after its YAML
//! (`---`) or TOML (`+++`) front matter is cut off by hand, so that every line number is a line
//! of the whole file. The other formats live in `markup.rs` and share the [`Builder`] here.
//! Input is already lossily decoded; nothing here panics, reads files or judges anything.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::markup;
use super::{DocFormat, FrontMatter, Heading, Link, Located, ParsedDoc, Slugger};

/// Longest `first_text` kept for a heading: enough for "Superseded by ADR-0012".
const FIRST_TEXT_MAX: usize = 200;

/// Longest comment kept: g3doc freshness blocks are short; a commented-out page is not evidence.
const COMMENT_MAX: usize = 1000;

/// Lines are 1-based lines of the whole file (front matter included). Never panics; input is
/// already lossily decoded UTF-8. `path` only refines the format (MDX `import`/`export` lines).
pub fn parse(path: &str, format: DocFormat, text: &str) -> ParsedDoc {
    let mut b = Builder::new(format, text);
    // A byte-order mark is not content; line numbers are unaffected by skipping it.
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    match format {
        DocFormat::Markdown => {
            let body_start = b.front_matter(text).max(bom);
            let mdx = path.to_ascii_lowercase().ends_with(".mdx");
            parse_markdown(&mut b, text, body_start, mdx);
        }
        DocFormat::AsciiDoc => {
            let body_start = b.front_matter(text).max(bom);
            markup::parse_asciidoc(&mut b, text, body_start);
        }
        DocFormat::ReStructuredText => markup::parse_rst(&mut b, &text[bom..]),
        DocFormat::Html => markup::parse_html(&mut b, text, bom),
        DocFormat::PlainText => markup::parse_plain(&mut b, &text[bom..]),
    }
    b.finish()
}

/// Byte offset → 1-based line, over the whole file.
pub(super) struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub(super) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub(super) fn line(&self, offset: usize) -> u32 {
        to_u32(self.starts.partition_point(|&s| s <= offset))
    }
}

/// Saturating conversion for counts that are line numbers.
pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Shared state of every format's parser: collects facts and tracks open sections.
pub(super) struct Builder {
    /// What is being built.
    pub(super) doc: ParsedDoc,
    /// Line numbers for byte offsets of the whole file.
    pub(super) lines: LineIndex,
    /// A title the format itself declares (HTML `<title>`, AsciiDoc `= Title`, plain text).
    pub(super) declared_title: Option<String>,
    /// Anchors handed out so far.
    slugger: Slugger,
    /// Open sections: heading index, level, whether content was seen since.
    open: Vec<(usize, u8, bool)>,
    /// Headings closed without content.
    empty: Vec<usize>,
    /// The heading whose first line of prose is being collected, and the text so far.
    first: Option<(usize, String)>,
}

impl Builder {
    /// A builder for a document of `format` whose whole text is `text`.
    fn new(format: DocFormat, text: &str) -> Self {
        Builder {
            doc: ParsedDoc::empty(format),
            lines: LineIndex::new(text),
            declared_title: None,
            slugger: Slugger::new(),
            open: Vec::new(),
            empty: Vec::new(),
            first: None,
        }
    }

    /// Records a heading; `id` is an explicit anchor (HTML `id`) that replaces the slug.
    pub(super) fn heading(&mut self, level: u8, text: &str, line: u32, id: Option<String>) {
        self.end_first_text();
        let level = level.clamp(1, 6);
        while let Some(&(idx, open_level, has_content)) = self.open.last() {
            if open_level < level {
                break;
            }
            self.open.pop();
            if !has_content {
                self.empty.push(idx);
            }
        }
        let text = collapse_ws(text);
        let anchor = match id {
            Some(id) if !id.is_empty() => self.slugger.unique(id),
            _ => self.slugger.slug(&text),
        };
        let idx = self.doc.headings.len();
        self.doc.headings.push(Heading {
            level,
            text,
            line,
            anchor,
            first_text: None,
        });
        self.open.push((idx, level, false));
        self.first = Some((idx, String::new()));
    }

    /// Marks every open section as having content.
    pub(super) fn content(&mut self) {
        for open in &mut self.open {
            open.2 = true;
        }
    }

    /// Visible prose: counts words, marks content, feeds the pending `first_text`.
    pub(super) fn prose(&mut self, text: &str) {
        let words = text.split_whitespace().count();
        if words == 0 {
            return;
        }
        self.doc.words += words;
        self.content();
        if let Some((_, buf)) = &mut self.first {
            buf.push_str(text);
        }
    }

    /// A line or block ended: the pending heading's first line of prose, if any, is complete.
    pub(super) fn end_first_text(&mut self) {
        let Some((idx, buf)) = &self.first else {
            return;
        };
        let text = collapse_ws(buf);
        if text.is_empty() {
            return;
        }
        self.doc.headings[*idx].first_text = Some(truncate(&text, FIRST_TEXT_MAX));
        self.first = None;
    }

    /// Records a link; external when it has a scheme, starts with `//`, or is an email.
    pub(super) fn link(&mut self, target: &str, line: u32, image: bool) {
        let target = target.trim();
        if target.is_empty() {
            return;
        }
        let external = is_external(target);
        self.doc.links.push(Link {
            target: target.to_string(),
            line,
            external,
            image,
        });
    }

    /// Records a comment's inner text.
    pub(super) fn comment(&mut self, inner: &str, line: u32) {
        let text = truncate(inner.trim(), COMMENT_MAX);
        if !text.is_empty() {
            self.doc.comments.push(Located { text, line });
        }
    }

    /// Records an inline code span.
    pub(super) fn code_span(&mut self, code: &str, line: u32) {
        let text = code.trim();
        if !text.is_empty() {
            self.doc.code_spans.push(Located {
                text: text.to_string(),
                line,
            });
        }
    }

    /// Scans one line of prose source for placeholders and `Key: value` fields.
    /// `next` is the following line (to tell a table header from a two-cell row).
    pub(super) fn prose_line(&mut self, line_text: &str, line: u32, next: Option<&str>) {
        let cleaned = strip_code_and_comments(line_text);
        for marker in placeholders_in(&cleaned) {
            self.doc.placeholders.push(Located { text: marker, line });
        }
        if let Some((key, value)) = inline_field(&cleaned, next) {
            self.doc.inline_fields.push((key, value, line));
        }
    }

    /// Reads YAML or TOML front matter at the top of `text`; returns where the body starts.
    pub(super) fn front_matter(&mut self, text: &str) -> usize {
        match split_front_matter(text) {
            FrontMatterScan::None => 0,
            FrontMatterScan::Unclosed(err) => {
                self.doc.front_matter_error = Some(err);
                0
            }
            FrontMatterScan::Closed { result, body_start } => {
                match result {
                    Ok(fm) => self.doc.front_matter = Some(fm),
                    Err(err) => self.doc.front_matter_error = Some(err),
                }
                body_start
            }
        }
    }

    /// Closes open sections, settles the title, sorts what needs sorting.
    pub(super) fn finish(mut self) -> ParsedDoc {
        self.end_first_text();
        while let Some((idx, _, has_content)) = self.open.pop() {
            if !has_content {
                self.empty.push(idx);
            }
        }
        self.empty.sort_unstable();
        self.doc.empty_sections = self
            .empty
            .iter()
            .map(|&i| {
                let h = &self.doc.headings[i];
                Located {
                    text: h.text.clone(),
                    line: h.line,
                }
            })
            .collect();
        let fm_title = self.doc.field("title").filter(|t| !t.is_empty());
        let h1 = self.doc.headings.iter().find(|h| h.level == 1).map(|h| h.text.clone());
        self.doc.title = fm_title.or(self.declared_title).or(h1).filter(|t| !t.is_empty());
        // Parsers emit by line except the few that collect per block; keep the documented order.
        self.doc.links.sort_by_key(|l| l.line);
        self.doc.comments.sort_by_key(|c| c.line);
        self.doc.code_spans.sort_by_key(|c| c.line);
        self.doc
    }
}

/// True for `scheme:…`, `//host/…` and bare email addresses.
fn is_external(target: &str) -> bool {
    if target.starts_with("//") {
        return true;
    }
    if let Some(colon) = target.find(':') {
        let scheme = &target[..colon];
        let is_scheme = scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
        if is_scheme {
            return true;
        }
    }
    // An email autolink (`<ops@example.com>`) has no scheme but is not a file.
    !target.contains('/') && target.contains('@') && !target.starts_with('@')
}

/// Whitespace runs become one space; trimmed.
pub(super) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, never cutting a character in half.
pub(super) fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The line without inline code spans and inline HTML comments, which are not prose.
fn strip_code_and_comments(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let tick = rest.find('`');
        let comment = rest.find("<!--");
        match (tick, comment) {
            (Some(t), c) if c.is_none_or(|c| t < c) => {
                out.push_str(&rest[..t]);
                let ticks = rest[t..].len() - rest[t..].trim_start_matches('`').len();
                let after = &rest[t + ticks..];
                let fence = &rest[t..t + ticks];
                match after.find(fence) {
                    Some(end) => rest = &after[end + ticks..],
                    None => {
                        // An unmatched backtick is literal text.
                        out.push_str(fence);
                        rest = after;
                    }
                }
            }
            (_, Some(c)) => {
                out.push_str(&rest[..c]);
                match rest[c..].find("-->") {
                    Some(end) => rest = &rest[c + end + 3..],
                    None => return out,
                }
            }
            _ => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// Placeholder markers in one line of prose, in order of kind (see [`ParsedDoc::placeholders`]).
pub(super) fn placeholders_in(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    // Upper-case only: "todo list" and "xxx-large" in prose are not placeholders.
    for word in line.split(|c: char| !c.is_alphanumeric()) {
        if matches!(word, "TODO" | "TBD" | "FIXME" | "XXX" | "TBA" | "TKTK") {
            found.push(word.to_string());
        }
    }
    // ASCII lower-casing keeps byte offsets aligned with `line`.
    let lower = line.to_ascii_lowercase();
    if lower.contains("lorem ipsum") {
        found.push("lorem ipsum".to_string());
    }
    for (i, _) in lower.match_indices("fill in") {
        let before = lower[..i].trim_end().chars().last();
        let after = lower[i + 7..].trim_start();
        // "Fill in the form" is an instruction; "[fill in]" and "fill in here" are blanks.
        if matches!(before, Some('[' | '(' | '<' | '{' | '_')) || after.starts_with("here") || after.starts_with("this")
        {
            found.push("fill in".to_string());
            break;
        }
    }
    for (open, close) in [("<insert", '>'), ("[insert", ']'), ("{insert", '}')] {
        for (i, _) in lower.match_indices(open) {
            if let Some(end) = line[i..].find(close) {
                found.push(truncate(&line[i..=i + end], 60));
            }
        }
    }
    found
}

/// A `Key: value` line (`Status: Accepted`, `* **Deciders:** a, b`) or a two-cell table row.
pub(super) fn inline_field(line: &str, next: Option<&str>) -> Option<(String, String)> {
    let mut t = line.trim();
    // Quote markers, list bullets, numbered items and heading hashes in front of the key.
    loop {
        let before = t;
        t = t.trim_start_matches(['>', '#']).trim_start();
        for bullet in ["- ", "* ", "+ "] {
            if let Some(rest) = t.strip_prefix(bullet) {
                t = rest.trim_start();
            }
        }
        if t == before {
            break;
        }
    }
    if let Some(row) = t.strip_prefix('|') {
        let cells: Vec<&str> = row.trim_end().trim_end_matches('|').split('|').map(str::trim).collect();
        let header = next.is_some_and(|n| n.trim_start().starts_with('|') && n.contains("--"));
        if cells.len() != 2 || header || cells[1].chars().all(|c| "-: ".contains(c)) {
            return None;
        }
        return field_pair(cells[0], cells[1]);
    }
    let colon = t.find(':')?;
    field_pair(&t[..colon], &t[colon + 1..])
}

/// Validates and cleans a key/value pair: short word-like key, non-empty value, no URL.
fn field_pair(key: &str, value: &str) -> Option<(String, String)> {
    let key = key.trim().trim_matches(['*', '_']).trim();
    let value = value.trim().trim_matches(['*', '_']).trim();
    let key_ok = !key.is_empty()
        && key.len() <= 40
        && key.split_whitespace().count() <= 4
        && key.starts_with(|c: char| c.is_alphabetic())
        && key.chars().all(|c| c.is_alphanumeric() || " -_.".contains(c));
    // A placeholder is not a field name ("TODO: write this").
    let placeholder = matches!(key, "TODO" | "TBD" | "FIXME" | "XXX" | "TBA" | "TKTK");
    let value_ok = value.chars().any(char::is_alphanumeric) && !value.starts_with("//");
    if !key_ok || placeholder || !value_ok {
        return None;
    }
    Some((key.to_string(), value.to_string()))
}

/// The outcome of looking for front matter.
enum FrontMatterScan {
    /// The file does not start with `---` or `+++`.
    None,
    /// It opens a block that never closes (reported; the whole file is then body).
    Unclosed(Located),
    /// A closed block, parsed or not, and the byte where the body starts.
    Closed {
        result: Result<FrontMatter, Located>,
        body_start: usize,
    },
}

/// Finds and parses a front matter block at the very top of `text`.
fn split_front_matter(text: &str) -> FrontMatterScan {
    let skip_bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut lines = text[skip_bom..].split_inclusive('\n');
    let Some(first) = lines.next() else {
        return FrontMatterScan::None;
    };
    let (format, closers): (&str, &[&str]) = match first.trim_end() {
        "---" => ("yaml", &["---", "..."]),
        "+++" => ("toml", &["+++"]),
        _ => return FrontMatterScan::None,
    };
    let content_start = skip_bom + first.len();
    let mut offset = content_start;
    let mut line_no: u32 = 1;
    for line in lines {
        line_no += 1;
        if closers.contains(&line.trim_end()) {
            let content = &text[content_start..offset];
            let result = parse_front_matter(format, content, line_no);
            return FrontMatterScan::Closed {
                result,
                body_start: offset + line.len(),
            };
        }
        offset += line.len();
    }
    let close = closers[0];
    FrontMatterScan::Unclosed(Located {
        text: format!("front matter opened with `{close}` on line 1 is never closed"),
        line: 1,
    })
}

/// Parses the block's content; errors carry the file line they concern (content starts on 2).
fn parse_front_matter(format: &str, content: &str, end_line: u32) -> Result<FrontMatter, Located> {
    let fields = match format {
        "yaml" => match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(content) {
            Ok(serde_yaml_ng::Value::Mapping(map)) => yaml_map(map),
            Ok(serde_yaml_ng::Value::Null) => serde_json::Map::new(),
            Ok(_) => {
                return Err(Located {
                    text: "YAML front matter is not a mapping of fields".to_string(),
                    line: 2,
                });
            }
            Err(e) => {
                let line = e.location().map_or(2, |l| 1 + to_u32(l.line()));
                return Err(Located {
                    text: format!("invalid YAML front matter: {}", strip_location(&e.to_string())),
                    line,
                });
            }
        },
        _ => match content.parse::<toml::Table>() {
            Ok(table) => table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
            Err(e) => {
                let at = e.span().map_or(0, |s| s.start.min(content.len()));
                let line = 2 + to_u32(content[..at].matches('\n').count());
                return Err(Located {
                    text: format!("invalid TOML front matter: {}", e.message().trim()),
                    line,
                });
            }
        },
    };
    Ok(FrontMatter {
        format: format.to_string(),
        fields,
        end_line,
    })
}

/// Drops libyaml's " at line N column M" marks (relative to the block, so misleading in a file).
fn strip_location(msg: &str) -> String {
    let mut out = msg.to_string();
    while let Some(at) = out.find(" at line ") {
        let rest = &out[at + 9..];
        let tail = rest.find(',').map_or(String::new(), |c| rest[c..].to_string());
        out = format!("{}{}", &out[..at], tail);
    }
    out
}

/// A YAML mapping as JSON fields; non-string keys are written as their YAML scalar.
fn yaml_map(map: serde_yaml_ng::Mapping) -> serde_json::Map<String, serde_json::Value> {
    map.into_iter()
        .map(|(k, v)| {
            let key = match k {
                serde_yaml_ng::Value::String(s) => s,
                other => match yaml_to_json(other) {
                    serde_json::Value::String(s) => s,
                    v => v.to_string(),
                },
            };
            (key, yaml_to_json(v))
        })
        .collect()
}

/// YAML value → JSON value (tags dropped, non-finite floats as strings).
fn yaml_to_json(v: serde_yaml_ng::Value) -> serde_json::Value {
    use serde_yaml_ng::Value as Y;
    match v {
        Y::Null => serde_json::Value::Null,
        Y::Bool(b) => b.into(),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f).map_or_else(|| n.to_string().into(), Into::into)
            }
        }
        Y::String(s) => s.into(),
        Y::Sequence(seq) => seq.into_iter().map(yaml_to_json).collect(),
        Y::Mapping(map) => yaml_map(map).into(),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

/// TOML value → JSON value (datetimes as their TOML text).
fn toml_to_json(v: toml::Value) -> serde_json::Value {
    use toml::Value as T;
    match v {
        T::String(s) => s.into(),
        T::Integer(i) => i.into(),
        T::Float(f) => serde_json::Number::from_f64(f).map_or_else(|| f.to_string().into(), Into::into),
        T::Boolean(b) => b.into(),
        T::Datetime(d) => d.to_string().into(),
        T::Array(a) => a.into_iter().map(toml_to_json).collect(),
        T::Table(t) => t
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

/// Per list item: what it starts with.
#[derive(Default)]
struct ItemAcc {
    /// Whether the item starts with a link, and whether that link is relative: `Some(true)`
    /// makes it an index entry ("[Payments](payments.md) - the payments API").
    lead: Option<bool>,
}

/// Markdown body (from `body_start`) through pulldown-cmark, plus a raw-line pass for
/// placeholders and inline fields over lines that are prose (not code, HTML blocks, MDX ESM).
fn parse_markdown(b: &mut Builder, text: &str, body_start: usize, mdx: bool) {
    let body = &text[body_start..];
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let body_first_line = b.lines.line(body_start) as usize;
    let body_lines: Vec<&str> = body.lines().collect();
    // Lines (index into body_lines) that are not prose.
    let mut masked = vec![false; body_lines.len()];
    let mut mask = |start: usize, end: usize, lines: &LineIndex| {
        let first = lines.line(body_start + start) as usize - body_first_line;
        let last = lines.line(body_start + end.saturating_sub(1).max(start)) as usize - body_first_line;
        for m in masked.iter_mut().take(last + 1).skip(first) {
            *m = true;
        }
    };

    let mut heading: Option<(u8, u32, String)> = None;
    let mut in_code = false;
    let mut link_depth = 0usize;
    let mut items: Vec<ItemAcc> = Vec::new();
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let line = b.lines.line(body_start + range.start);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                b.end_first_text();
                heading = Some((level as u8, line, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, hline, htext)) = heading.take() {
                    b.doc.words += htext.split_whitespace().count();
                    b.heading(level, &htext, hline, None);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                b.end_first_text();
                b.content();
                mask(range.start, range.end, &b.lines);
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) if in_code => drop(t),
            Event::Text(t) => {
                if let Some((_, _, htext)) = &mut heading {
                    htext.push_str(&t);
                    continue;
                }
                if link_depth > 0 {
                    b.doc.link_words += t.split_whitespace().count();
                }
                if let Some(item) = items.last_mut()
                    && !t.trim().is_empty()
                {
                    item.lead.get_or_insert(false);
                }
                b.prose(&t);
            }
            Event::Code(t) => {
                b.code_span(&t, line);
                if let Some((_, _, htext)) = &mut heading {
                    htext.push_str(&t);
                    continue;
                }
                if let Some(item) = items.last_mut() {
                    item.lead.get_or_insert(false);
                }
                b.prose(&t);
            }
            Event::Start(Tag::Link {
                link_type, dest_url, ..
            }) => {
                link_depth += 1;
                let target = if link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                b.link(&target, line, false);
                if let Some(item) = items.last_mut() {
                    item.lead
                        .get_or_insert(!is_external(&target) && !target.starts_with('#'));
                }
            }
            Event::End(TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
            Event::Start(Tag::Image { dest_url, .. }) => {
                b.content();
                b.link(&dest_url, line, true);
            }
            Event::Start(Tag::Item) => {
                b.doc.list_items += 1;
                items.push(ItemAcc::default());
            }
            Event::End(TagEnd::Item) => {
                if items.pop().is_some_and(|item| item.lead == Some(true)) {
                    b.doc.link_list_items += 1;
                }
                b.end_first_text();
            }
            Event::Start(Tag::HtmlBlock) => {
                mask(range.start, range.end, &b.lines);
                let visible = markup::scan_html_fragment(b, text, body_start + range.start, body_start + range.end);
                if visible {
                    b.content();
                }
            }
            Event::InlineHtml(_) => {
                markup::scan_html_fragment(b, text, body_start + range.start, body_start + range.end);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) if heading.is_none() => {
                b.end_first_text();
            }
            Event::TaskListMarker(_) | Event::FootnoteReference(_) => b.content(),
            _ => {}
        }
    }
    // Raw-line pass: placeholders and inline fields come from source lines, where pulldown's
    // splitting of text at `[`, `<` and `_` would otherwise cut "[fill in]" into pieces.
    for (i, raw) in body_lines.iter().enumerate() {
        let is_esm = mdx && (raw.starts_with("import ") || raw.starts_with("export "));
        if masked[i] || is_esm {
            continue;
        }
        let next = body_lines.get(i + 1).copied();
        b.prose_line(raw, to_u32(body_first_line + i), next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn md(text: &str) -> ParsedDoc {
        parse("doc.md", DocFormat::Markdown, text)
    }

    fn headings(doc: &ParsedDoc) -> Vec<(u8, &str, u32, &str)> {
        doc.headings
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.line, h.anchor.as_str()))
            .collect()
    }

    fn located(v: &[Located]) -> Vec<(&str, u32)> {
        v.iter().map(|l| (l.text.as_str(), l.line)).collect()
    }

    #[test]
    fn yaml_front_matter_keeps_file_lines() {
        let doc = md(
            "---\ntitle: Payments runbook\ntype: runbook\nlast_reviewed: 2024-01-31\ntags: [a, b]\n---\n\n# Heading\n",
        );
        let fm = doc.front_matter.as_ref().unwrap();
        assert_eq!(fm.format, "yaml");
        assert_eq!(fm.end_line, 6);
        assert_eq!(fm.fields["last_reviewed"], serde_json::json!("2024-01-31"));
        assert_eq!(fm.fields["tags"], serde_json::json!(["a", "b"]));
        assert_eq!(doc.title.as_deref(), Some("Payments runbook"));
        assert_eq!(headings(&doc), [(1, "Heading", 8, "heading")]);
        assert_eq!(doc.front_matter_error, None);
    }

    #[test]
    fn toml_front_matter_with_dates() {
        let doc = md("+++\ntitle = \"Deploy\"\nreview_by = 2025-06-01\n[extra]\nowner = \"ops\"\n+++\nBody\n");
        let fm = doc.front_matter.as_ref().unwrap();
        assert_eq!(fm.format, "toml");
        assert_eq!(fm.end_line, 6);
        assert_eq!(fm.fields["review_by"], serde_json::json!("2025-06-01"));
        assert_eq!(fm.fields["extra"], serde_json::json!({"owner": "ops"}));
        assert_eq!(doc.words, 1);
    }

    #[test]
    fn malformed_front_matter_is_an_error_with_its_line() {
        let cases = [
            (
                "---\ntitle: ok\nowner: [unclosed\nx: 1\n---\n# H\n",
                4,
                "invalid YAML front matter",
            ),
            ("---\ntitle: a\n  bad: indent\n---\n", 3, "invalid YAML front matter"),
            ("+++\ntitle = \"a\"\nowner = \n+++\n", 3, "invalid TOML front matter"),
            ("---\n- just\n- a list\n---\n", 2, "YAML front matter is not a mapping"),
            (
                "---\ntitle: never closed\n# H\n",
                1,
                "front matter opened with `---` on line 1",
            ),
        ];
        for (text, line, prefix) in cases {
            let doc = md(text);
            let err = doc.front_matter_error.as_ref().unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(err.line, line, "{text:?}: {}", err.text);
            assert!(err.text.starts_with(prefix), "{text:?}: {}", err.text);
            assert!(!err.text.contains(" at line "), "{}", err.text);
            assert_eq!(doc.front_matter, None);
        }
        // The body after a closed but invalid block is still parsed at the right lines.
        assert_eq!(headings(&md("---\n: : :\n---\n# After\n")), [(1, "After", 4, "after")]);
    }

    #[test]
    fn headings_lines_and_anchors() {
        let doc = md(
            "\u{feff}# Runbook: `payments` API\n\nIntro.\n\n## Symptoms\n\nText\n\nSetext Heading\n--------------\n\n## Symptoms\n\n### What's up? (Ünïcödé) 🚀\n\n## Symptoms\n\n```\n# not a heading\n```\n",
        );
        assert_eq!(
            headings(&doc),
            [
                (1, "Runbook: payments API", 1, "runbook-payments-api"),
                (2, "Symptoms", 5, "symptoms"),
                (2, "Setext Heading", 9, "setext-heading"),
                (2, "Symptoms", 12, "symptoms-1"),
                (3, "What's up? (Ünïcödé) 🚀", 14, "whats-up-ünïcödé-"),
                (2, "Symptoms", 16, "symptoms-2"),
            ]
        );
        assert_eq!(doc.title.as_deref(), Some("Runbook: payments API"));
        assert_eq!(doc.headings[1].first_text.as_deref(), Some("Text"));
        assert_eq!(
            doc.code_spans,
            [Located {
                text: "payments".into(),
                line: 1
            }]
        );
    }

    #[test]
    fn links_with_lines() {
        let doc = md(
            "See [deploy](../deploy.md#rollback) and [site](https://x.example).\n\n- <ops@example.com>\n- ![graph](img/g.png)\n- [ref][r]\n- [anchor](#symptoms)\n- [proto](//cdn.example/x)\n\n[r]: docs/ref.md\n<a href=\"wiki/Page.md\">x</a>\n",
        );
        let got: Vec<(&str, u32, bool, bool)> = doc
            .links
            .iter()
            .map(|l| (l.target.as_str(), l.line, l.external, l.image))
            .collect();
        assert_eq!(
            got,
            [
                ("../deploy.md#rollback", 1, false, false),
                ("https://x.example", 1, true, false),
                ("mailto:ops@example.com", 3, true, false),
                ("img/g.png", 4, false, true),
                ("docs/ref.md", 5, false, false),
                ("#symptoms", 6, false, false),
                ("//cdn.example/x", 7, true, false),
                ("wiki/Page.md", 10, false, false),
            ]
        );
    }

    #[test]
    fn code_spans_placeholders_and_comments() {
        let doc = md(
            "Run `kubectl get pods` then `make deploy`.\n\nTODO: write this. TBD\n\n```sh\n# TODO in code is not prose\necho FIXME\n```\n\nOwner: [fill in]\nLorem ipsum dolor.\nSet `TODO` and <insert service name> here.\nFill in the form to request access.\n<!-- TODO hidden -->\n<!--* freshness: { owner: 'ops' reviewed: '2023-01-02' } *-->\n",
        );
        assert_eq!(
            located(&doc.code_spans),
            [("kubectl get pods", 1), ("make deploy", 1), ("TODO", 12)]
        );
        assert_eq!(
            located(&doc.placeholders),
            [
                ("TODO", 3),
                ("TBD", 3),
                ("fill in", 10),
                ("lorem ipsum", 11),
                ("<insert service name>", 12)
            ]
        );
        assert_eq!(
            located(&doc.comments),
            [
                ("TODO hidden", 14),
                ("* freshness: { owner: 'ops' reviewed: '2023-01-02' } *", 15)
            ]
        );
        assert_eq!(doc.inline_fields, [("Owner".into(), "[fill in]".into(), 10)]);
    }

    #[test]
    fn empty_sections() {
        let doc = md(
            "# Title\n## Symptoms\n<!-- fill me -->\n## Diagnosis\n### Step one\nrun it\n## Mitigation\n### Sub\n## Escalation\n",
        );
        assert_eq!(
            located(&doc.empty_sections),
            [("Symptoms", 2), ("Mitigation", 7), ("Sub", 8), ("Escalation", 9)]
        );
    }

    #[test]
    fn inline_fields_nygard_madr_and_tables() {
        let doc = md(
            "# 3. Use Postgres\n\nDate: 2020-01-02\n\n## Status\n\nSuperseded by [5. Use MySQL](0005-use-mysql.md)\n\n* Status: accepted\n* **Deciders:** Ann, Bob\n\n| Field | Value |\n|---|---|\n| Owner | Platform team |\n\nSee https://example.com: it works\nNote:\n",
        );
        assert_eq!(
            doc.inline_fields,
            [
                ("Date".into(), "2020-01-02".into(), 3),
                ("Status".into(), "accepted".into(), 9),
                ("Deciders".into(), "Ann, Bob".into(), 10),
                ("Owner".into(), "Platform team".into(), 14),
            ]
        );
        assert_eq!(
            doc.headings[1].first_text.as_deref(),
            Some("Superseded by 5. Use MySQL")
        );
    }

    #[test]
    fn index_page_counts() {
        let doc = md(
            "# Runbooks\n\n- [Payments](payments.md)\n- [Search](search.md) - search cluster\n- [Grafana](https://grafana)\n- plain item with several words here\n",
        );
        assert_eq!((doc.list_items, doc.link_list_items), (4, 2));
        assert_eq!(doc.link_words, 3);
        assert_eq!(doc.words, 1 + 1 + 4 + 1 + 6);
    }

    #[test]
    fn mdx_and_erb_are_read_as_markdown() {
        let doc = parse(
            "docs/x.mdx",
            DocFormat::Markdown,
            "import Tabs from '@theme/Tabs'\n\n# Deploy\n\n<Tabs>\nStatus: draft\n</Tabs>\n",
        );
        assert_eq!(headings(&doc), [(1, "Deploy", 3, "deploy")]);
        assert_eq!(doc.inline_fields, []);
        let doc = parse(
            "a.html.md.erb",
            DocFormat::Markdown,
            "---\ntitle: Alerts\nlast_reviewed_on: 2024-01-01\nreview_in: 6 months\n---\n\n<%= partial 'x' %>\n\n## Check\n",
        );
        assert_eq!(doc.field("review_in").as_deref(), Some("6 months"));
        assert_eq!(headings(&doc), [(2, "Check", 9, "check")]);
    }

    #[test]
    fn hostile_markdown_never_panics() {
        for text in [
            "",
            "---",
            "+++\n",
            "\u{feff}",
            "#",
            "[x](",
            "<!--",
            "`",
            "```",
            "| a |\n|",
            "\u{fffd}\u{fffd}# é\n",
            "---\n\u{fffd}: [\n---\n",
        ] {
            let _ = md(text);
        }
    }
}
