//! Reads one document's text into a [`ParsedDoc`]: front matter, headings, links, code spans,
//! placeholders, empty sections, comments and inline `Key: value` fields.
//!
//! Markdown goes through pulldown-cmark (GFM tables, footnotes, task lists) after its YAML
//! (`---`) or TOML (`+++`) front matter is cut off by hand, so that every line number is a line
//! of the whole file. The other formats live in `markup.rs` and share its [`Builder`] (`builder.rs`).
//! Input is already lossily decoded; nothing here panics, reads files or judges anything.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::builder::{Builder, LineIndex, is_external, to_u32};
use super::markup;
use super::model::{DocFormat, ParsedDoc};

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
    // Per open list: whether it is ordered (numbered steps).
    let mut lists: Vec<bool> = Vec::new();
    let mut in_table_cell = false;
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
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                b.end_first_text();
                b.content();
                mask(range.start, range.end, &b.lines);
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => info.as_ref(),
                    CodeBlockKind::Indented => "",
                };
                b.code_block_start(line, info);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                b.code_block_end();
            }
            Event::Text(t) | Event::Code(t) if in_code => b.code_block_text(&t),
            Event::Start(Tag::List(first)) => lists.push(first.is_some()),
            Event::End(TagEnd::List(_)) => drop(lists.pop()),
            Event::Start(Tag::Table(_)) => b.table_start(line),
            Event::End(TagEnd::TableHead) => b.table_head_end(),
            Event::Start(Tag::TableRow) => b.table_row(),
            Event::Start(Tag::TableCell) => in_table_cell = true,
            Event::End(TagEnd::TableCell) => {
                in_table_cell = false;
                b.table_cell_end();
            }
            Event::End(TagEnd::Table) => b.table_end(),
            Event::Text(t) => {
                if in_table_cell {
                    b.table_text(&t);
                }
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
                if in_table_cell {
                    b.table_text(&t);
                }
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
                if lists.last() == Some(&true) {
                    b.doc.ordered_items += 1;
                }
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
    use crate::facts::documents::model::Located;
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
    fn structure_code_blocks_steps_and_tables() {
        let doc = md(
            "1. Log in\n2. Run:\n\n   ```console\n   $ sudo kubectl get pods\n   # a comment\n   NAME READY\n   ```\n\n3. Done\n\n- a\n- b\n\n```yaml\nkey: value\n- item\n```\n\n    indented code\n\n| System | Owner | Where the secret lives |\n|---|---|---|\n| `AWS` | Ops | Vault |\n| GitHub | Dev | 1Password |\n",
        );
        assert_eq!(doc.ordered_items, 3);
        assert_eq!(doc.list_items, 5);
        let blocks: Vec<(u32, &str, Vec<&str>, u32)> = doc
            .code_blocks
            .iter()
            .map(|b| {
                (
                    b.line,
                    b.lang.as_str(),
                    b.first_words.iter().map(String::as_str).collect(),
                    b.lines,
                )
            })
            .collect();
        assert_eq!(
            blocks,
            [
                (4, "console", vec!["kubectl", "name"], 3),
                (15, "yaml", vec![], 2),
                (20, "", vec!["indented"], 1),
            ]
        );
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(
            (doc.tables[0].line, doc.tables[0].header.clone(), doc.tables[0].rows),
            (
                22,
                vec!["System".to_string(), "Owner".into(), "Where the secret lives".into()],
                2
            )
        );
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
