//! Documents that only look like the real thing (issue 12, class 3): templates and scaffolds,
//! test fixtures, section index pages and stubs that point elsewhere. They keep the kind they
//! imitate (an ADR template is an `adr`) but no check counts them by default; the reason says
//! why.
//!
//! Stage: judgement over facts, after the kind is weighed. Reads an [`Evidence`]; produces an
//! optional [`Lookalike`]. Each test names a convention projects share.

use super::evidence::Evidence;
use super::model::{Lookalike, LookalikeKind};
use super::topics::Topic;
use super::words::{contains_ci, has_any, is, one_of, starts, words};
use crate::base::doc_kind::DocKind;

/// Folders of test data (at any depth): a document there is a fixture. `examples/` is not one:
/// teams keep real worked examples there.
const FIXTURE_DIRS: &[&str] = &[
    "test",
    "tests",
    "__tests__",
    "fixtures",
    "fixture",
    "testdata",
    "test-data",
    "test_data",
    "integration-tests",
    "integration_tests",
    "integration-test",
    "e2e-tests",
    "test-fixtures",
];

/// Folders of templates and scaffolds: `templates/` (and its translations in localised docs
/// sites), Hugo `archetypes/`, `scaffold(s)/`, cookiecutter's `{{cookiecutter…}}` trees.
const TEMPLATE_DIRS: &[&str] = &[
    "template",
    "templates",
    "_templates",
    "archetypes",
    "scaffold",
    "scaffolds",
    "scaffolding",
    "plantillas",
    "plantilla",
    "modeles",
    "modèles",
    "modelos",
    "vorlagen",
    "templedi",
    "şablonlar",
    "テンプレート",
    "템플릿",
    "模板",
];

/// Folders that hold a collection of records, whose index page is not one of them.
fn is_collection_dir(dir: &str) -> bool {
    let same = |name: &&str| {
        name.len() == dir.len()
            && name
                .bytes()
                .zip(dir.bytes())
                .all(|(a, b)| a == b.to_ascii_lowercase() || (a == b'-' && b == b'_'))
    };
    [
        "adr",
        "adrs",
        "decisions",
        "decision-records",
        "architecture-decisions",
        "architecture-decision-records",
        "architecture-decision-record",
        "runbooks",
        "playbooks",
        "incidents",
        "postmortems",
        "post-mortems",
        "rfcs",
        "rfc",
        "keps",
        "proposals",
    ]
    .iter()
    .any(same)
}

/// The look-alike a document of `kind` is, if any. Licence texts and changelogs are what
/// they are wherever they sit (a bundled template's LICENSE is a real licence), so only the
/// fixture and name tests apply to them.
pub(super) fn lookalike(e: &Evidence, kind: DocKind) -> Option<Lookalike> {
    if matches!(kind, DocKind::License | DocKind::Changelog) {
        return fixture(e).or_else(|| licence_header(e));
    }
    let found = fixture(e).or_else(|| template(e));
    // No check counts `other` documents: calling one an index page or a stub says nothing.
    if kind == DocKind::Other {
        return found;
    }
    found.or_else(|| index(e)).or_else(|| stub(e))
}

/// A licence header to paste into source files: boilerplate, not the project's licence.
fn licence_header(e: &Evidence) -> Option<Lookalike> {
    has_any(&e.p.words, &["license header", "licence header", "copyright header"]).then(|| Lookalike {
        kind: LookalikeKind::Template,
        reason: format!("licence header boilerplate {}", e.p.name),
    })
}

fn make(kind: LookalikeKind, reason: String) -> Option<Lookalike> {
    Some(Lookalike { kind, reason })
}

/// Under a test-data folder.
fn fixture(e: &Evidence) -> Option<Lookalike> {
    let dir = e.p.dirs.iter().rev().find(|d| one_of(d, FIXTURE_DIRS))?;
    make(LookalikeKind::Fixture, format!("under {dir}/"))
}

/// A template or scaffold: by name, by folder, or by placeholders where values belong.
fn template(e: &Evidence) -> Option<Lookalike> {
    use LookalikeKind::Template;
    if [
        "template",
        "templed",
        "plantilla",
        "scaffold",
        "boilerplate",
        "skeleton",
    ]
    .iter()
    .any(|t| contains_ci(e.p.stem, t))
    {
        return make(Template, format!("name {}", e.p.name));
    }
    if let Some(l) = licence_header(e) {
        return Some(l);
    }
    if let Some(dir) =
        e.p.dirs
            .iter()
            .rev()
            .find(|d| one_of(d, TEMPLATE_DIRS) || contains_ci(d, "template") || contains_ci(d, "cookiecutter"))
    {
        return make(Template, format!("under {dir}/"));
    }
    if let Some(what) = placeholder_name(e.p.stem) {
        return make(Template, format!("placeholder name {what}"));
    }
    // "Decision record template by …", "ADR template": the title names a template (singular;
    // "launch templates" in a runbook title is a subject, not what the page is).
    let title_words: Vec<&str> = words(e.title).collect();
    if title_words
        .iter()
        .any(|w| one_of(w, &["template", "şablonu", "plantilla", "templed"]))
    {
        return make(Template, format!("title \"{}\"", e.title));
    }
    if let Some(found) = placeholder_metadata(e) {
        return make(Template, found);
    }
    None
}

