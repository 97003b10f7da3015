//! Property tests (proptest) of every parser of untrusted input, on arbitrary bytes and on
//! inputs built from each format's syntax: CODEOWNERS (GitHub and GitLab), OWNERS and
//! OWNERS_ALIASES, catalog-info and MAINTAINERS, front matter, Markdown and the other document
//! formats, "Security owner:" lines, `exitready.toml`, checklists, attestations, and the report
//! reader (`report::input::parse`, the input of `render`, `merge`, `diff`, `--baseline` and
//! `signoff`), whose accepted reports are then rendered in every format. None may panic, and each
//! must answer with a value or located problems (DESIGN §9: parsers fuzzed; issue 11).
//!
//! The number of cases per property is proptest's: 256, or `PROPTEST_CASES`;
//! `scripts/fuzz.sh MINUTES` runs these (and the parsers' own property tests in `src/`) again
//! and again with a larger count.

use std::collections::HashMap;
use std::path::Path;

use exitready::error::Error;
use exitready::facts::documents::{DocFormat, classify, parse};
use exitready::facts::ownership::{Dialect, OwnershipOptions, gather};
use proptest::prelude::*;

/// Bytes: arbitrary ones, or fragments of the formats' syntax (and of hostile text) glued
/// together with arbitrary bytes between them, so that the parsers get past their first line.
fn input(fragments: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop_oneof![
        3 => proptest::sample::select(fragments).prop_map(|f| f.as_bytes().to_vec()),
        1 => proptest::sample::select(HOSTILE).prop_map(|f| f.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 0..12),
    ];
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..512),
        4 => proptest::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat()),
    ]
}

/// Text any parser may meet: escape sequences, bidi controls, markup, quotes, odd line ends,
/// invalid UTF-8, a BOM, NUL.
const HOSTILE: &[&str] = &[
    "\u{1b}]0;t\u{7}",
    "\u{1b}[2J",
    "\r",
    "\r\n",
    "\u{202e}",
    "\u{feff}",
    "\u{0}",
    "<script>alert(1)</script>",
    "|`*_[]()#!",
    "\"'\\",
    "\u{fffd}",
    "é",
    "\t",
    "\n",
];

const CODEOWNERS: &[&str] = &[
    "*",
    "/",
    "**",
    "docs/",
    "/build/logs/",
    "*.js",
    "!",
    "\\#",
    "[abc]",
    "?",
    " ",
    "\n",
    "#",
    "@a",
    "@org/team",
    "a@b.c",
    "@@maintainer",
    "[Section]",
    "^[Optional]",
    "[Section][2]",
    " @x",
    "\t",
    "/**/",
    "a/**/b",
    ".github/",
];

const OWNERS: &[&str] = &[
    "approvers:",
    "reviewers:",
    "options:",
    "no_parent_owners: true",
    "filters:",
    "\".*\":",
    "  - alice",
    "- bob",
    "aliases:",
    "  team:",
    "labels:",
    ":",
    "\n",
    "  ",
    "#",
    "apiVersion: backstage.io/v1alpha1",
    "kind: Component",
    "metadata:",
    "  name: x",
    "spec:",
    "  owner: group:team",
    "M: Jane <j@x.org>",
    "F: drivers/",
    "L: list@x.org",
    "S: Maintained",
];

const DOCUMENT: &[&str] = &[
    "---\n",
    "+++\n",
    ";;;\n",
    "title: x\n",
    "last_reviewed: 2024-01-01\n",
    "owner: [a, b]\n",
    "status: Accepted\n",
    "# ",
    "## ",
    "Title\n",
    "===\n",
    "---\n",
    "[a](b.md)",
    "[a](#x)",
    "[a]: b.md\n",
    "`docs/x.md`",
    "```\n",
    "~~~\n",
    "<!-- c -->",
    "<h1>",
    "</h1>",
    "<a href=\"x\">",
    "TODO",
    "TBD",
    "{{placeholder}}",
    "- [ ] ",
    "| a | b |\n",
    "|---|\n",
    "= Title\n",
    ":toc:\n",
    "== Section\n",
    "include::x[]\n",
    ".. _x:\n",
    "Title\n=====\n",
    ":Date: 2024\n",
    "Security owner: Jane\n",
    "Owner: @team\n",
    "Last reviewed: 2020-01-01\n",
    "\n",
    "    ",
    "> ",
    "* ",
    "1. ",
];

