//! The non-Markdown parsers: AsciiDoc, reStructuredText, HTML and plain text, plus the small
//! HTML tag scanner that Markdown's HTML blocks reuse.
//!
//! Each reads the whole text into the shared [`Builder`] of `parse.rs`. They are line or tag
//! scanners, not full implementations: enough for titles, headings, links, code spans, comments
//! and metadata. Verbatim blocks (AsciiDoc `----`, reST `::` literal blocks, HTML `<pre>`,
//! `<script>`, `<style>`) are never read as prose. All slicing happens at ASCII delimiters, so
//! hostile or lossily decoded input cannot make them panic.

use super::builder::{Builder, collapse_ws, to_u32, truncate};

/// Longest heading text kept (an unclosed `<h1>` would otherwise swallow the page).
const HEADING_MAX: usize = 300;

/// Bare URL schemes recognised in plain prose.
const URL_SCHEMES: [&str; 4] = ["https://", "http://", "ftp://", "mailto:"];

/// Bare URLs in a line of prose: (byte offset, url), trailing punctuation trimmed.
fn find_urls(line: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    for scheme in URL_SCHEMES {
        for (i, _) in line.match_indices(scheme) {
            let boundary = line[..i].chars().last().is_none_or(|c| !c.is_alphanumeric());
            if !boundary {
                continue;
            }
            let len = line[i..]
                .find(|c: char| c.is_whitespace() || "<>\"'[]`".contains(c))
                .unwrap_or(line.len() - i);
            let mut url = &line[i..i + len];
            while let Some(last) = url.chars().last() {
                let unbalanced = last == ')' && url.matches('(').count() < url.matches(')').count();
                if ".,;:!?*_".contains(last) || unbalanced {
                    url = &url[..url.len() - 1];
                } else {
                    break;
                }
            }
            if url.len() > scheme.len() {
                found.push((i, url));
            }
        }
    }
    found.sort_by_key(|f| f.0);
    found
}

/// Spans between a pair of `delim` (e.g. "`" or "``"), non-empty, in order.
fn delimited_spans<'a>(line: &'a str, delim: &str) -> Vec<&'a str> {
    let mut spans = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(delim) {
        let after = &rest[start + delim.len()..];
        let Some(end) = after.find(delim) else { break };
        let inner = &after[..end];
        if !inner.trim().is_empty() {
            spans.push(inner);
        }
        rest = &after[end + delim.len()..];
    }
    spans
}

/// Replaces `line[start..end]` with spaces (both ends at ASCII delimiters), so later scans skip it.
fn blank(line: &mut String, start: usize, end: usize) {
    if line.is_char_boundary(start) && line.is_char_boundary(end) && start <= end {
        line.replace_range(start..end, &" ".repeat(end - start));
    }
}

/// One prose line shared by the line-based formats: words, first text, placeholders, fields.
fn prose_line(b: &mut Builder, raw: &str, line: u32, next: Option<&str>) {
    b.prose(raw.trim());
    b.end_first_text();
    b.prose_line(raw, line, next);
}

/// AsciiDoc: `=`…`======` headings, header `:attr: value` entries (as front matter, format
/// `asciidoc`, unless a YAML/TOML block came first), `//` comments, `link:`/`xref:`/`image:`/
/// `include::` macros, `<<xrefs>>`, bare URLs and backtick code spans. `[[id]]`/`[#id]` before
/// a heading becomes its anchor.
pub(super) fn parse_asciidoc(b: &mut Builder, text: &str, body_start: usize) {
    let first_line = b.lines.line(body_start) as usize;
    let lines: Vec<&str> = text[body_start..].lines().collect();
    let mut verbatim: Option<String> = None;
    let mut comment_block: Option<(u32, String)> = None;
    let mut in_header = true;
    let mut attrs = serde_json::Map::new();
    let mut attrs_end = 0u32;
    let mut pending_id: Option<String> = None;
    let mut source_style: Option<String> = None;
    for (i, raw) in lines.iter().enumerate() {
        let line = to_u32(first_line + i);
        let t = raw.trim_end();
        if let Some(delim) = &verbatim {
            if t == delim {
                verbatim = None;
                b.code_block_end();
                if let Some((start, body)) = comment_block.take() {
                    b.comment(&body, start);
                }
            } else if let Some((_, body)) = &mut comment_block {
                body.push_str(t);
                body.push('\n');
            } else {
                b.code_block_text(t);
                b.code_block_text("\n");
            }
            continue;
        }
        if is_adoc_delimiter(t) {
            if t.starts_with("////") {
                comment_block = Some((line, String::new()));
            } else {
                b.end_first_text();
                b.content();
                if t.starts_with("----") || t.starts_with("....") || t.starts_with("```") {
                    let info = source_style
                        .take()
                        .unwrap_or_else(|| t.trim_start_matches('`').to_string());
                    b.code_block_start(line, &info);
                }
            }
            verbatim = Some(t.to_string());
            continue;
        }
        // `[source,bash]` before a listing names its language.
        if let Some(style) = t.strip_prefix("[source") {
            source_style = Some(style.trim_end_matches(']').to_string());
        } else if !t.trim().is_empty() && !t.starts_with('.') {
            source_style = None;
        }
        if t.starts_with(". ") || t.starts_with(".. ") {
            b.doc.ordered_items += 1;
        }
        if let Some(c) = t.strip_prefix("//") {
            b.comment(c, line);
            continue;
        }
        if let Some((level, title)) = adoc_heading(t) {
            b.heading(level, title, line, pending_id.take());
            b.doc.words += title.split_whitespace().count();
            if level == 1 && b.declared_title.is_none() {
                b.declared_title = Some(collapse_ws(title));
            } else {
                in_header = false;
            }
            continue;
        }
        if let Some((name, value)) = adoc_attribute(t) {
            if in_header {
                attrs.insert(name.to_string(), value.into());
                attrs_end = line;
            }
            continue;
        }
        if let Some(id) = block_anchor(t) {
            pending_id = Some(id.to_string());
            continue;
        }
        if t.trim().is_empty() {
            b.end_first_text();
            continue;
        }
        in_header = false;
        adoc_links(b, t, line);
        for code in delimited_spans(t, "`") {
            b.code_span(code, line);
        }
        // Block macros and attribute lists are markup, not prose.
        if t.starts_with("include::") || t.starts_with("image::") || t.starts_with('[') {
            b.content();
            continue;
        }
        prose_line(b, t, line, lines.get(i + 1).copied());
    }
    if let Some((start, body)) = comment_block {
        b.comment(&body, start);
    }
    if b.doc.front_matter.is_none() && b.doc.front_matter_error.is_none() && !attrs.is_empty() {
        b.doc.front_matter = Some(super::model::FrontMatter {
            format: "asciidoc".to_string(),
            fields: attrs,
            end_line: attrs_end,
        });
    }
}