/// `NNNN-kep-template`, `yyyymmdd-template`, `XXXX-title`: names that are placeholders.
fn placeholder_name(stem: &str) -> Option<&str> {
    let first = stem.split(['-', '_', '.']).next().unwrap_or("");
    let placeholder = matches!(
        first.to_ascii_lowercase().as_str(),
        "nnnn" | "xxxx" | "yyyymmdd" | "yyyy"
    );
    placeholder.then_some(first)
}

/// Whether a value is a placeholder: its own key in capitals (`Date: DATE`), braces
/// (`{DATE_YESTERDAY}`, `{title}`), brackets holding words (`[Insert Date]`, `[short title]`),
/// angle brackets (`<date>`), or a date pattern (`YYYY-MM-DD`).
fn placeholder_value(key: &str, value: &str) -> bool {
    let v = value.trim().trim_matches(['*', '_', '"', '\'']).trim();
    if v.is_empty() {
        return false;
    }
    let own_key = v.eq_ignore_ascii_case(key) && v.chars().all(|c| !c.is_lowercase());
    let braces = v.starts_with('{') && v.contains('}');
    let brackets = v.starts_with('[') && v.ends_with(']') && !v.contains("](") && v.len() > 3;
    // `<date>`, `<upgrade-version>`; not a link (`<https://…>`) nor an HTML tag (`<br>`).
    let inner = v.trim_start_matches('<').trim_end_matches('>');
    let html = [
        "br", "hr", "b", "i", "p", "a", "em", "strong", "code", "img", "span", "div", "sup", "sub",
    ];
    let angles = v.starts_with('<')
        && v.ends_with('>')
        && inner.len() >= 3
        && !one_of(inner.trim_end_matches('/').trim(), &html)
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-'));
    let date = ["yyyy-mm-dd", "dd/mm/yyyy", "yyyy/mm/dd", "mm/dd/yyyy"]
        .iter()
        .any(|p| v.to_ascii_lowercase().contains(p));
    let caps_word = v.len() >= 4
        && v.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        && matches!(
            v,
            "DATE" | "STATUS" | "TITLE" | "NUMBER" | "NAME" | "AUTHOR" | "AUTHORS"
        );
    own_key || braces || brackets || angles || date || caps_word
}

/// Placeholders where a record keeps its metadata: the title, `Key: value` fields, front
/// matter, headings, or HTML comments prompting the writer.
fn placeholder_metadata(e: &Evidence) -> Option<String> {
    let title = e.title.trim();
    let title_placeholder = (title.starts_with('[') && title.ends_with(']'))
        || (title.starts_with('{') && title.ends_with('}'))
        || title.contains("{title}")
        || title.contains("NNNN")
        || {
            // "NUMBER. TITLE" (adr-tools' template): every word a placeholder in capitals.
            let w: Vec<&str> = words(title).collect();
            !w.is_empty()
                && w.iter()
                    .all(|w| w.chars().all(|c| c.is_ascii_uppercase()) && one_of(w, &["NUMBER", "TITLE", "DATE"]))
        };
    if title_placeholder {
        return Some(format!("placeholder title \"{title}\""));
    }
    for (key, value, line) in &e.doc.inline_fields {
        if placeholder_value(key, value) {
            return Some(format!("placeholder `{key}: {}` (line {line})", value.trim()));
        }
    }
    if let Some(fm) = &e.doc.front_matter {
        for (key, value) in &fm.fields {
            if let Some(s) = value.as_str()
                && placeholder_value(key, s)
                && one_of(
                    key,
                    &[
                        "date",
                        "status",
                        "title",
                        "deciders",
                        "author",
                        "authors",
                        "owner",
                        "last_reviewed",
                    ],
                )
            {
                return Some(format!("placeholder front matter `{key}: {s}`"));
            }
        }
    }
    let braced = e.doc.headings.iter().find(|h| {
        let t = h.text.trim();
        (t.starts_with('{') && t.ends_with('}')) || (t.starts_with('[') && t.ends_with(']') && t.len() > 3)
    });
    if let Some(h) = braced {
        return Some(format!("placeholder heading \"{}\" (line {})", h.text, h.line));
    }
    // "[Insert Date]", "<insert service name>": blanks left for the writer, several of them. A
    // single one, or a "fill in"/TODO in a section, is a hollow document (the freshness checks
    // say so), not a template.
    let blanks: Vec<_> = e
        .doc
        .placeholders
        .iter()
        .filter(|p| {
            let t = p.text.to_ascii_lowercase();
            t.starts_with("[insert") || t.starts_with("<insert") || t.starts_with("{insert")
        })
        .collect();
    if blanks.len() >= 2 {
        return Some(format!("placeholder {} (line {})", blanks[0].text, blanks[0].line));
    }
    // MADR's bare templates: every section holds only a comment telling what to write.
    let prompts = e
        .doc
        .comments
        .iter()
        .filter(|c| {
            let first = words(&c.text).next().unwrap_or("");
            one_of(
                first,
                &[
                    "describe", "explain", "list", "what", "which", "this", "optional", "add", "state", "replace",
                    "provide", "use", "insert", "who", "how",
                ],
            )
        })
        .count();
    if prompts >= 3 && e.prose_words < 150 {
        return Some(format!("{prompts} comments prompting the writer"));
    }
    None
}

