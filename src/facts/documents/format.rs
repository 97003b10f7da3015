//! Which repository-relative paths are documents, and in which format.
//!
//! Reads a path only (never the file): the extension decides, except that `.txt` counts only
//! under a docs folder or with a README/INSTALL-like name, because most `.txt` files in a
//! repository are data (requirements.txt, robots.txt, test vectors). The caller has already
//! excluded vendored paths.

use super::model::DocFormat;

/// Folder names that make `.txt` files documents.
const DOC_FOLDERS: [&str; 4] = ["docs", "doc", "documentation", "wiki"];

/// File stems that make a `.txt` file a document wherever it is: README/INSTALL-like guides
/// and the conventional top-level files (licence texts such as `GPL.txt`, changelogs).
const DOC_TXT_STEMS: [&str; 20] = [
    "readme",
    "install",
    "installing",
    "installation",
    "getting-started",
    "getting_started",
    "runbook",
    "contributing",
    "security",
    "license",
    "licence",
    "copying",
    "notice",
    "unlicense",
    "gpl",
    "lgpl",
    "agpl",
    "changelog",
    "changes",
    "authors",
];

/// Is this repo-relative path a document? Markdown (.md, .markdown, .mdx, .html.md.erb),
/// AsciiDoc (.adoc, .asciidoc), reST (.rst), HTML (.html/.htm), and .txt only under a docs
/// folder (any path segment docs/doc/documentation/wiki) or named like README/INSTALL.
pub fn doc_format(path: &str) -> Option<DocFormat> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    // A leading dot is a hidden file (`.md` alone is not a document named "").
    let (stem, ext) = match lower.rfind('.') {
        Some(0) | None => return None,
        Some(i) => (&lower[..i], &lower[i + 1..]),
    };
    match ext {
        "md" | "markdown" | "mdx" | "mdown" | "mkd" => Some(DocFormat::Markdown),
        "erb" if stem.ends_with(".html.md") || stem.ends_with(".md") => Some(DocFormat::Markdown),
        "adoc" | "asciidoc" => Some(DocFormat::AsciiDoc),
        "rst" => Some(DocFormat::ReStructuredText),
        "html" | "htm" => Some(DocFormat::Html),
        "txt" if txt_is_document(path, stem) => Some(DocFormat::PlainText),
        _ => None,
    }
}

/// `.txt` is a document under a docs folder or when named like README/INSTALL.
fn txt_is_document(path: &str, stem: &str) -> bool {
    let in_docs = path
        .split('/')
        .rev()
        .skip(1)
        .any(|seg| DOC_FOLDERS.contains(&seg.to_ascii_lowercase().as_str()));
    in_docs || DOC_TXT_STEMS.contains(&stem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn doc_format_table() {
        use DocFormat::*;
        let cases: &[(&str, Option<DocFormat>)] = &[
            ("README.md", Some(Markdown)),
            ("docs/runbooks/db.MD", Some(Markdown)),
            ("notes.markdown", Some(Markdown)),
            ("site/docs/intro.mdx", Some(Markdown)),
            ("source/manual/alerts.html.md.erb", Some(Markdown)),
            ("source/index.html.erb", None),
            ("guide.adoc", Some(AsciiDoc)),
            ("guide.asciidoc", Some(AsciiDoc)),
            ("docs/index.rst", Some(ReStructuredText)),
            ("wiki-export/Runbook_123.html", Some(Html)),
            ("old/page.HTM", Some(Html)),
            ("requirements.txt", None),
            ("docs/notes.txt", Some(PlainText)),
            ("Documentation/networking/ip.txt", Some(PlainText)),
            ("project/wiki/setup.txt", Some(PlainText)),
            ("README.txt", Some(PlainText)),
            ("pkg/INSTALL.txt", Some(PlainText)),
            ("tests/data/vectors.txt", None),
            ("docs.txt", None),
            (".md", None),
            ("Makefile", None),
            ("src/main.rs", None),
            ("playbooks/site.yml", None),
            ("README", None),
            ("docs/runbook.pdf", None),
        ];
        for (path, want) in cases {
            assert_eq!(doc_format(path), *want, "{path}");
        }
    }
}