const CONFIG: &[&str] = &[
    "[organisations]\n",
    "vendor = [\"@a.com\"]\n",
    "internal = [\"@b.com\"]\n",
    "[thresholds]\n",
    "runbook_max_age_days = ",
    "fail_under = ",
    "1e308",
    "-1",
    "nan",
    "inf",
    "0",
    "4294967296",
    "[[waiver]]\n",
    "check = \"a.b\"\n",
    "reason = \"r\"\n",
    "expires = 2027-01-01\n",
    "path = \"x[\"\n",
    "[kinds]\n",
    "\"docs/**\" = \"runbook\"\n",
    "[[services]]\n",
    "name = \"s\"\n",
    "[gate]\n",
    "docs = [\"**\"]\n",
    "exclude = [",
    "]",
    "\"",
    "=",
    "\n",
    "[[item]]\n",
    "id = \"documentation.x\"\n",
    "title = \"t\"\nwhy = \"w\"\nremediation = \"r\"\n",
    "rule = \"docs_present\"\n",
    "weight = ",
    "params = { kind = \"runbook\", min = ",
    "params = { max_percent = ",
    "}\n",
    "[[attestation]]\n",
    "item = \"exit.x\"\n",
    "by = \"Jane\"\n",
    "date = 2026-06-30\n",
    "date = \"2030-01-01\"\n",
    "note = \"n\"\n",
    "\\u001b",
    "[accountability]\n",
    "security = \"x\"\n",
];

/// A real report, to mutate: every field the reader knows is in it.
const REPORT: &str = include_str!("fixtures/report-knowledge.json");

const JSON: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "1e308",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    ",",
    ":",
    "\"web_url\": \"javascript:alert(1)//\"",
    "\"schema_version\": 1",
    "\"schema_version\": 2",
    "\"status\": \"fail\"",
    "\"evidence\": []",
    "\\u001b",
    "\\ud800",
];

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

