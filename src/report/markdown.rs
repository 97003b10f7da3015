//! Markdown escaping (CommonMark with GitHub's tables and strikethrough) for text from
//! repositories and reports, and Markdown links to files.
//!
//! `escape` is the Markdown registry's escape function: every `{{value}}` of a Markdown
//! template goes through it. It escapes what would change the rendering of a value *inside* a
//! line (a table cell, after a list marker's text, inside `**…**`), and nothing else (issue 15:
//! `\(s\)` and `Welcome\!` were noise): inline markup that could open (emphasis, links, raw
//! HTML, entities, backtick runs that do not pair, strikethrough) and the table separator `|`.
//! A value that starts a line or a list item goes through `escape_line_start` (the templates'
//! `line_start` helper), which also escapes the block markers a line can start with (`#`, `>`,
//! list bullets and numbers, thematic breaks): `1. Use Postgres` stays as it is in a table
//! cell, and becomes `1\. Use Postgres` only where it would start a list. A pair of
//! single backticks around text without `|` stays a code span: its content renders verbatim
//! (CommonMark code spans are inert), so messages that quote `paths` or `[sections]` keep their
//! code formatting. Line breaks are folded into spaces, and spaces at either end are written as
//! `&#32;` so that a cell or paragraph does not drop them or turn them into a hard break.
//! Control and bidirectional characters are replaced (`base::text`): a Markdown file is printed
//! on terminals too.
//!
//! The tests parse the escaped text with pulldown-cmark in every position the templates use and
//! check that the rendered text equals the input (code spans counted with their backticks).

use crate::base::text::{PLACEHOLDER, is_unsafe};

/// Escapes `text` for a Markdown template, inside a line (see the module's doc).
pub fn escape(text: &str) -> String {
    escape_in(text, false, false)
}

/// Escapes `text` for the start of a line or of a list item: `escape`, and the block marker it
/// would start with.
pub fn escape_line_start(text: &str) -> String {
    escape_in(text, false, true)
}