/// A delimiter line of a verbatim AsciiDoc block (listing, literal, passthrough, comment, fence).
fn is_adoc_delimiter(t: &str) -> bool {
    if t.starts_with("```") {
        return true;
    }
    let Some(c) = t.chars().next() else {
        return false;
    };
    "-.+/".contains(c) && t.len() >= 4 && t.chars().all(|x| x == c)
}

/// `== Title` → (2, "Title"); at most six `=` and a space.
fn adoc_heading(t: &str) -> Option<(u8, &str)> {
    let level = t.len() - t.trim_start_matches('=').len();
    let rest = &t[level..];
    if !(1..=6).contains(&level) || !rest.starts_with(' ') || rest.trim().is_empty() {
        return None;
    }
    Some((u8::try_from(level).unwrap_or(6), rest.trim()))
}

/// `:name: value` → (name, value); unsetting (`:name!:`) is not a value.
fn adoc_attribute(t: &str) -> Option<(&str, &str)> {
    let rest = t.strip_prefix(':')?;
    let end = rest.find(':')?;
    let name = &rest[..end];
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && name.starts_with(|c: char| c.is_alphanumeric() || c == '_');
    valid.then(|| (name, rest[end + 1..].trim()))
}

/// `[[id]]` or `[#id]` alone on a line: the next heading's explicit anchor.
fn block_anchor(t: &str) -> Option<&str> {
    let id = t
        .strip_prefix("[[")
        .and_then(|r| r.strip_suffix("]]"))
        .or_else(|| t.strip_prefix("[#").and_then(|r| r.strip_suffix(']')))?;
    let id = id.split([',', '.']).next()?.trim();
    (!id.is_empty() && !id.contains(char::is_whitespace)).then_some(id)
}

/// AsciiDoc link macros, cross references and bare URLs in one line.
fn adoc_links(b: &mut Builder, t: &str, line: u32) {
    let mut rest = t.to_string();
    let mut found: Vec<(usize, String, bool)> = Vec::new();
    for (macro_name, image) in [
        ("include::", false),
        ("image::", true),
        ("image:", true),
        ("link:", false),
        ("xref:", false),
    ] {
        let hits: Vec<usize> = rest.match_indices(macro_name).map(|(i, _)| i).collect();
        for i in hits {
            let boundary = rest[..i].chars().last().is_none_or(|c| !c.is_alphanumeric());
            let after = &rest[i + macro_name.len()..];
            let Some(end) = after.find('[') else { continue };
            let target = &after[..end];
            if !boundary || target.is_empty() || target.contains(char::is_whitespace) || target.starts_with(':') {
                continue;
            }
            found.push((i, target.to_string(), image));
            let stop = i + macro_name.len() + end;
            blank(&mut rest, i, stop);
        }
    }
    let mut search = 0;
    while let Some(open) = rest[search..].find("<<") {
        let start = search + open;
        let Some(close) = rest[start..].find(">>") else {
            break;
        };
        let inner = &rest[start + 2..start + close];
        let id = inner.split(',').next().unwrap_or("").trim();
        if !id.is_empty() && !id.contains(char::is_whitespace) {
            let target = if id.contains('#') || id.contains(".adoc") {
                id.to_string()
            } else {
                format!("#{id}")
            };
            found.push((start, target, false));
        }
        search = start + close + 2;
    }
    for (i, url) in find_urls(&rest) {
        found.push((i, url.to_string(), false));
    }
    found.sort_by_key(|f| f.0);
    for (_, target, image) in found {
        b.link(&target, line, image);
    }
}

