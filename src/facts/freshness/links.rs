//! Signal 3, dead references: links to missing files, anchors to missing headings, and code-span
//! paths that existed in the history but no longer do.
//!
//! Relative link targets resolve against the document's folder, a leading `/` from the
//! repository root; percent-escapes (`%20`) are decoded and `?query` dropped; a folder is live
//! when any tracked path sits under it. A `..` that climbs above the root is dead and never
//! followed. Docs sites link pages by their built name (`/manual/x.html` for
//! `source/manual/x.html.md`, `../setup/` for `setup.md`), so a missing target is tried with
//! the page extensions and, for a leading `/`, under each folder above the document before it
//! is called dead. `#anchors` are checked against the GitHub anchors of the target Markdown or
//! HTML document (the same one for `#x`); line anchors (`#L10`) and anchors into code are not.
//! A code span is a path only if it names a path at HEAD or one the history has seen: only the
//! second kind can be dead; a single name (`build.go`, `app/`) is too generic to be either dead
//! or covered code. External URLs are never checked (no network).
//!
//! Returns the live paths the document names (for drift) and its dead references; the judge
//! leaves out those of historical documents, which may cite deleted files.

use std::collections::BTreeSet;

use super::tree::Tree;
use crate::base::signal::{Reason, Signal};
use crate::facts::document::Document;
use crate::facts::documents::{DocFormat, github_slug};
use crate::facts::history::HistoryFacts;

/// Where a link target lands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A repository-relative path (`""` is the root).
    Path(String),
    /// A `..` climbed above the repository root.
    Escapes,
}

/// Checks the links and code spans of a document: the live paths it names, and its dead
/// references in document order.
pub(crate) fn check(
    doc: &Document,
    documents: &[Document],
    tree: &Tree,
    history: Option<&HistoryFacts>,
) -> (Vec<String>, Vec<Reason>) {
    let mut named = Vec::new();
    let mut dead = Vec::new();
    for link in &doc.parsed.links {
        if link.external || is_templated(&link.target) {
            continue;
        }
        let (raw_path, fragment) = link.split();
        let raw_path = raw_path.split('?').next().unwrap_or_default();
        let what = if link.image { "image" } else { "link" };
        let target_doc = if raw_path.is_empty() {
            Some(doc.path.clone())
        } else {
            match resolve(&doc.path, raw_path) {
                Resolved::Escapes => {
                    dead.push(at(
                        Signal::DeadLink,
                        format!("{what} to {} climbs out of the repository", link.target),
                        None,
                        link.line,
                    ));
                    continue;
                }
                Resolved::Path(path) => match find_live(tree, &doc.path, &path, raw_path.starts_with('/')) {
                    Some(live) => {
                        if !live.is_empty() {
                            named.push(live.clone());
                        }
                        Some(live)
                    }
                    None if raw_path.starts_with('/') && is_site_route(tree, &doc.path, &path) => continue,
                    None => {
                        dead.push(at(
                            Signal::DeadLink,
                            format!(
                                "{what} to {} points to {path}, which does not exist at HEAD",
                                link.target
                            ),
                            Some(path),
                            link.line,
                        ));
                        continue;
                    }
                },
            }
        };
        if let (Some(target), Some(fragment)) = (target_doc, fragment)
            && let Some(problem) = dead_anchor(documents, &target, fragment)
        {
            dead.push(at(
                Signal::DeadAnchor,
                format!(
                    "link to {} has no heading with anchor #{fragment} in {problem}",
                    link.target
                ),
                Some(target),
                link.line,
            ));
        }
    }
    if let Some(history) = history {
        for span in &doc.parsed.code_spans {
            match span_path(&doc.path, &span.text, tree, &history.paths_seen) {
                // A single name (`app/`, `.ruby-version`) may be another project's: links
                // name this repository's paths, code spans only when they are specific.
                Some(SpanPath::Live(path)) if path.contains('/') => named.push(path),
                Some(SpanPath::Live(_)) => {}
                Some(SpanPath::Gone(path)) => dead.push(at(
                    Signal::DeadPath,
                    format!(
                        "`{}` names {path}, which existed in the history but not at HEAD",
                        span.text.trim()
                    ),
                    Some(path),
                    span.line,
                )),
                None => {}
            }
        }
    }
    named.sort();
    named.dedup();
    (named, dead)
}

fn at(signal: Signal, message: String, path: Option<String>, line: u32) -> Reason {
    Reason::new(signal, message).with_path(path).at_line(Some(line))
}