/// `escape`; inside a link's text also `]`, which would end it; at a line start also a block
/// marker.
fn escape_in(text: &str, link_text: bool, line_start: bool) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' => ' ',
            c if is_unsafe(c) => PLACEHOLDER,
            c => c,
        })
        .collect();
    let spans = code_spans(&chars);
    let start = chars.iter().take_while(|c| **c == ' ' || **c == '\t').count();
    let end = chars.len()
        - chars[start..]
            .iter()
            .rev()
            .take_while(|c| **c == ' ' || **c == '\t')
            .count();
    let block_marker = line_start && block_marker(&chars[start..end]);
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if let Some(&(open, close)) = spans.iter().find(|(open, _)| *open == i) {
            out.extend(&chars[open..=close]);
            i = close + 1;
            continue;
        }
        let c = chars[i];
        if i < start || i >= end {
            // Leading and trailing blanks: kept as they are, not stripped or made a hard break.
            out.push_str(if c == '\t' { "&#9;" } else { "&#32;" });
            i += 1;
            continue;
        }
        let prev = (i > start).then(|| chars[i - 1]);
        let next = chars.get(i + 1).copied().filter(|_| i + 1 < end);
        let escape = match c {
            // A backslash escapes the punctuation after it, and a trailing one would escape
            // the template's next character.
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            // Emphasis: `*` opens or closes unless blanks surround it; `_` only between
            // alphanumerics is inert (snake_case).
            '*' => !(prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_whitespace)),
            '_' => !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
            // Strikethrough.
            '~' => !(prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_whitespace)),
            // Links, images, footnotes and reference definitions all start with `[`.
            '[' => true,
            ']' => link_text,
            // The table separator: harmless elsewhere, but the escape is harmless too.
            '|' => true,
            // Backticks outside a code span of their own would pair with others.
            '`' => true,
            // Raw HTML, comments, autolinks.
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            // An entity or numeric character reference would be decoded.
            '&' => is_reference(&chars[i + 1..end]),
            _ => i == start && block_marker,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        // `1. ` and `1) ` start an ordered list: escape the delimiter, not the digits.
        if line_start
            && i == start
            && let Some(delimiter) = ordered_list_delimiter(&chars[start..end])
        {
            out.extend(&chars[start + 1..start + delimiter]);
            out.push('\\');
            out.push(chars[start + delimiter]);
            i = start + delimiter + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// Whether the text (blanks trimmed) starts with a block marker whose first character must be
/// escaped: an ATX heading, a block quote, a bullet, or a thematic break.
fn block_marker(chars: &[char]) -> bool {
    let Some(&first) = chars.first() else {
        return false;
    };
    let second = chars.get(1).copied();
    let blank_or_end = |c: Option<char>| c.is_none_or(|c| c == ' ' || c == '\t');
    match first {
        '>' => true,
        '#' => {
            let hashes = chars.iter().take_while(|c| **c == '#').count();
            hashes <= 6 && blank_or_end(chars.get(hashes).copied())
        }
        '-' | '+' => {
            blank_or_end(second)
                || (first == '-' && chars.iter().all(|c| matches!(c, '-' | ' ' | '\t')) && chars.len() >= 3)
        }
        '=' => chars.iter().all(|c| *c == '='),
        _ => false,
    }
}

/// For `12. x` or `3) x`: the index of the delimiter.
fn ordered_list_delimiter(chars: &[char]) -> Option<usize> {
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let delimiter = *chars.get(digits)?;
    let after = chars.get(digits + 1).copied();
    (matches!(delimiter, '.' | ')') && after.is_none_or(|c| c == ' ' || c == '\t')).then_some(digits)
}

/// Whether `&` followed by `rest` is an entity or character reference (`&amp;`, `&#32;`).
fn is_reference(rest: &[char]) -> bool {
    let body: Vec<char> = rest.iter().take_while(|c| **c != ';').copied().collect();
    if body.len() == rest.len() || body.is_empty() || body.len() > 32 {
        return false;
    }
    match body.as_slice() {
        ['#', 'x' | 'X', hex @ ..] => !hex.is_empty() && hex.iter().all(char::is_ascii_hexdigit),
        ['#', digits @ ..] => !digits.is_empty() && digits.iter().all(char::is_ascii_digit),
        name => name[0].is_ascii_alphabetic() && name.iter().all(char::is_ascii_alphanumeric),
    }
}

/// The code spans kept as they are: a backtick, text without backticks or `|` that does not
/// start or end with a blank, and a backtick; as (open, close) indices. Code spans are inert in
/// CommonMark, and their content renders verbatim. Backslashes in the content are taken
/// literally by CommonMark but would pair with the escaping of the rest, so a span holding one
/// is escaped like text.
fn code_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            i += 1;
            continue;
        }
        // A run of several backticks is escaped as text.
        let run = chars[i..].iter().take_while(|c| **c == '`').count();
        if run > 1 || (i > 0 && chars[i - 1] == '\\') {
            i += run;
            continue;
        }
        let Some(len) = chars[i + 1..].iter().position(|c| *c == '`') else {
            break;
        };
        let close = i + 1 + len;
        let content = &chars[i + 1..close];
        let doubled = chars.get(close + 1) == Some(&'`');
        let ok = !content.is_empty()
            && !doubled
            && !content.iter().any(|c| matches!(c, '|' | '\\'))
            && !content[0].is_whitespace()
            && !content[content.len() - 1].is_whitespace();
        if ok {
            spans.push((i, close));
            i = close + 1;
        } else {
            i += 1;
        }
    }
    spans
}

/// `[text](url)` with `text` escaped, or the escaped text alone without a URL. The URL comes
/// from `report::links` (an `https://` address on a known host with a percent-encoded path), so
/// it holds no blank, parenthesis or angle bracket; anything else is refused and the text is
/// written alone.
pub fn link(text: &str, url: Option<&str>) -> String {
    match url.filter(|u| safe_url(u)) {
        Some(url) => format!("[{}]({url})", escape_in(text, true, false)),
        None => escape(text),
    }
}