/// reStructuredText: over/underlined section titles (levels in order of first appearance),
/// a leading field list as front matter (format `rst`), `..` comments, `` `text <url>`_ ``,
/// `.. _name: url` targets, `:doc:` roles, bare URLs, ``` ``code`` ``` spans; literal blocks
/// after `::` and code directives are skipped.
pub(super) fn parse_rst(b: &mut Builder, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let mut styles: Vec<(char, bool)> = Vec::new();
    let mut fields = serde_json::Map::new();
    let mut fields_end = 0u32;
    let mut in_docinfo = true;
    // Indentation that ends the current literal block or comment, and whether it is a comment.
    let mut skip: Option<(usize, Option<(u32, String)>)> = None;
    let mut prev_blank_or_heading = true;
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let line = to_u32(i + 1);
        let indent = raw.len() - raw.trim_start().len();
        if let Some((base, comment)) = &mut skip {
            if raw.trim().is_empty() || indent > *base {
                prev_blank_or_heading = raw.trim().is_empty();
                if let Some((_, body)) = comment {
                    body.push_str(raw.trim());
                    body.push('\n');
                } else {
                    b.code_block_text(raw.trim());
                    b.code_block_text("\n");
                }
                i += 1;
                continue;
            }
            if let Some((start, body)) = comment.take() {
                b.comment(&body, start);
            }
            b.code_block_end();
            skip = None;
        }
        if let Some((ch, over, title_idx, consumed)) = rst_title(&lines, i, prev_blank_or_heading) {
            let style = (ch, over);
            let level = match styles.iter().position(|s| *s == style) {
                Some(p) => p + 1,
                None => {
                    styles.push(style);
                    styles.len()
                }
            };
            let title = lines[title_idx].trim();
            b.heading(
                u8::try_from(level.min(6)).unwrap_or(6),
                title,
                to_u32(title_idx + 1),
                None,
            );
            b.doc.words += title.split_whitespace().count();
            i += consumed;
            prev_blank_or_heading = true;
            continue;
        }
        let t = raw.trim_end();
        prev_blank_or_heading = t.trim().is_empty();
        if t.trim().is_empty() {
            b.end_first_text();
            i += 1;
            continue;
        }
        if let Some(rest) = t.trim_start().strip_prefix("..") {
            let rest = rest.trim();
            if let Some(target) = rest
                .strip_prefix('_')
                .and_then(|r| r.split_once(": "))
                .map(|(_, t)| t.trim())
            {
                b.link(target, line, false);
            } else if rest.contains("::") && !rest.starts_with('[') {
                // A directive: code directives start a literal block; others hold prose.
                let name = rest.split("::").next().unwrap_or("").trim();
                if matches!(name, "code-block" | "code" | "sourcecode" | "literalinclude" | "raw") {
                    skip = Some((indent, None));
                    let lang = rest.split_once("::").map_or("", |(_, l)| l.trim());
                    b.code_block_start(line, lang);
                }
                b.content();
            } else if !rest.starts_with('|') && !rest.starts_with('[') {
                let mut body = rest.to_string();
                body.push('\n');
                skip = Some((indent, Some((line, body))));
            }
            i += 1;
            continue;
        }
        if indent == 0
            && let Some((key, value)) = rst_field(t)
        {
            if in_docinfo {
                fields.insert(key.to_string(), value.into());
                fields_end = line;
            } else {
                b.doc.inline_fields.push((key.to_string(), value.to_string(), line));
            }
            b.content();
            i += 1;
            continue;
        }
        in_docinfo = false;
        rst_links(b, t, line);
        for code in delimited_spans(t, "``") {
            b.code_span(code, line);
        }
        let item = t.trim_start();
        let numbered = item
            .split_once(". ")
            .is_some_and(|(n, _)| n == "#" || (!n.is_empty() && n.len() <= 3 && n.bytes().all(|c| c.is_ascii_digit())));
        if numbered {
            b.doc.ordered_items += 1;
        }
        prose_line(b, t, line, lines.get(i + 1).copied());
        if t.ends_with("::") {
            skip = Some((indent, None));
            b.code_block_start(line + 1, "");
        }
        i += 1;
    }
    if let Some((_, Some((start, body)))) = skip {
        b.comment(&body, start);
    }
    b.code_block_end();
    if !fields.is_empty() {
        b.doc.front_matter = Some(super::model::FrontMatter {
            format: "rst".to_string(),
            fields,
            end_line: fields_end,
        });
    }
}

/// A line of one repeated punctuation character, at least two long (a reST adornment).
fn rst_adornment(l: &str) -> Option<(char, usize)> {
    let t = l.trim_end();
    let c = t.chars().next()?;
    let ok = c.is_ascii_punctuation() && t.chars().count() >= 2 && t.chars().all(|x| x == c);
    ok.then(|| (c, t.chars().count()))
}