/// A section index page: Hugo `_index.md` with (almost) no prose, an index/README that only
/// lists links to its neighbours, a site's home page, or a page generated from data.
fn index(e: &Evidence) -> Option<Lookalike> {
    use LookalikeKind::Index;
    let doc = e.doc;
    let content = doc.code_blocks.is_empty() && doc.tables.is_empty() && doc.ordered_items < 3;
    if is(e.p.stem, "_index") && e.prose_words <= 40 && content {
        return make(Index, "section page with no content of its own".to_string());
    }
    let index_stem =
        e.p.stem_is(&["readme", "index", "_index", "summary", "toc", "contents"]);
    // A root README orients the repository, even when it is mostly links.
    let root_readme = e.p.dirs.is_empty() && e.p.stem_is(&["readme"]);
    let links_only = doc.link_list_items >= 3 && doc.link_list_items * 2 >= doc.list_items.max(1);
    // Each entry may carry a line or two describing the page it links to.
    let own_words = e.prose_words.saturating_sub(40 * doc.link_list_items);
    if index_stem && !root_readme && links_only && own_words <= 60 && content {
        return make(
            Index,
            format!("lists {} links with little text of its own", doc.link_list_items),
        );
    }
    // The index of a folder of records (decisions, runbooks, incident reports, proposals) that
    // is not itself a record: what it holds are the documents.
    if index_stem
        && !root_readme
        && let Some(parent) = e.p.parent().filter(|d| is_collection_dir(d))
        && content
    {
        // Mostly a list of the records (perhaps with a legend or a few figures)…
        let mostly_links = doc.link_list_items >= 2 && doc.link_list_items * 2 >= doc.list_items;
        let lists_records =
            links_only || (mostly_links && own_words <= 150) || (doc.link_list_items >= 3 && own_words <= 150);
        // …or a short page pointing at them that is not a record itself.
        let short_pointer = e.prose_words <= 300
            && doc.links.len() >= 3
            && e.count(&[Topic::Context, Topic::Decision, Topic::Timeline, Topic::Motivation]) == 0
            && e.count(&[Topic::Alerts, Topic::Diagnosis, Topic::Mitigation]) < 2
            && e.instructions < 4;
        if lists_records || short_pointer {
            return make(Index, format!("index of {parent}/"));
        }
    }
    // A site's home page: the index at the root of the site's pages, short.
    if let Some(site) = e.site
        && index_stem
        && e.path
            .strip_prefix(site.content_dir.as_str())
            .is_some_and(|rest| !rest.contains('/'))
        && e.prose_words <= 60
        && content
    {
        return make(Index, format!("home page of the site \"{}\"", site.says));
    }
    // Middleman/ERB pages that render data (`<%= … %>`) with hardly any prose of their own.
    let erb = e.text.matches("<%").count();
    if erb >= 2 && e.prose_words <= 80 && doc.headings.len() <= 2 && content {
        return make(Index, "page generated from data (ERB), no prose of its own".to_string());
    }
    None
}

/// A stub: a short page whose content is a pointer to where the real document lives.
fn stub(e: &Evidence) -> Option<Lookalike> {
    let doc = e.doc;
    let structure =
        !doc.code_blocks.is_empty() || !doc.tables.is_empty() || doc.ordered_items >= 2 || doc.list_items >= 4;
    let headings = doc
        .headings
        .iter()
        .filter(|h| Some(h.text.as_str()) != doc.title.as_deref())
        .count();
    let links = doc.links.iter().filter(|l| !l.image).count() + e.text.matches("https://").count();
    let title_words = words(e.title).count();
    let body = doc.words.saturating_sub(title_words + headings * 3);
    // A root README orients, however short.
    let root_readme = e.p.dirs.is_empty() && e.p.stem_is(&["readme"]);
    // A record with its sections (a superseded ADR pointing to its successor) is not a stub.
    let record = e.decision_status() || e.count(&[Topic::Context, Topic::Decision, Topic::Status]) >= 1;
    if structure || headings > 1 || links == 0 || body > 60 || root_readme || record {
        return None;
    }
    let pointer = words(e.text).any(|w| {
        one_of(
            w,
            &[
                "see", "refer", "moved", "lives", "kept", "stored", "found", "details", "source", "guidance", "link",
                "readme",
            ],
        ) || starts(w, "locat")
    });
    if pointer || body <= 45 {
        let target = doc
            .links
            .iter()
            .find(|l| !l.image)
            .map(|l| l.target.clone())
            .unwrap_or_else(|| "a link".to_string());
        return make(LookalikeKind::Stub, format!("only points to {target}"));
    }
    None
}