/// Targets built by a template engine (`{{ url }}`, `<%= x %>`, `${var}`) cannot be checked.
fn is_templated(target: &str) -> bool {
    target.contains('{') || target.contains("<%") || target.contains('$')
}

/// Resolves a link path against the document's folder (or the root for a leading `/`).
pub(crate) fn resolve(doc_path: &str, target: &str) -> Resolved {
    let decoded = percent_decode(target);
    let mut parts: Vec<&str> = Vec::new();
    if !decoded.starts_with('/')
        && let Some((dir, _)) = doc_path.rsplit_once('/')
    {
        parts.extend(dir.split('/'));
    }
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Resolved::Escapes;
                }
            }
            s => parts.push(s),
        }
    }
    Resolved::Path(parts.join("/"))
}

/// Decodes `%XX` escapes (invalid UTF-8 decoded lossily; a malformed escape is kept as is).
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The live path a resolved target stands for: itself, or the page a docs site builds.
fn find_live(tree: &Tree, doc_path: &str, path: &str, from_root: bool) -> Option<String> {
    if let Some(live) = candidates(path).into_iter().find(|c| tree.exists(c)) {
        return Some(live);
    }
    if !from_root {
        return None;
    }
    // A leading `/` in a docs site is the site's root: some folder above the document.
    let mut base = doc_path;
    while let Some((parent, _)) = base.rsplit_once('/') {
        let joined = if path.is_empty() {
            parent.to_string()
        } else {
            format!("{parent}/{path}")
        };
        if let Some(live) = candidates(&joined).into_iter().find(|c| tree.exists(c)) {
            return Some(live);
        }
        base = parent;
    }
    None
}

/// A rooted link to a built page (`/repos/x.html`, `/apps.json`) whose folder exists under no
/// possible site root: a route the site generator makes from data, which cannot be checked.
fn is_site_route(tree: &Tree, doc_path: &str, path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let built = match name.rsplit_once('.') {
        None => true,
        Some((_, ext)) => ["html", "htm", "json", "csv", "xml", "txt"].contains(&ext.to_lowercase().as_str()),
    };
    if !built {
        return false;
    }
    let parent = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut roots = vec![""];
    let mut base = doc_path;
    while let Some((dir, _)) = base.rsplit_once('/') {
        roots.push(dir);
        base = dir;
    }
    let folder_exists = roots.iter().any(|root| match (root.is_empty(), parent.is_empty()) {
        (true, _) => tree.is_dir(parent) && !parent.is_empty(),
        (false, true) => false,
        (false, false) => tree.is_dir(&format!("{root}/{parent}")),
    });
    !folder_exists
}

/// A path and the source pages a docs site would build it from.
fn candidates(path: &str) -> Vec<String> {
    let mut out = vec![path.to_string()];
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name
        .strip_suffix(".html")
        .or_else(|| name.strip_suffix(".htm"))
        .map(|s| &path[..path.len() - name.len() + s.len()]);
    let base = match stem {
        Some(stem) => Some(stem),
        None if !name.contains('.') && !name.is_empty() => Some(path),
        None => None,
    };
    if let Some(base) = base {
        for ext in [".md", ".html.md", ".html.md.erb", ".mdx", ".html.erb", ".rst", ".adoc"] {
            out.push(format!("{base}{ext}"));
        }
    }
    out
}

/// Why an anchor is dead (the target document named), or None when it is live or cannot be
/// checked (not a document, not Markdown/HTML, a line or text fragment).
fn dead_anchor(documents: &[Document], target: &str, fragment: &str) -> Option<String> {
    let fragment = percent_decode(fragment);
    let lower = fragment.to_lowercase();
    let line_anchor = lower.starts_with('l') && lower[1..].starts_with(|c: char| c.is_ascii_digit());
    if fragment.is_empty() || lower == "top" || line_anchor || fragment.starts_with(":~:") {
        return None;
    }
    let index = documents.binary_search_by(|d| d.path.as_str().cmp(target)).ok()?;
    let doc = &documents[index];
    if !matches!(doc.parsed.format, DocFormat::Markdown | DocFormat::Html) {
        return None;
    }
    let loose_fragment = loose(&fragment);
    let live = doc.parsed.headings.iter().any(|h| {
        h.anchor.eq_ignore_ascii_case(&fragment)
            || github_slug(&h.text) == lower
            || loose(&h.text) == loose_fragment
            || explicit_id(&h.text).is_some_and(|id| id.eq_ignore_ascii_case(&fragment))
    }) || doc
        .parsed
        .html_anchors
        .iter()
        .any(|a| a.eq_ignore_ascii_case(&fragment));
    (!live).then(|| doc.path.clone())
}