/// A section title starting at `i`: (char, overlined, index of the title line, lines used).
fn rst_title(lines: &[&str], i: usize, after_break: bool) -> Option<(char, bool, usize, usize)> {
    let text_ok = |l: &str| !l.trim().is_empty() && !l.starts_with(char::is_whitespace) && rst_adornment(l).is_none();
    if let Some((c, len)) = rst_adornment(lines[i])
        && let (Some(title), Some(under)) = (lines.get(i + 1), lines.get(i + 2))
        && rst_adornment(under) == Some((c, len))
        && !title.trim().is_empty()
        && title.trim().chars().count() <= len
    {
        return Some((c, true, i + 1, 3));
    }
    let under = lines.get(i + 1)?;
    let (c, len) = rst_adornment(under)?;
    let fits = len >= lines[i].trim_end().chars().count();
    (after_break && text_ok(lines[i]) && fits).then_some((c, false, i, 2))
}

/// `:Key: value` field-list line.
fn rst_field(t: &str) -> Option<(&str, &str)> {
    let rest = t.strip_prefix(':')?;
    let end = rest.find(':')?;
    let key = rest[..end].trim();
    let value = rest[end + 1..].trim();
    let valid = !key.is_empty() && !key.contains('`') && !value.is_empty() && !value.starts_with('`');
    valid.then_some((key, value))
}

/// reST hyperlinks `` `text <target>`_ ``, `:doc:` roles and bare URLs in one line.
fn rst_links(b: &mut Builder, t: &str, line: u32) {
    let mut rest = t.to_string();
    let mut found: Vec<(usize, String)> = Vec::new();
    let ends: Vec<usize> = rest.match_indices(">`_").map(|(i, _)| i).collect();
    for end in ends {
        if let Some(open) = rest[..end].rfind('<') {
            found.push((open, rest[open + 1..end].trim().to_string()));
            blank(&mut rest, open, end);
        }
    }
    let roles: Vec<usize> = rest.match_indices(":doc:`").map(|(i, _)| i).collect();
    for i in roles {
        let inner_start = i + 6;
        let Some(len) = rest[inner_start..].find('`') else {
            continue;
        };
        let inner = &rest[inner_start..inner_start + len];
        let target = match (inner.rfind('<'), inner.ends_with('>')) {
            (Some(open), true) => &inner[open + 1..inner.len() - 1],
            _ => inner,
        };
        found.push((i, target.trim().to_string()));
        blank(&mut rest, i, inner_start + len);
    }
    for (i, url) in find_urls(&rest) {
        found.push((i, url.to_string()));
    }
    found.sort_by_key(|f| f.0);
    for (_, target) in found {
        b.link(&target, line, false);
    }
}

/// Plain text: the first non-empty line is the title when short; bare URLs are links.
pub(super) fn parse_plain(b: &mut Builder, text: &str) {
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    if let Some(first) = lines.iter().map(|l| l.trim()).find(|l| !l.is_empty())
        && first.chars().count() <= 120
    {
        b.declared_title = Some(first.to_string());
    }
    for (i, raw) in lines.iter().enumerate() {
        let line = to_u32(i + 1);
        if raw.trim().is_empty() {
            continue;
        }
        for (_, url) in find_urls(raw) {
            b.link(url, line, false);
        }
        prose_line(b, raw, line, lines.get(i + 1).copied());
    }
}

/// One HTML token.
enum Tok<'a> {
    /// `<!-- inner -->` (unterminated comments run to the end).
    Comment { at: usize, inner: &'a str },
    /// A start or end tag, name lower-cased; `attrs` is the raw text after the name.
    Tag {
        at: usize,
        name: String,
        closing: bool,
        attrs: &'a str,
    },
    /// Text between tags, entities not yet decoded.
    Text { at: usize, text: &'a str },
}

/// Tokenizes `text[start..end]`; the content of `<script>` and `<style>` is dropped.
fn html_tokens(text: &str, start: usize, end: usize) -> Vec<Tok<'_>> {
    let end = end.min(text.len());
    let s = &text[..end];
    let bytes = s.as_bytes();
    let lower = s.to_ascii_lowercase();
    let mut toks = Vec::new();
    let mut i = start;
    let mut text_start = start;
    while i < end {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if s[i..].starts_with("<!--") {
            push_text(&mut toks, s, text_start, i);
            let inner_start = i + 4;
            let (inner_end, next) = match s[inner_start..].find("-->") {
                Some(c) => (inner_start + c, inner_start + c + 3),
                None => (end, end),
            };
            toks.push(Tok::Comment {
                at: i,
                inner: &s[inner_start..inner_end],
            });
            i = next;
            text_start = i;
            continue;
        }
        let closing = bytes.get(i + 1) == Some(&b'/');
        let name_start = if closing { i + 2 } else { i + 1 };
        let mut k = name_start;
        while k < end && (bytes[k].is_ascii_alphanumeric() || bytes[k] == b'-' || bytes[k] == b':') {
            k += 1;
        }
        let declaration = matches!(bytes.get(i + 1), Some(b'!' | b'?'));
        if k == name_start && !declaration {
            // A lone `<` ("a < b") is text.
            i += 1;
            continue;
        }
        let mut quote: Option<u8> = None;
        let mut m = k;
        while m < end {
            let c = bytes[m];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None => {}
            }
            m += 1;
        }
        push_text(&mut toks, s, text_start, i);
        if !declaration {
            let name = lower[name_start..k].to_string();
            let raw_text = !closing && (name == "script" || name == "style");
            toks.push(Tok::Tag {
                at: i,
                name: name.clone(),
                closing,
                attrs: &s[k..m],
            });
            i = (m + 1).min(end);
            if raw_text {
                i = lower[i..].find(&format!("</{name}")).map_or(end, |p| i + p);
            }
        } else {
            i = (m + 1).min(end);
        }
        text_start = i;
    }
    if end > text_start {
        toks.push(Tok::Text {
            at: text_start,
            text: &s[text_start..end],
        });
    }
    toks
}