proptest! {
    #[test]
    fn codeowners_and_owners_files_of_any_bytes_give_facts(
        codeowners in input(CODEOWNERS),
        owners in input(OWNERS),
        gitlab in any::<bool>(),
    ) {
        let files: HashMap<String, Vec<u8>> = [
            ("CODEOWNERS".to_string(), codeowners.clone()),
            (".gitlab/CODEOWNERS".to_string(), codeowners),
            ("OWNERS".to_string(), owners.clone()),
            ("OWNERS_ALIASES".to_string(), owners.clone()),
            ("catalog-info.yaml".to_string(), owners.clone()),
            ("MAINTAINERS".to_string(), owners),
        ]
        .into();
        let mut tracked: Vec<String> = files.keys().cloned().chain(["docs/a.md".to_string(), "src/b.rs".to_string()]).collect();
        tracked.sort();
        let read = |path: &str| files.get(path).cloned();
        let dialect = Some(if gitlab { Dialect::Gitlab } else { Dialect::Github });
        for options in [OwnershipOptions { dialect }, OwnershipOptions::default()] {
            let facts = gather(&tracked, &read, &options);
            prop_assert_eq!(facts.files.len(), tracked.len());
            let summary = facts.summary(&tracked);
            prop_assert!((0.0..=100.0).contains(&summary.coverage_percent));
        }
    }

    #[test]
    fn documents_of_any_bytes_parse_in_every_format(bytes in input(DOCUMENT)) {
        let text = lossy(&bytes);
        for (format, path) in [
            (DocFormat::Markdown, "docs/runbooks/x.md"),
            (DocFormat::AsciiDoc, "docs/x.adoc"),
            (DocFormat::ReStructuredText, "docs/x.rst"),
            (DocFormat::Html, "wiki/x.html"),
            (DocFormat::PlainText, "docs/x.txt"),
        ] {
            let doc = parse(path, format, &text);
            let _ = classify(path, &text, &doc, &[], &exitready::facts::documents::SiteContext::default());
            prop_assert!(doc.headings.iter().all(|h| h.line >= 1));
            prop_assert!(doc.links.iter().all(|l| l.line >= 1));
        }
        let _ = exitready::facts::named::from_document("README.md", &text);
    }

    #[test]
    fn config_checklist_and_attestations_of_any_bytes_give_a_value_or_located_problems(bytes in input(CONFIG)) {
        let text = lossy(&bytes);
        let located = |result: Result<(), Error>| match result {
            Ok(()) => Ok(()),
            Err(Error::Invalid { problems }) if !problems.is_empty() => Ok(()),
            Err(other) => Err(other.to_string()),
        };
        let config = exitready::settings::Settings::parse(Path::new("exitready.toml"), &text).map(|_| ());
        prop_assert_eq!(located(config), Ok(()));
        let checklist = exitready::checks::checklist::parse(Path::new("mine.toml"), &text).map(|_| ());
        prop_assert_eq!(located(checklist), Ok(()));
        let attestations = exitready::workflows::signoff::parse_attestations(Path::new("a.toml"), &text).map(|_| ());
        prop_assert_eq!(located(attestations), Ok(()));
    }

    #[test]
    fn the_report_reader_takes_any_bytes_and_what_it_accepts_renders_in_every_format(
        edits in proptest::collection::vec(
            (any::<proptest::sample::Index>(), 0usize..8, prop_oneof![
                proptest::sample::select(JSON).prop_map(|f| f.as_bytes().to_vec()),
                proptest::sample::select(HOSTILE).prop_map(|f| f.as_bytes().to_vec()),
                proptest::collection::vec(any::<u8>(), 0..4),
            ]),
            0..6,
        ),
        cut in proptest::option::weighted(0.1, any::<proptest::sample::Index>()),
        raw in proptest::option::weighted(0.2, proptest::collection::vec(any::<u8>(), 0..256)),
    ) {
        // A real report with a few splices (delete up to 8 bytes, insert a fragment), maybe cut
        // short; or arbitrary bytes.
        let bytes = raw.unwrap_or_else(|| {
            let mut bytes = REPORT.as_bytes().to_vec();
            for (at, delete, insert) in &edits {
                let at = at.index(bytes.len() + 1);
                let end = (at + delete).min(bytes.len());
                bytes.splice(at..end, insert.iter().copied());
            }
            if let Some(cut) = cut {
                bytes.truncate(cut.index(bytes.len() + 1));
            }
            bytes
        });
        match exitready::report::input::parse(Path::new("r.json"), &bytes) {
            Ok(report) => {
                for repo in &report.repositories {
                    if let Some(url) = &repo.web_url {
                        prop_assert!(url.starts_with("https://"), "{}", url);
                    }
                }
                let templates = exitready::report::render::Templates::load(None).unwrap();
                use exitready::report::formats::{OutputFormat, render};
                for format in [
                    OutputFormat::Json,
                    OutputFormat::Markdown,
                    OutputFormat::Html,
                    OutputFormat::Text,
                    OutputFormat::Sarif,
                    OutputFormat::Junit,
                    OutputFormat::CodeQuality,
                ] {
                    let text = render(&report, format, &templates, false, None);
                    prop_assert!(text.is_ok(), "{:?}: {:?}", format, text.err().map(|e| e.to_string()));
                }
            }
            Err(Error::Invalid { problems }) => prop_assert!(!problems.is_empty()),
            Err(Error::Input { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected error kind: {other}"),
        }
    }
}