fn safe_url(url: &str) -> bool {
    url.starts_with("https://")
        && url
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/' | '%' | ':' | '#'))
}

/// Runs of blank lines made one, trailing blanks of the document dropped but its last line
/// break kept. Safe for the report's Markdown, which has no fenced code.
pub fn collapse_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if blank > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// Hostile and ordinary strings from repositories and reports.
    const STRINGS: &[&str] = &[
        "plain text",
        "3 service(s) found",
        "Welcome!",
        "![img](x.png)",
        "[link](javascript:alert(1))",
        "[ref]: https://example.com",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(3)> | `tick` [link](javascript:alert(1))",
        "a | b | c",
        "**bold** and *em* and _em_ and __strong__",
        "exit.credentials_revoked and snake_case_name",
        "__init__.py",
        "2 * 3 * 4",
        "* not a list",
        "- not a list",
        "+ not a list",
        "1. not a list",
        "42) not a list",
        "# not a heading",
        "###### not a heading",
        "#hashtag",
        "> not a quote",
        "---",
        "===",
        "a `code` span",
        "no front matter `status`, `## Status` section or `Status:` line",
        "`a|b` in a table",
        "`` double `` ticks",
        "unpaired ` tick",
        "` spaced `",
        "~~struck~~ and ~single~",
        "~/.config",
        "AT&T &amp; &#32; &#x41; & done",
        "back\\slash \\* \\` end\\",
        "C:\\Users\\x",
        "    four leading spaces",
        "trailing spaces  ",
        "tab\there",
        "<http://example.com>",
        "a < b > c",
        "{{handlebars}}",
        "$math$ and %percent%",
        "héllo wörld ✓ — “quotes”",
        "footnote[^1]",
        "line one\nline two",
    ];

    fn options() -> Options {
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
    }

    /// The rendered text of the events between the first start of `is_tag` and its end; code
    /// spans are counted with their backticks. Panics on raw HTML, links, images and any other
    /// markup than `allowed`.
    fn text_of(markdown: &str, is_tag: fn(&Tag) -> bool, allowed: &[&str]) -> String {
        nth_text_of(markdown, is_tag, 0, allowed)
    }

    /// `text_of` the `nth` (0-based) element that `is_tag` matches.
    fn nth_text_of(markdown: &str, is_tag: fn(&Tag) -> bool, nth: usize, allowed: &[&str]) -> String {
        let mut inside = 0;
        let mut seen = 0;
        let mut text = String::new();
        for event in Parser::new_ext(markdown, options()) {
            match &event {
                Event::Start(tag) if inside == 0 && is_tag(tag) => {
                    seen += 1;
                    if seen > nth + 1 {
                        break;
                    }
                    if seen == nth + 1 {
                        inside = 1;
                    }
                }
                Event::Start(_) if inside > 0 => {
                    let name = format!("{event:?}");
                    assert!(
                        allowed.iter().any(|a| name.contains(a)),
                        "{markdown:?}: unexpected {name}"
                    );
                    inside += 1;
                }
                Event::End(_) if inside > 0 => inside -= 1,
                Event::Text(t) if inside > 0 => text.push_str(t),
                Event::Code(c) if inside > 0 => text.push_str(&format!("`{c}`")),
                Event::Html(_) | Event::InlineHtml(_) => panic!("{markdown:?}: raw HTML {event:?}"),
                Event::SoftBreak | Event::HardBreak if inside > 0 => panic!("{markdown:?}: a line break"),
                _ => {}
            }
        }
        text
    }

    fn folded(s: &str) -> String {
        s.replace(['\n', '\r'], " ")
    }

    /// See: issue 15. In every position the templates put a value (a table cell, inside strong
    /// emphasis, mid-line with `escape`; the start of a list item or a line with
    /// `escape_line_start`), the escaped value renders as exactly the text it was.
    #[test]
    fn escaped_text_renders_as_itself_in_every_position() {
        for s in STRINGS {
            let e = escape(s);
            let l = escape_line_start(s);
            let want = folded(s);
            let cell = format!("| A | B |\n| --- | --- |\n| {e} | x |\n");
            assert_eq!(
                nth_text_of(&cell, |t| matches!(t, Tag::TableCell), 2, &[]),
                want,
                "table cell {e:?}"
            );
            let item = format!("- {l}\n");
            assert_eq!(text_of(&item, |t| matches!(t, Tag::Item), &[]), want, "list item {e:?}");
            let start = format!("{l}\n");
            assert_eq!(
                text_of(&start, |t| matches!(t, Tag::Paragraph), &[]),
                want,
                "document start {e:?}"
            );
            let strong = format!("x **{e}** y\n");
            assert_eq!(
                text_of(&strong, |t| matches!(t, Tag::Strong), &[]),
                want,
                "inside strong {e:?}"
            );
            let mid = format!("Before {e} after\n");
            assert_eq!(
                text_of(&mid, |t| matches!(t, Tag::Paragraph), &[]),
                format!("Before {want} after"),
                "mid-line {e:?}"
            );
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for s in [
            "3 service(s) found",
            "Welcome!",
            "exit.credentials_revoked",
            "docs/runbooks/payments.md",
            "no front matter `status`, `## Status` section or `Status:` line",
            "2 * 3",
            "a < b",
            "AT&T",
            "0.0% of 16 tracked files have an owner (bar: 90%)",
        ] {
            assert_eq!(escape(s), s);
        }
    }

    #[test]
    fn markup_is_neutralised_where_it_would_render() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<script>x</script>"), "\\<script>x\\</script>");
        assert_eq!(escape("[x](http://e)"), "\\[x](http://e)");
        assert_eq!(escape("two\nlines"), "two lines");
        assert_eq!(escape("# h"), "# h");
        assert_eq!(escape_line_start("# h"), "\\# h");
        assert_eq!(escape("1. Use Postgres"), "1. Use Postgres");
        assert_eq!(escape_line_start("1. x"), "1\\. x");
        assert_eq!(escape_line_start("- x"), "\\- x");
        assert_eq!(escape("`a|b`"), "\\`a\\|b\\`");
        assert_eq!(escape("x "), "x&#32;");
        assert_eq!(escape("__init__"), "\\_\\_init\\_\\_");
    }

    #[test]
    fn control_and_bidirectional_characters_are_replaced() {
        assert_eq!(escape("\u{1b}]0;t\u{7}\u{202e}"), "\u{FFFD}]0;t\u{FFFD}\u{FFFD}");
        assert_eq!(escape("a\r\nb"), "a  b");
    }

    #[test]
    fn blank_lines_collapse() {
        assert_eq!(collapse_blank_lines("# a\n\n\n\nb\n\n\n"), "# a\n\nb\n");
        assert_eq!(collapse_blank_lines("\n\na\nb\n"), "a\nb\n");
    }

    #[test]
    fn links_only_to_safe_urls() {
        assert_eq!(
            link("docs/a b.md", Some("https://github.com/a/b/blob/c/docs/a%20b.md")),
            "[docs/a b.md](https://github.com/a/b/blob/c/docs/a%20b.md)"
        );
        assert_eq!(link("x_", Some("javascript:alert(1)")), "x\\_");
        assert_eq!(link("x", Some("https://e.com/a)b")), "x");
        assert_eq!(link("x", None), "x");
        // The link renders as a link whose text is the path.
        let md = link("[evil](x)", Some("https://github.com/a/b/blob/c/y.md"));
        let text = text_of(&format!("{md}\n"), |t| matches!(t, Tag::Link { .. }), &[]);
        assert_eq!(text, "[evil](x)");
        let links = Parser::new_ext(&md, options())
            .filter(|e| matches!(e, Event::End(TagEnd::Link)))
            .count();
        assert_eq!(links, 1);
    }
}