/// Pushes `s[from..to]` as a text token when non-empty.
fn push_text<'a>(toks: &mut Vec<Tok<'a>>, s: &'a str, from: usize, to: usize) {
    if to > from {
        toks.push(Tok::Text {
            at: from,
            text: &s[from..to],
        });
    }
}

/// The value of attribute `want` in a tag's raw attribute text, entities decoded.
fn attr(attrs: &str, want: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !b"=/>\"'".contains(&b[i]) {
            i += 1;
        }
        let name = &attrs[name_start..i];
        if name.is_empty() {
            i += 1;
            continue;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if let Some(&q) = b.get(i).filter(|c| **c == b'"' || **c == b'\'') {
                let v_start = i + 1;
                let v_end = attrs[v_start..].find(q as char).map_or(attrs.len(), |p| v_start + p);
                value = &attrs[v_start..v_end];
                i = (v_end + 1).min(b.len());
            } else {
                let v_start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = &attrs[v_start..i];
            }
        }
        if name.eq_ignore_ascii_case(want) {
            return Some(decode_entities(value));
        }
    }
    None
}

/// Decodes the common named entities and numeric character references.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&p| p <= 10);
        let decoded = semi.and_then(|p| {
            let name = &after[..p];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse::<u32>().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, p))
        });
        match decoded {
            Some((c, p)) => {
                out.push(c);
                rest = &after[p + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Comments and links of an HTML fragment inside Markdown; true when it shows any text or image.
pub(super) fn scan_html_fragment(b: &mut Builder, text: &str, start: usize, end: usize) -> bool {
    let mut visible = false;
    for tok in html_tokens(text, start, end) {
        match tok {
            Tok::Comment { at, inner } => {
                let line = b.lines.line(at);
                b.comment(inner, line);
            }
            Tok::Tag {
                at,
                name,
                closing: false,
                attrs,
            } => {
                let line = b.lines.line(at);
                let named = if name == "a" { attr(attrs, "name") } else { None };
                b.doc.html_anchors.extend(attr(attrs, "id").into_iter().chain(named));
                match name.as_str() {
                    "a" => {
                        if let Some(href) = attr(attrs, "href") {
                            b.link(&href, line, false);
                        }
                    }
                    "img" => {
                        visible = true;
                        if let Some(src) = attr(attrs, "src") {
                            b.link(&src, line, true);
                        }
                    }
                    _ => {}
                }
            }
            Tok::Tag { .. } => {}
            Tok::Text { text, .. } => visible |= !text.trim().is_empty(),
        }
    }
    visible
}

/// Closes an HTML list item (`Some(true)`: it started with a relative link) and counts it.
fn finish_li(b: &mut Builder, li: &mut Option<Option<bool>>) {
    if li.take() == Some(Some(true)) {
        b.doc.link_list_items += 1;
    }
}

/// HTML: `<title>` (not inside `<svg>`), `<h1>`–`<h6>` (their `id` is the anchor), `<a href>`,
/// `<img src>`, `<code>` outside `<pre>`, comments, list items; text outside headings is prose.
pub(super) fn parse_html(b: &mut Builder, text: &str, start: usize) {
    let mut heading: Option<(u8, u32, Option<String>, String)> = None;
    let mut title: Option<String> = None;
    let mut code: Option<(u32, String)> = None;
    let (mut pre, mut svg, mut in_a) = (0usize, 0usize, 0usize);
    // Per open list item: whether it started with a relative link (None: nothing seen yet).
    let mut li: Option<Option<bool>> = None;
    // Per open list: whether it is ordered; whether in a header cell; whether a table's first
    // row was seen (rows after it are body rows).
    let mut lists: Vec<bool> = Vec::new();
    let (mut th, mut th_row_seen) = (false, false);
    let finish_heading = |b: &mut Builder, h: Option<(u8, u32, Option<String>, String)>| {
        if let Some((level, line, id, htext)) = h {
            let htext = truncate(&collapse_ws(&htext), HEADING_MAX);
            b.doc.words += htext.split_whitespace().count();
            b.heading(level, &htext, line, id);
        }
    };
    for tok in html_tokens(text, start, text.len()) {
        match tok {
            Tok::Comment { at, inner } => {
                let line = b.lines.line(at);
                b.comment(inner, line);
            }
            Tok::Tag {
                at,
                name,
                closing,
                attrs,
            } => {
                let line = b.lines.line(at);
                let heading_level = match name.as_bytes() {
                    [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
                    _ => None,
                };
                match (name.as_str(), closing) {
                    (_, false) if heading_level.is_some() => {
                        finish_heading(b, heading.take());
                        let level = heading_level.unwrap_or(1);
                        heading = Some((level, line, attr(attrs, "id"), String::new()));
                    }
                    (_, true) if heading_level.is_some() => finish_heading(b, heading.take()),
                    ("title", false) if svg == 0 && b.declared_title.is_none() => title = Some(String::new()),
                    ("title", true) => {
                        if let Some(t) = title.take().map(|t| collapse_ws(&t)).filter(|t| !t.is_empty()) {
                            b.declared_title = Some(truncate(&t, HEADING_MAX));
                        }
                    }
                    ("a", false) => {
                        in_a += 1;
                        if let Some(href) = attr(attrs, "href") {
                            b.link(&href, line, false);
                            if let Some(lead) = &mut li {
                                let l = b.doc.links.last().map(|l| !l.external && !l.target.starts_with('#'));
                                lead.get_or_insert(l.unwrap_or(false));
                            }
                        }
                    }
                    ("a", true) => in_a = in_a.saturating_sub(1),
                    ("img", false) => {
                        b.content();
                        if let Some(src) = attr(attrs, "src") {
                            b.link(&src, line, true);
                        }
                    }
                    ("pre", false) => {
                        pre += 1;
                        if pre == 1 {
                            let class = attr(attrs, "class").unwrap_or_default();
                            b.code_block_start(line, &class);
                        }
                    }
                    ("pre", true) => {
                        pre = pre.saturating_sub(1);
                        if pre == 0 {
                            b.code_block_end();
                        }
                    }
                    ("ol" | "ul", false) => lists.push(name == "ol"),
                    ("ol" | "ul", true) => {
                        lists.pop();
                        finish_li(b, &mut li);
                    }
                    ("table", false) => {
                        th_row_seen = false;
                        b.table_start(line);
                    }
                    ("table", true) => b.table_end(),
                    ("th", false) => th = true,
                    ("th", true) => {
                        th = false;
                        b.table_cell_end();
                    }
                    ("thead", true) => b.table_head_end(),
                    ("tr", false) => {
                        if !th_row_seen {
                            th_row_seen = true;
                        } else {
                            b.table_head_end();
                            b.table_row();
                        }
                    }
                    ("svg", closing) => svg = if closing { svg.saturating_sub(1) } else { svg + 1 },
                    ("code", false) if pre == 0 => code = Some((line, String::new())),
                    ("code", true) => {
                        if let Some((cline, ctext)) = code.take() {
                            b.code_span(&collapse_ws(&ctext), cline);
                        }
                    }
                    ("li", false) => {
                        finish_li(b, &mut li);
                        b.doc.list_items += 1;
                        if lists.last() == Some(&true) {
                            b.doc.ordered_items += 1;
                        }
                        li = Some(None);
                    }
                    ("li", true) => finish_li(b, &mut li),
                    _ => {}
                }
                if matches!(name.as_str(), "p" | "div" | "br" | "li" | "tr" | "table" | "ul" | "ol") {
                    b.end_first_text();
                }
            }
            Tok::Text { at, text: raw } => {
                let decoded = decode_entities(raw);
                if let Some(t) = &mut title {
                    t.push_str(&decoded);
                    continue;
                }
                if let Some((_, _, _, h)) = &mut heading {
                    if h.len() < HEADING_MAX * 4 {
                        h.push_str(&decoded);
                    }
                    continue;
                }
                if svg > 0 || decoded.trim().is_empty() {
                    continue;
                }
                if let Some((_, c)) = &mut code {
                    c.push_str(&decoded);
                }
                if pre > 0 {
                    b.code_block_text(&decoded);
                }
                if th {
                    b.table_text(&decoded);
                }
                let n = decoded.split_whitespace().count();
                if in_a > 0 {
                    b.doc.link_words += n;
                }
                if let Some(lead) = &mut li {
                    lead.get_or_insert(false);
                }
                b.prose(&decoded);
                let first_line = b.lines.line(at);
                for (k, part) in raw.split('\n').enumerate() {
                    if pre == 0 && !part.trim().is_empty() {
                        b.prose_line(&decode_entities(part), first_line + to_u32(k), None);
                    }
                }
            }
        }
    }
    finish_heading(b, heading.take());
    finish_li(b, &mut li);
}

#[cfg(test)]
mod tests {
    use super::super::{DocFormat, Located, ParsedDoc, parse};
    use pretty_assertions::assert_eq;

    fn headings(doc: &ParsedDoc) -> Vec<(u8, &str, u32, &str)> {
        doc.headings
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.line, h.anchor.as_str()))
            .collect()
    }

    fn links(doc: &ParsedDoc) -> Vec<(&str, u32, bool)> {
        doc.links
            .iter()
            .map(|l| (l.target.as_str(), l.line, l.external))
            .collect()
    }

    fn located(v: &[Located]) -> Vec<(&str, u32)> {
        v.iter().map(|l| (l.text.as_str(), l.line)).collect()
    }

    #[test]
    fn asciidoc() {
        let text = "= Payments Runbook\n:owner: platform\n:revdate: 2024-02-01\n\nIntro with link:../deploy.adoc[deploy] and https://grafana.example/d/1[Grafana].\n\n[[symptoms]]\n== Symptoms\n\nCheck `kubectl logs`. TODO\n\n----\n== not a heading\nTODO in code\n----\n\n// a line comment\n////\nblock comment\n////\n\n=== Sub Section\n== Escalation\nSee <<symptoms>> and xref:other.adoc#top[Other].\nimage::diagram.png[]\n";
        let doc = parse("r.adoc", DocFormat::AsciiDoc, text);
        assert_eq!(doc.title.as_deref(), Some("Payments Runbook"));
        assert_eq!(
            headings(&doc),
            [
                (1, "Payments Runbook", 1, "payments-runbook"),
                (2, "Symptoms", 8, "symptoms"),
                (3, "Sub Section", 22, "sub-section"),
                (2, "Escalation", 23, "escalation")
            ]
        );
        let fm = doc.front_matter.as_ref().unwrap();
        assert_eq!((fm.format.as_str(), fm.end_line), ("asciidoc", 3));
        assert_eq!(fm.fields["owner"], serde_json::json!("platform"));
        assert_eq!(
            links(&doc),
            [
                ("../deploy.adoc", 5, false),
                ("https://grafana.example/d/1", 5, true),
                ("#symptoms", 24, false),
                ("other.adoc#top", 24, false),
                ("diagram.png", 25, false),
            ]
        );
        assert_eq!(located(&doc.code_spans), [("kubectl logs", 10)]);
        assert_eq!(located(&doc.placeholders), [("TODO", 10)]);
        assert_eq!(located(&doc.comments), [("a line comment", 17), ("block comment", 18)]);
        assert_eq!(located(&doc.empty_sections), [("Sub Section", 22)]);
    }

    #[test]
    fn restructured_text() {
        let text = "=================\nDatabase Failover\n=================\n\n:Owner: dba-team\n:Status: Draft\n\nSymptoms\n========\n\nReplication lag alerts, see `dashboard <https://grafana/x>`_ and :doc:`restore <../restore>`.\nRun ``pg_ctl promote``. FIXME\n\n.. a comment\n   continued\n\n.. _runbook: docs/other.rst\n\nMitigation\n==========\n\nExample::\n\n    TODO inside literal\n\nDetails\n-------\n\nStatus: Accepted\n\n.. code-block:: sh\n\n   Not A Title\n   ===========\n";
        let doc = parse("r.rst", DocFormat::ReStructuredText, text);
        assert_eq!(
            headings(&doc),
            [
                (1, "Database Failover", 2, "database-failover"),
                (2, "Symptoms", 8, "symptoms"),
                (2, "Mitigation", 19, "mitigation"),
                (3, "Details", 26, "details")
            ]
        );
        assert_eq!(doc.title.as_deref(), Some("Database Failover"));
        let fm = doc.front_matter.as_ref().unwrap();
        assert_eq!((fm.format.as_str(), fm.end_line), ("rst", 6));
        assert_eq!(fm.fields["Status"], serde_json::json!("Draft"));
        assert_eq!(
            links(&doc),
            [
                ("https://grafana/x", 11, true),
                ("../restore", 11, false),
                ("docs/other.rst", 17, false)
            ]
        );
        assert_eq!(located(&doc.code_spans), [("pg_ctl promote", 12)]);
        assert_eq!(located(&doc.placeholders), [("FIXME", 12)]);
        assert_eq!(located(&doc.comments), [("a comment\ncontinued", 14)]);
        assert_eq!(doc.inline_fields, [("Status".to_string(), "Accepted".to_string(), 29)]);
        assert_eq!(
            doc.headings[1].first_text.as_deref(),
            Some("Replication lag alerts, see `dashboard <https://grafana/x>`_ and :doc:`restore <../restore>`.")
        );
    }

    #[test]
    fn html_with_hostile_content() {
        let text = "<!DOCTYPE html><html><head><title>Ops : Payments &amp; Billing</title>\n<script>document.write('<h1>fake</h1>')</script><style>h2{}</style></head>\n<body><svg><title>icon</title></svg>\n<H1 ID=\"Top\">Payments <em>Runbook</em></H1>\n<!-- <h2>commented</h2> -->\n<p>Alert fires. TODO a < b</p>\n<h2>Steps</h2><ul><li><a href=\"restart.html\">Restart</a></li><li><a href='https://x.example/?a=1&amp;b=2'>Ext</a></li></ul>\n<p><code>systemctl restart pay</code></p><pre><code>TODO not prose</code></pre>\n<a href=\"x>y\">odd</a>\n<h3>Unclosed <b>heading\n<h3>Next</h3>\n<h2>Empty</h2>\n<img src=\"d.png\"><h2>Last\n";
        let doc = parse("w.html", DocFormat::Html, text);
        assert_eq!(doc.title.as_deref(), Some("Ops : Payments & Billing"));
        assert_eq!(
            headings(&doc),
            [
                (1, "Payments Runbook", 4, "Top"),
                (2, "Steps", 7, "steps"),
                (3, "Unclosed heading", 10, "unclosed-heading"),
                (3, "Next", 11, "next"),
                (2, "Empty", 12, "empty"),
                (2, "Last", 13, "last"),
            ]
        );
        assert_eq!(
            links(&doc),
            [
                ("restart.html", 7, false),
                ("https://x.example/?a=1&b=2", 7, true),
                ("x>y", 9, false),
                ("d.png", 13, false)
            ]
        );
        assert_eq!(located(&doc.comments), [("<h2>commented</h2>", 5)]);
        assert_eq!(located(&doc.placeholders), [("TODO", 6)]);
        assert_eq!(located(&doc.code_spans), [("systemctl restart pay", 8)]);
        assert_eq!((doc.list_items, doc.link_list_items), (2, 1));
        assert_eq!(
            located(&doc.empty_sections),
            [("Unclosed heading", 10), ("Next", 11), ("Last", 13)]
        );
    }

    #[test]
    fn plain_text() {
        let doc = parse(
            "docs/INSTALL.txt",
            DocFormat::PlainText,
            "Installing Foo\n\nSee https://foo.example/install.\nStatus: draft\nTBD: ports\n",
        );
        assert_eq!(doc.title.as_deref(), Some("Installing Foo"));
        assert_eq!(links(&doc), [("https://foo.example/install", 3, true)]);
        assert_eq!(doc.inline_fields, [("Status".to_string(), "draft".to_string(), 4)]);
        assert_eq!(located(&doc.placeholders), [("TBD", 5)]);
        assert_eq!(doc.words, 8);
        assert_eq!(doc.headings, []);
    }

    #[test]
    fn structure_in_other_formats() {
        let adoc = parse(
            "x.adoc",
            DocFormat::AsciiDoc,
            "= Deploy\n\n. Log in\n. Run it\n\n[source,bash]\n----\n$ helm upgrade app ./chart\n----\n",
        );
        assert_eq!(adoc.ordered_items, 2);
        assert_eq!(
            adoc.code_blocks
                .iter()
                .map(|b| (b.lang.as_str(), b.first_words.clone()))
                .collect::<Vec<_>>(),
            [("bash", vec!["helm".to_string()])]
        );
        let rst = parse(
            "x.rst",
            DocFormat::ReStructuredText,
            "Deploy\n======\n\n#. Log in\n#. Run it\n\n.. code-block:: bash\n\n   kubectl get pods\n\nDone.\n",
        );
        assert_eq!(rst.ordered_items, 2);
        assert_eq!(
            rst.code_blocks
                .iter()
                .map(|b| (b.lang.as_str(), b.first_words.clone()))
                .collect::<Vec<_>>(),
            [("bash", vec!["kubectl".to_string()])]
        );
        let html = parse(
            "x.html",
            DocFormat::Html,
            "<h1>Deploy</h1><ol><li>Log in</li><li>Run</li></ol><ul><li>x</li></ul><pre class=\"language-sh\">aws s3 ls\n</pre><table><tr><th>System</th><th>Owner</th></tr><tr><td>AWS</td><td>Ops</td></tr></table>",
        );
        assert_eq!(html.ordered_items, 2);
        assert_eq!(
            html.code_blocks
                .iter()
                .map(|b| (b.lang.as_str(), b.first_words.clone()))
                .collect::<Vec<_>>(),
            [("sh", vec!["aws".to_string()])]
        );
        assert_eq!(
            html.tables
                .iter()
                .map(|t| (t.header.clone(), t.rows))
                .collect::<Vec<_>>(),
            [(vec!["System".to_string(), "Owner".to_string()], 1)]
        );
    }

    #[test]
    fn hostile_inputs_never_panic() {
        let inputs = [
            "",
            "<",
            "<!--",
            "<a href=\"",
            "<h1",
            "<h7>x</h7>",
            "<script>",
            "&#xFFFFFFFF; &#0; &",
            "<é>é</é>",
            "==",
            "= ",
            "----",
            "////\n",
            ":a:",
            "[[",
            "<<",
            "link:[",
            "..",
            ".. _x:",
            "::",
            "===\nx\n===",
            "x\n=\n",
            "é\n==",
            ":é: x",
            "``",
            "`x <y>`_",
            ":doc:`",
            "\u{fffd}<h2 id=\u{fffd}>\u{fffd}",
        ];
        for text in inputs {
            for format in [
                DocFormat::Html,
                DocFormat::AsciiDoc,
                DocFormat::ReStructuredText,
                DocFormat::PlainText,
                DocFormat::Markdown,
            ] {
                let _ = parse("x", format, text);
            }
        }
    }
}