/// Anchors as other site generators make them (Redcarpet, kramdown, Hugo): lowercase, every
/// run of other characters one `-`, no `-` at the ends. Compared on both sides, so it only ever
/// makes an anchor live, never dead.
fn loose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A kramdown/GitLab/Hugo heading ID written after the text: `## Cleanup {#cleanup}`.
fn explicit_id(text: &str) -> Option<&str> {
    let inner = text.trim_end().strip_suffix('}')?;
    let open = inner.rfind("{#")?;
    Some(inner[open + 2..].split_whitespace().next().unwrap_or_default()).filter(|id| !id.is_empty())
}

/// What a code span names.
#[derive(Debug, PartialEq, Eq)]
enum SpanPath {
    /// A path at HEAD.
    Live(String),
    /// A path the history has seen that is gone at HEAD.
    Gone(String),
}

/// Reads a code span as a path, from the root or the document's folder; None when it names
/// nothing the repository has ever had (a command, a value, an outside path).
fn span_path(doc_path: &str, text: &str, tree: &Tree, seen: &BTreeSet<String>) -> Option<SpanPath> {
    let mut t = text.trim();
    // `src/main.rs:42` and `src/main.rs:42:7` name the file.
    while let Some((head, tail)) = t.rsplit_once(':') {
        if tail.is_empty() || !tail.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        t = head;
    }
    let t = t.trim_start_matches("./");
    let plausible = t.len() >= 3
        && (t.contains('/') || t.contains('.'))
        && !t.starts_with('-')
        && !t.contains("://")
        && !t
            .chars()
            .any(|c| c.is_whitespace() || "*?$%{}<>()[]=,;|\"'`\\~@:#!&^".contains(c));
    if !plausible {
        return None;
    }
    let t = t.trim_end_matches('/');
    let from_root = match resolve("", t) {
        Resolved::Path(p) => p,
        Resolved::Escapes => return None,
    };
    let from_doc = match resolve(doc_path, t) {
        Resolved::Path(p) => Some(p),
        Resolved::Escapes => None,
    };
    let tries: Vec<&String> = std::iter::once(&from_root).chain(from_doc.as_ref()).collect();
    if let Some(live) = tries.iter().find(|p| !p.is_empty() && tree.exists(p)) {
        return Some(SpanPath::Live((*live).clone()));
    }
    // A single name (`build.go`, `docs/`) is too generic to call dead: it may be any project's.
    tries
        .into_iter()
        .find(|p| p.contains('/') && was_seen(seen, p))
        .map(|p| SpanPath::Gone(p.clone()))
}

