//! Test fixtures and the runner, one of each for every integration test: `Repo` builds git
//! repositories in temporary folders with pinned authors and dates (`repo.rs`), `exitready`
//! and `scan_json` run the real binary with its clock pinned at `NOW` (`run.rs`); below, reading
//! reports and comparing snapshots.

#![allow(dead_code)]

mod repo;
mod run;

use std::path::{Path, PathBuf};

pub use repo::{ALICE, Author, BOB, CAROL, DEV, Repo};
pub use run::{
    NOW, code, command, exitready, exitready_at, on_terminal, outcome, scan_json, scan_json_at, stderr, stdout,
};

/// Alice (vendor) writes src/core (three files) and the README on 2025-01-15: where the
/// knowledge (`handover`) and ownership (`owned`) fixtures start.
pub fn vendor_core() -> Repo {
    let mut repo = Repo::new();
    repo.commit(
        ALICE,
        "2025-01-15",
        &[
            ("src/core/a.rs", Some("a\n")),
            ("src/core/b.rs", Some("b\n")),
            ("src/core/c.rs", Some("c\n")),
            ("README.md", Some("# x\n")),
        ],
        "core",
    );
    repo
}

/// Where snapshot files live.
pub fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name)
}

/// Compares `actual` with a snapshot file; `UPDATE_SNAPSHOTS=1` rewrites it.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = snapshot_path(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no snapshot {name}: run with UPDATE_SNAPSHOTS=1"));
    pretty_assertions::assert_eq!(
        expected,
        actual,
        "snapshot {name} differs (UPDATE_SNAPSHOTS=1 to accept)"
    );
}

/// A path as the Markdown report writes it (escaped), for replacing it in snapshots.
pub fn escaped_path(path: &Path) -> String {
    exitready::report::render::escape_markdown(&std::fs::canonicalize(path).unwrap().display().to_string())
}

/// What a CommonMark renderer (with GitHub's tables and strikethrough) makes of a Markdown
/// document: its text, line by line (cells and list items separated by ` | `), and any raw
/// HTML and link destinations it holds. Tests read Markdown through this, not by grepping the
/// source, whose escapes are the renderer's business.
pub struct RenderedMarkdown {
    /// The text, with code spans in backticks.
    pub text: String,
    /// Raw HTML blocks and inline HTML.
    pub html: Vec<String>,
    /// Link and image destinations.
    pub links: Vec<String>,
}

/// Renders Markdown the way GitHub does, for assertions (`RenderedMarkdown`).
pub fn render_markdown(markdown: &str) -> RenderedMarkdown {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut rendered = RenderedMarkdown {
        text: String::new(),
        html: Vec::new(),
        links: Vec::new(),
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) => rendered.text.push_str(&t),
            Event::Code(c) => rendered.text.push_str(&format!("`{c}`")),
            Event::Html(h) | Event::InlineHtml(h) => rendered.html.push(h.to_string()),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                rendered.links.push(dest_url.to_string())
            }
            Event::End(TagEnd::TableCell) => rendered.text.push_str(" | "),
            Event::SoftBreak | Event::HardBreak => rendered.text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead,
            ) => rendered.text.push('\n'),
            _ => {}
        }
    }
    rendered
}

/// A check of a report by id (panics naming the id when the report has none).
pub fn check<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}"))
}
