//! The state every format's parser shares (`Builder`): line numbers, headings with anchors,
//! open sections, front matter, placeholders and inline `Key: value` fields. `parse.rs`
//! (Markdown) and `markup.rs` (AsciiDoc, reStructuredText, HTML, plain text) drive it.

use super::model::{CodeBlock, DocFormat, FrontMatter, Heading, Link, Located, ParsedDoc, Table};
use super::slug::Slugger;

/// Longest `first_text` kept for a heading: enough for "Superseded by ADR-0012".
const FIRST_TEXT_MAX: usize = 200;

/// Longest comment kept: g3doc freshness blocks are short; a commented-out page is not evidence.
const COMMENT_MAX: usize = 1000;

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
    /// The code block being read and its text so far.
    code: Option<(CodeBlock, String)>,
    /// The table being read: its header cells so far, the cell being read, whether in the header.
    table: Option<(Table, String, bool)>,
}

impl Builder {
    /// A builder for a document of `format` whose whole text is `text`.
    pub(super) fn new(format: DocFormat, text: &str) -> Self {
        Builder {
            doc: ParsedDoc::empty(format),
            lines: LineIndex::new(text),
            declared_title: None,
            slugger: Slugger::new(),
            open: Vec::new(),
            empty: Vec::new(),
            first: None,
            code: None,
            table: None,
        }
    }

    /// Opens a code block at `line`; `info` is its declared language or info string (`bash`,
    /// `{.sh}`, `language-yaml`, `source,bash`), of which the language word is kept.
    pub(super) fn code_block_start(&mut self, line: u32, info: &str) {
        self.code_block_end();
        let lang = info
            .split(|c: char| c.is_whitespace() || c == ',' || c == '{' || c == '}')
            .map(|w| w.trim_start_matches('.').trim_start_matches("language-"))
            .find(|w| !w.is_empty() && *w != "source")
            .unwrap_or("")
            .to_ascii_lowercase();
        let block = CodeBlock {
            line,
            lang,
            first_words: Vec::new(),
            lines: 0,
        };
        self.code = Some((block, String::new()));
    }

    /// Text of the open code block (any number of lines, or part of one).
    pub(super) fn code_block_text(&mut self, text: &str) {
        if let Some((_, buf)) = &mut self.code {
            buf.push_str(text);
        }
    }

    /// Closes the open code block, if any, keeping the first word of its command lines.
    pub(super) fn code_block_end(&mut self) {
        let Some((mut block, text)) = self.code.take() else {
            return;
        };
        for line in text.lines() {
            block.lines += 1;
            if block.first_words.len() < CodeBlock::MAX_COMMANDS
                && let Some(word) = command_word(line)
            {
                block.first_words.push(word.to_ascii_lowercase());
            }
        }
        self.doc.code_blocks.push(block);
    }

    /// Opens a table whose header row is at `line`.
    pub(super) fn table_start(&mut self, line: u32) {
        self.table_end();
        let table = Table {
            line,
            header: Vec::new(),
            rows: 0,
        };
        self.table = Some((table, String::new(), true));
    }

    /// Text inside a header cell of the open table.
    pub(super) fn table_text(&mut self, text: &str) {
        if let Some((_, cell, true)) = &mut self.table {
            cell.push_str(text);
        }
    }

    /// A header cell ended.
    pub(super) fn table_cell_end(&mut self) {
        if let Some((table, cell, true)) = &mut self.table {
            table.header.push(collapse_ws(cell));
            cell.clear();
        }
    }

    /// The header row ended; rows that follow are body rows.
    pub(super) fn table_head_end(&mut self) {
        if let Some((_, _, head)) = &mut self.table {
            *head = false;
        }
    }

    /// A body row started.
    pub(super) fn table_row(&mut self) {
        if let Some((table, _, false)) = &mut self.table {
            table.rows += 1;
        }
    }

    /// Closes the open table, if any.
    pub(super) fn table_end(&mut self) {
        if let Some((table, _, _)) = self.table.take() {
            self.doc.tables.push(table);
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
        self.code_block_end();
        self.table_end();
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

/// The command a line of a code block runs: its first word once a shell prompt (`$`, `%`,
/// `>`, `PS>`, `❯`), `sudo` and `VAR=value` assignments are removed. Comment lines (`#`, `//`)
/// and lines that do not start with a letter, `.` or `/` (YAML, JSON, output) have none.
fn command_word(line: &str) -> Option<&str> {
    let mut t = line.trim();
    for prompt in ["PS>", "$", "%", ">", "❯"] {
        if let Some(rest) = t.strip_prefix(prompt)
            && rest.starts_with(' ')
        {
            t = rest.trim_start();
            break;
        }
    }
    let mut words = t.split_whitespace().peekable();
    loop {
        let word = words.next()?;
        let assignment = word.contains('=') && !word.starts_with('=') && !word.starts_with('-');
        // `bundle exec rake …` runs rake: the wrapper says nothing of the task.
        let wrapper = word == "bundle" && words.peek() == Some(&"exec");
        if word == "sudo" || assignment || wrapper {
            if wrapper {
                words.next();
            }
            continue;
        }
        let word = word.trim_end_matches([';', '\\']);
        let first = word.chars().next()?;
        let ok = (first.is_ascii_alphabetic() || first == '.' || first == '/')
            && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
        return ok.then_some(word);
    }
}

/// True for `scheme:…`, `//host/…` and bare email addresses.
pub(super) fn is_external(target: &str) -> bool {
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
fn placeholders_in(line: &str) -> Vec<String> {
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
fn inline_field(line: &str, next: Option<&str>) -> Option<(String, String)> {
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
pub(super) enum FrontMatterScan {
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