/// Whether the history has seen a path as a file, or as a folder of files.
fn was_seen(seen: &BTreeSet<String>, path: &str) -> bool {
    if seen.contains(path) {
        return true;
    }
    let prefix = format!("{path}/");
    seen.range(prefix.clone()..)
        .next()
        .is_some_and(|p| p.starts_with(&prefix))
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{doc, inventory};
    use super::*;
    use crate::facts::documents::DocKind;
    use pretty_assertions::assert_eq;

    fn run(docs: &[Document], index: usize, paths: &[&str], seen: &[&str]) -> (Vec<String>, Vec<String>) {
        let inventory = inventory(paths);
        let tree = Tree::new(&inventory);
        let history = HistoryFacts {
            paths_seen: seen.iter().map(|s| s.to_string()).collect(),
            ..HistoryFacts::default()
        };
        let (named, reasons) = check(&docs[index], docs, &tree, Some(&history));
        let reasons = reasons
            .into_iter()
            .map(|r| {
                format!(
                    "{}:{}: {} [{}]",
                    r.signal,
                    r.line.unwrap(),
                    r.message,
                    r.path.unwrap_or_default()
                )
            })
            .collect();
        (reasons, named)
    }

    #[test]
    fn resolves_relative_rooted_encoded_and_escaping_targets() {
        assert_eq!(resolve("docs/a/b.md", "../c.md"), Resolved::Path("docs/c.md".into()));
        assert_eq!(resolve("docs/a/b.md", "/src/x.rs"), Resolved::Path("src/x.rs".into()));
        assert_eq!(
            resolve("docs/b.md", "./my%20file.md"),
            Resolved::Path("docs/my file.md".into())
        );
        assert_eq!(resolve("docs/b.md", "../../etc/passwd"), Resolved::Escapes);
        assert_eq!(resolve("README.md", "docs/"), Resolved::Path("docs".into()));
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%C3%A9t%C3%A9"), "été");
    }

    #[test]
    fn html_anchors_in_markdown_are_live_targets() {
        let target =
            "# FAQ\n\n<a name=\"legacy-setup\"></a>\nOld setup.\n\n<div id=\"Troubleshooting\">\n\nx\n\n</div>\n";
        let text = "# Guide\n\n[a](faq.md#legacy-setup) [b](faq.md#troubleshooting) [c](faq.md#nothing)\n";
        let docs = vec![
            doc("docs/faq.md", DocKind::Other, target, None),
            doc("docs/guide.md", DocKind::Onboarding, text, None),
        ];
        let (reasons, _) = run(&docs, 1, &["docs/faq.md", "docs/guide.md"], &[]);
        assert_eq!(
            reasons,
            vec![
                "dead_anchor:3: link to faq.md#nothing has no heading with anchor #nothing in docs/faq.md [docs/faq.md]"
            ]
        );
    }

    #[test]
    fn dead_and_live_links_and_anchors() {
        let text = "# Guide\n\n## Set up {#install}\n\nSee [deploy](deploy.md#roll-back), [run](run.md#missing), [gone](old.md),\n[src](../src/), [spaced](my%20notes.md), [up](../../x.md), [web](https://x.org/y), [self](#install), [bad](#nope),\n[line](../src/main.rs#L10), ![img](img/logo.png), [loose](deploy.md#-roll-back-).\n";
        let docs = vec![
            doc(
                "docs/deploy.md",
                DocKind::Operations,
                "# Deploy\n\n## Roll back\n\nx\n",
                None,
            ),
            doc("docs/guide.md", DocKind::Onboarding, text, None),
            doc("docs/my notes.md", DocKind::Other, "# N\n", None),
            doc("docs/run.md", DocKind::Runbook, "# Run\n", None),
        ];
        let paths = [
            "docs/deploy.md",
            "docs/guide.md",
            "docs/my notes.md",
            "docs/run.md",
            "src/main.rs",
        ];
        let (reasons, named) = run(&docs, 1, &paths, &[]);
        assert_eq!(
            reasons,
            vec![
                "dead_anchor:5: link to run.md#missing has no heading with anchor #missing in docs/run.md [docs/run.md]",
                "dead_link:5: link to old.md points to docs/old.md, which does not exist at HEAD [docs/old.md]",
                "dead_link:6: link to ../../x.md climbs out of the repository []",
                "dead_anchor:6: link to #nope has no heading with anchor #nope in docs/guide.md [docs/guide.md]",
                "dead_link:7: image to img/logo.png points to docs/img/logo.png, which does not exist at HEAD [docs/img/logo.png]",
            ]
        );
        assert_eq!(
            named,
            vec![
                "docs/deploy.md",
                "docs/my notes.md",
                "docs/run.md",
                "src",
                "src/main.rs"
            ]
        );
    }

    #[test]
    fn docs_site_links_find_their_source_pages() {
        let text =
            "# A\n\n[b](/manual/b.html), [c](../c/), [d](d), [e](/manual/e.html), [route](/repos/x.html), [home](/)\n";
        let docs = vec![doc("source/manual/a.html.md", DocKind::Other, text, None)];
        let paths = [
            "source/manual/a.html.md",
            "source/manual/b.html.md",
            "source/c.md",
            "source/manual/d.md",
        ];
        let (reasons, _) = run(&docs, 0, &paths, &[]);
        assert_eq!(
            reasons,
            vec![
                "dead_link:3: link to /manual/e.html points to manual/e.html, which does not exist at HEAD [manual/e.html]"
            ]
        );
    }

    #[test]
    fn code_spans_are_dead_only_when_the_history_had_them() {
        let text = "# Ops\n\nEdit `config/app.yml`, then `src/old.rs:12`, run `make deploy` and `ls /etc/hosts`.\nAlso `lib/` and `legacy/x.rs` and `v1.2.3` and `build.go` and `lib/a.rs`.\n";
        let docs = vec![doc("docs/ops.md", DocKind::Operations, text, None)];
        let paths = ["config/app.yml", "docs/ops.md", "lib/a.rs"];
        let (reasons, named) = run(
            &docs,
            0,
            &paths,
            &["src/old.rs", "legacy/x.rs", "config/app.yml", "build.go"],
        );
        assert_eq!(
            reasons,
            vec![
                "dead_path:3: `src/old.rs:12` names src/old.rs, which existed in the history but not at HEAD [src/old.rs]",
                "dead_path:4: `legacy/x.rs` names legacy/x.rs, which existed in the history but not at HEAD [legacy/x.rs]",
            ]
        );
        assert_eq!(named, vec!["config/app.yml", "lib/a.rs"]);
    }
}
