//! Decides a document's kind from its path and parsed content, and says which rule fired.
//!
//! Reads a repository-relative path, a [`ParsedDoc`] and config pins; produces a
//! [`Classification`]. Pure: no I/O. The rules run in a fixed order and the first that fires
//! wins (DESIGN §4, issue 2):
//!
//! 1. front matter `type:`/`kind:` naming a kind; 2. config pins (first match);
//! 3. LICENSE/COPYING; 4. CHANGELOG/HISTORY/NEWS/RELEASE-NOTES (whatever they mention);
//! 5. templates (`template` in the name or a folder; an ADR `0000-` with placeholders);
//! 6. the README/index of a runbook, ADR or postmortem folder; 7. articles (blog/ folders) and
//!    notes *about* runbooks ("How we write runbooks"); 8. postmortems (folder, name, or
//!    headings "timeline" + "root cause"/"impact"/"lessons learned"), before runbooks because
//!    they share headings; 9. ADRs (folder + numbered/dated name or status, `adr-NNN` names,
//!    Nygard or MADR sections); 10. runbooks: under runbooks/playbooks/on-call unless an index
//!    of links or Ansible notes, a name or title saying "runbook" with ≥ 1 heading group;
//!    11. names that say what a doc is for: handoff, security, access, onboarding (so a README
//!    with a runbook section stays onboarding); 12. content alone: ≥ 2 runbook heading groups;
//!    13. weaker names (operations, architecture, design, api), then folders, innermost first;
//!    14. design-doc headings (goals + non-goals/alternatives); 15. other.
//!
//! Test fixtures: a document under test/tests/fixtures/testdata/examples/… is classified
//! honestly (a fixture ADR is an ADR) but flagged `in_test_folder` and its reason says so,
//! because guessing "fake" from a folder name would hide real docs kept under examples/; users
//! leave such paths out with config `exclude`.

use super::model::{Classification, KindPin, ParsedDoc};
use crate::base::doc_kind::DocKind;

/// Which of the four runbook heading groups a doc has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RunbookGroups {
    /// A heading about alerts or symptoms.
    pub alerts: bool,
    /// A heading about diagnosis, triage, troubleshooting or investigation.
    pub diagnosis: bool,
    /// A heading about mitigation, remediation, resolution, recovery or rollback.
    pub mitigation: bool,
    /// A heading about escalation, contacts or on-call.
    pub escalation: bool,
}

impl RunbookGroups {
    /// How many of the four groups are present.
    pub fn count(&self) -> usize {
        [self.alerts, self.diagnosis, self.mitigation, self.escalation]
            .iter()
            .filter(|b| **b)
            .count()
    }
}

/// The group (0 alerts, 1 diagnosis, 2 mitigation, 3 escalation) a heading belongs to.
fn heading_group(text: &str) -> Option<usize> {
    let words = words_of(text);
    let any = |prefixes: &[&str]| words.iter().any(|w| prefixes.iter().any(|p| w.starts_with(p)));
    let exact = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if any(&["alert", "symptom", "detect"]) {
        Some(0)
    } else if any(&["diagnos", "triag", "troubleshoot", "investigat", "debug"]) {
        Some(1)
    } else if any(&[
        "mitigat",
        "remediat",
        "resolution",
        "resolv",
        "workaround",
        "recover",
        "rollback",
        "restor",
        "failover",
    ]) || exact(&["fix", "fixes", "fixing"])
        || has_phrase(&words, "roll back")
    {
        Some(2)
    } else if any(&["escalat", "contact", "oncall", "pager", "paging"]) || has_phrase(&words, "on call") {
        Some(3)
    } else {
        None
    }
}

/// Which of the four runbook heading groups a doc has: alerts/symptoms, diagnosis/triage,
/// mitigation/remediation, escalation/contacts (for classification now and hollow-runbook
/// checks later).
pub fn runbook_groups(doc: &ParsedDoc) -> RunbookGroups {
    let mut g = RunbookGroups::default();
    for h in &doc.headings {
        match heading_group(&h.text) {
            Some(0) => g.alerts = true,
            Some(1) => g.diagnosis = true,
            Some(2) => g.mitigation = true,
            Some(3) => g.escalation = true,
            _ => {}
        }
    }
    g
}

/// The first heading of each group present, in group order (for reasons).
fn group_headings(doc: &ParsedDoc) -> Vec<String> {
    let mut firsts: [Option<&str>; 4] = [None; 4];
    for h in &doc.headings {
        if let Some(g) = heading_group(&h.text) {
            firsts[g].get_or_insert(h.text.as_str());
        }
    }
    firsts.iter().flatten().map(|t| shorten(t)).collect()
}

/// A heading as quoted in a reason: at most 40 characters.
fn shorten(t: &str) -> String {
    match t.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}

/// Lower-case words of a text: alphanumeric runs, split at camelCase and letter/digit changes.
fn words_of(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for token in text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        let mut current = String::new();
        let mut prev: Option<char> = None;
        for c in token.chars() {
            let boundary = prev
                .is_some_and(|p| (p.is_lowercase() && c.is_uppercase()) || (p.is_ascii_digit() != c.is_ascii_digit()));
            if boundary && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            current.extend(c.to_lowercase());
            prev = Some(c);
        }
        if !current.is_empty() {
            words.push(current);
        }
    }
    words
}

/// Whether `words` holds the space-separated `phrase` as consecutive words.
fn has_phrase(words: &[String], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(parts.len())
        .any(|w| w.iter().zip(&parts).all(|(a, b)| a == b))
}

/// Folder names (lower-case) of each family.
/// `alerts/` holds one page per alert (what to do when it fires): GOV.UK's developer docs do.
const RUNBOOK_DIRS: &[&str] = &[
    "runbooks",
    "runbook",
    "run-books",
    "playbooks",
    "playbook",
    "on-call",
    "oncall",
    "on_call",
    "alerts",
];
const ADR_DIRS: &[&str] = &[
    "adr",
    "adrs",
    "decisions",
    "decision-records",
    "architecture-decisions",
    "architecture-decision-records",
    "decision-log",
];
const POSTMORTEM_DIRS: &[&str] = &[
    "postmortems",
    "postmortem",
    "post-mortems",
    "post-mortem",
    "incidents",
    "incident-reports",
    "rca",
    "rcas",
];
const TEST_DIRS: &[&str] = &[
    "test",
    "tests",
    "__tests__",
    "fixtures",
    "fixture",
    "testdata",
    "test-data",
    "test_data",
    "examples",
    "example",
    "samples",
    "sample",
];
const ARTICLE_DIRS: &[&str] = &["blog", "blogs", "posts", "_posts", "articles"];
const INDEX_STEMS: &[&str] = &["readme", "index", "_index", "summary", "toc"];

/// Kinds decided by a word or phrase in the file name, strongest first.
const STRONG_NAMES: &[(DocKind, &[&str])] = &[
    (
        DocKind::Handoff,
        &[
            "handoff",
            "handover",
            "hand off",
            "hand over",
            "knowledge transfer",
            "offboarding",
            "off boarding",
            "transition plan",
            "exit plan",
        ],
    ),
    (
        DocKind::Security,
        &[
            "security",
            "incident",
            "incident response",
            "vulnerability",
            "vulnerabilities",
            "threat model",
        ],
    ),
    (
        DocKind::Access,
        &[
            "access",
            "credentials",
            "credential",
            "secrets",
            "secret",
            "rotation",
            "rotate",
            "rotating",
            "passwords",
            "permissions",
        ],
    ),
    (
        DocKind::Onboarding,
        &[
            "readme",
            "contributing",
            "getting started",
            "get started",
            "gettingstarted",
            "onboarding",
            "quickstart",
            "quick start",
            "hacking",
            "welcome",
            "new starter",
            "new joiner",
        ],
    ),
];

/// Onboarding words that only decide in a short name: "local-setup" is a setup guide,
/// "howto-setup-maintenance-mode" is an operations page.
const SHORT_ONBOARDING_NAMES: &[&str] = &[
    "setup",
    "install",
    "installation",
    "installing",
    "development",
    "developing",
];

/// Kinds decided by weaker name words, after content-based runbook detection.
const WEAK_NAMES: &[(DocKind, &[&str])] = &[
    (
        DocKind::Operations,
        &[
            "deploy",
            "deployment",
            "deployments",
            "deploying",
            "release process",
            "releasing",
            "environments",
            "environment",
            "disaster recovery",
            "dr plan",
            "backup",
            "backups",
            "restore",
            "operations",
            "ops",
            "maintenance",
            "monitoring",
            "failover",
            "business continuity",
        ],
    ),
    (
        DocKind::Architecture,
        &["architecture", "architectural", "system overview"],
    ),
    (DocKind::Design, &["design", "rfc", "proposal", "spec", "specification"]),
    (
        DocKind::Api,
        &[
            "api reference",
            "api docs",
            "api documentation",
            "api guide",
            "rest api",
            "api spec",
            "openapi",
            "swagger",
        ],
    ),
];

/// Whole stems that make an API doc (a service named "publishing-api" does not).
const API_STEMS: &[&str] = &["api", "apis", "endpoints", "graphql", "api-v1", "api-v2"];

/// Kinds decided by a folder name (any depth, innermost first).
const FOLDERS: &[(DocKind, &[&str])] = &[
    (
        DocKind::Handoff,
        &["handoff", "handover", "knowledge-transfer", "transition"],
    ),
    (DocKind::Security, &["security"]),
    (DocKind::Access, &["access", "credentials", "secrets"]),
    (
        DocKind::Onboarding,
        &["onboarding", "getting-started", "getting_started"],
    ),
    (
        DocKind::Operations,
        &[
            "operations",
            "ops",
            "deploy",
            "deployment",
            "deployments",
            "sre",
            "disaster-recovery",
            "dr",
            "backups",
        ],
    ),
    (DocKind::Architecture, &["architecture"]),
    (
        DocKind::Design,
        &[
            "design",
            "designs",
            "design-docs",
            "rfcs",
            "rfc",
            "proposals",
            "enhancements",
        ],
    ),
    (DocKind::Api, &["api", "apis", "openapi", "api-docs", "api-reference"]),
];

/// The parts of a path the rules look at.
struct PathInfo {
    /// Folder names, lower-case, outermost first.
    dirs: Vec<String>,
    /// The file name as written.
    name: String,
    /// The file name without document extensions, lower-case.
    stem: String,
    /// Words of the stem (see [`words_of`]).
    words: Vec<String>,
}

impl PathInfo {
    /// Splits a repository-relative path.
    fn new(path: &str) -> Self {
        let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let name = parts.pop().unwrap_or("").to_string();
        let mut stem = name.as_str();
        // `.html.md.erb` and friends: strip document extensions from the end, repeatedly.
        while let Some(dot) = stem.rfind('.') {
            let ext = stem[dot + 1..].to_ascii_lowercase();
            if dot == 0
                || !matches!(
                    ext.as_str(),
                    "md" | "markdown"
                        | "mdx"
                        | "mdown"
                        | "mkd"
                        | "erb"
                        | "html"
                        | "htm"
                        | "adoc"
                        | "asciidoc"
                        | "rst"
                        | "txt"
                )
            {
                break;
            }
            stem = &stem[..dot];
        }
        PathInfo {
            dirs: parts.iter().map(|d| d.to_lowercase()).collect(),
            words: words_of(stem),
            stem: stem.to_lowercase(),
            name,
        }
    }

    /// The innermost folder in `set`, if any.
    fn dir_in(&self, set: &[&str]) -> Option<&str> {
        self.dirs
            .iter()
            .rev()
            .find(|d| set.contains(&d.as_str()))
            .map(String::as_str)
    }

    /// The folder holding the file, lower-case.
    fn parent(&self) -> Option<&str> {
        self.dirs.last().map(String::as_str)
    }

    /// Whether the stem holds one of the phrases.
    fn named(&self, phrases: &[&str]) -> bool {
        phrases.iter().any(|p| has_phrase(&self.words, p))
    }
}

/// The reason with the fixture note added when needed.
fn done(kind: DocKind, reason: String, in_test_folder: bool) -> Classification {
    let reason = if in_test_folder {
        format!("{reason}; under a test/fixture/example folder, probably not a real document")
    } else {
        reason
    };
    Classification {
        kind,
        reason,
        in_test_folder,
    }
}

/// Decides a document's kind: front matter `type:`/`kind:` wins, then config pins, then path
/// and content rules (see the module documentation for the order).
pub fn classify(path: &str, doc: &ParsedDoc, pins: &[KindPin]) -> Classification {
    let p = PathInfo::new(path);
    let fixture = p.dir_in(TEST_DIRS).is_some();
    for key in ["type", "kind"] {
        if let Some(value) = doc.field(key)
            && let Ok(kind) = value.parse::<DocKind>()
        {
            return done(kind, format!("front matter `{key}: {value}`"), fixture);
        }
    }
    if let Some(pin) = pins.iter().find(|pin| pin.glob.is_match(path)) {
        return done(pin.kind, format!("config pin `{}`", pin.pattern), fixture);
    }
    let (kind, reason) = by_path_and_content(&p, doc);
    done(kind, reason, fixture)
}

/// Rules 3–15 of the module documentation.
fn by_path_and_content(p: &PathInfo, doc: &ParsedDoc) -> (DocKind, String) {
    let name_reason = || format!("name: {}", p.name);
    let groups = runbook_groups(doc);
    let group_list = || group_headings(doc).join(", ");
    let title_words = words_of(doc.title.as_deref().unwrap_or(""));

    // 3–4: licence and changelog files, whatever they mention.
    if ["license", "licence", "copying", "unlicense"]
        .iter()
        .any(|s| p.stem.starts_with(s))
    {
        return (DocKind::License, name_reason());
    }
    let changelog_stems = [
        "changelog",
        "changes",
        "history",
        "news",
        "release-notes",
        "release_notes",
        "releasenotes",
        "releases",
        "whatsnew",
        "whats-new",
    ];
    if changelog_stems.contains(&p.stem.as_str()) || p.stem.starts_with("changelog") {
        return (DocKind::Changelog, name_reason());
    }
    if let Some(dir) = p.dir_in(&[
        "changelog",
        "changelogs",
        "release-notes",
        "releasenotes",
        "release_notes",
    ]) {
        return (DocKind::Changelog, format!("path: under {dir}/"));
    }

    // 5: templates.
    let adr_dir = p.dir_in(ADR_DIRS);
    let adr_like = adr_dir.is_some() || adr_sections(doc).is_some() || p.words.first().is_some_and(|w| w == "adr");
    let what = if adr_like { "ADR template" } else { "template" };
    if p.stem.contains("template") {
        return (DocKind::Other, format!("{what}: name contains `template`"));
    }
    if let Some(dir) = p.dirs.iter().rev().find(|d| d.contains("template")) {
        return (DocKind::Other, format!("{what}: under {dir}/"));
    }
    let number = adr_number(p);
    if adr_like && number.as_deref().is_some_and(|n| n.chars().all(|c| c == '0')) && looks_like_template(doc) {
        return (
            DocKind::Other,
            "ADR template: numbered 0000 with placeholders".to_string(),
        );
    }

    // 6: the index page of a runbook, ADR or postmortem folder.
    if INDEX_STEMS.contains(&p.stem.as_str())
        && let Some(parent) = p.parent()
        && (ADR_DIRS.contains(&parent)
            || POSTMORTEM_DIRS.contains(&parent)
            || (RUNBOOK_DIRS.contains(&parent) && groups.count() < 2))
    {
        return (DocKind::Other, format!("index of {parent}/"));
    }

    // 7: articles and notes about runbooks are not runbooks, even with operational headings.
    if let Some(dir) = p.dir_in(ARTICLE_DIRS) {
        return (DocKind::Other, format!("path: under {dir}/ (an article)"));
    }
    if about_runbooks(&title_words) {
        let title = shorten(doc.title.as_deref().unwrap_or(""));
        return (DocKind::Other, format!("note about runbooks (title `{title}`)"));
    }

    // 8: postmortems, before runbooks: they share headings.
    if let Some(dir) = p.dir_in(POSTMORTEM_DIRS)
        // An incident-response runbook kept beside postmortems has runbook headings, no timeline.
        && (groups.count() < 2 || has_heading(doc, &["timeline"]))
    {
        return (DocKind::Postmortem, format!("path: under {dir}/"));
    }
    let postmortem_names = [
        "postmortem",
        "post mortem",
        "incident report",
        "rca",
        "post incident review",
        "incident review",
    ];
    if p.named(&postmortem_names) {
        return (DocKind::Postmortem, name_reason());
    }
    if postmortem_names.iter().any(|n| has_phrase(&title_words, n)) {
        return (
            DocKind::Postmortem,
            format!("title: {}", shorten(doc.title.as_deref().unwrap_or(""))),
        );
    }
    if let Some(timeline) = first_heading(doc, &["timeline"])
        && let Some(other) = first_heading(
            doc,
            &[
                "root cause",
                "impact",
                "lessons learned",
                "lessons learnt",
                "what went wrong",
            ],
        )
    {
        return (DocKind::Postmortem, format!("headings: {timeline}, {other}"));
    }

    // 9: ADRs.
    if let Some(dir) = adr_dir {
        if let Some(n) = &number {
            let how = if is_dated(n) { "dated" } else { "numbered" };
            return (DocKind::Adr, format!("path: {how} file under {dir}/"));
        }
        if let Some(sections) = adr_sections(doc) {
            return (DocKind::Adr, format!("path: under {dir}/, headings: {sections}"));
        }
        if doc.field("status").is_some() || doc.inline_fields.iter().any(|f| f.0.eq_ignore_ascii_case("status")) {
            return (DocKind::Adr, format!("path: under {dir}/, `Status:` field"));
        }
    }
    if p.words.first().is_some_and(|w| w == "adr")
        && p.words.get(1).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        return (DocKind::Adr, format!("name: {} (ADR number)", p.name));
    }
    if let Some(sections) = adr_sections(doc) {
        return (DocKind::Adr, format!("headings: {sections}"));
    }
    if titled_decision_record(doc, &title_words) {
        return (
            DocKind::Adr,
            format!(
                "title: {}, with a decision",
                shorten(doc.title.as_deref().unwrap_or(""))
            ),
        );
    }

    // 10: runbooks by folder, by name or title.
    let mut note = String::new();
    if let Some(dir) = p.dir_in(RUNBOOK_DIRS) {
        let prose = doc.words.saturating_sub(doc.link_words);
        let index = groups.count() == 0
            && doc.link_list_items >= 3
            && doc.link_list_items * 2 >= doc.list_items
            && prose <= 150;
        if index {
            return (DocKind::Other, format!("index of links under {dir}/"));
        }
        if dir.starts_with("playbook") && groups.count() == 0 && mentions_ansible(doc) {
            return (
                DocKind::Other,
                format!("Ansible notes under {dir}/ (playbooks are code)"),
            );
        }
        return (DocKind::Runbook, format!("path: under {dir}/"));
    }
    let runbook_word = ["runbook", "runbooks", "run book", "playbook"];
    let by_name = p.named(&runbook_word);
    let by_title = runbook_word.iter().any(|w| has_phrase(&title_words, w));
    if by_name || by_title {
        let what = if by_name { "name" } else { "title" };
        if groups.count() >= 1 {
            return (
                DocKind::Runbook,
                format!("{what} says runbook, headings: {}", group_list()),
            );
        }
        note = format!(" ({what} says runbook but there are no operational headings)");
    }

    // 11: names that say what the doc is for.
    for (kind, phrases) in STRONG_NAMES {
        if p.named(phrases) {
            return (*kind, name_reason());
        }
    }
    if p.words.len() <= 3 && p.named(SHORT_ONBOARDING_NAMES) {
        return (DocKind::Onboarding, name_reason());
    }

    // 12: content alone.
    if groups.count() >= 2 {
        return (DocKind::Runbook, format!("headings: {}", group_list()));
    }

    // 13: weaker names, then folders (innermost first).
    for (kind, phrases) in WEAK_NAMES {
        if p.named(phrases) {
            return (*kind, name_reason());
        }
    }
    if API_STEMS.contains(&p.stem.as_str()) {
        return (DocKind::Api, name_reason());
    }
    for dir in p.dirs.iter().rev() {
        for (kind, names) in FOLDERS {
            if names.contains(&dir.as_str()) {
                return (*kind, format!("path: under {dir}/"));
            }
        }
    }

    // 14: design-doc sections.
    if let Some(goals) = first_heading(doc, &["goals"])
        && let Some(alt) = first_heading(
            doc,
            &["non goals", "alternatives", "alternatives considered", "proposal"],
        )
    {
        return (DocKind::Design, format!("headings: {goals}, {alt}"));
    }
    (DocKind::Other, format!("no rule matched{note}"))
}

/// "How we write runbooks", "Runbook style guide": a title about runbooks, not one.
fn about_runbooks(title: &[String]) -> bool {
    let runbook = title.iter().any(|w| w == "runbook" || w == "runbooks");
    let about = [
        "write",
        "writing",
        "guide",
        "guidelines",
        "guidance",
        "style",
        "about",
        "standard",
        "standards",
        "practices",
        "conventions",
        "introduction",
        "template",
        "why",
        "creating",
        "anatomy",
        "principles",
    ];
    runbook && (title.iter().any(|w| about.contains(&w.as_str())) || has_phrase(title, "what is"))
}

/// The first heading whose words hold one of the phrases, as written.
fn first_heading(doc: &ParsedDoc, phrases: &[&str]) -> Option<String> {
    doc.headings
        .iter()
        .find(|h| {
            let words = words_of(&h.text);
            phrases.iter().any(|p| has_phrase(&words, p))
        })
        .map(|h| shorten(&h.text))
}

/// Whether any heading holds one of the phrases.
fn has_heading(doc: &ParsedDoc, phrases: &[&str]) -> bool {
    first_heading(doc, phrases).is_some()
}

/// Decision-record sections, as a reason list: MADR (two of its sections), Nygard (Context,
/// Decision and Status or Consequences, or a `Status:` field), or other record templates
/// (Tyree/Akerman, …): a Decision section, a status, and one of Issue/Background/Positions/….
fn adr_sections(doc: &ParsedDoc) -> Option<String> {
    let exact = |name: &str| {
        doc.headings
            .iter()
            .find(|h| words_of(&h.text).join(" ") == name || h.text.eq_ignore_ascii_case(name))
    };
    let madr: Vec<&str> = [
        "context and problem statement",
        "considered options",
        "decision outcome",
        "decision drivers",
    ]
    .iter()
    .filter_map(|n| exact(n).map(|h| h.text.as_str()))
    .collect();
    if madr.len() >= 2 {
        return Some(madr.join(", "));
    }
    let decision = exact("decision").or_else(|| exact("decision outcome"))?;
    let status_field = doc.inline_fields.iter().any(|f| f.0.eq_ignore_ascii_case("status"));
    if let Some(context) = exact("context") {
        if let Some(third) = exact("status").or_else(|| exact("consequences")) {
            let mut found = [context, decision, third];
            found.sort_by_key(|h| h.line);
            return Some(found.iter().map(|h| h.text.as_str()).collect::<Vec<_>>().join(", "));
        }
        if status_field {
            return Some(format!("{}, {}, `Status:` field", context.text, decision.text));
        }
    }
    let why = [
        "issue",
        "background",
        "problem",
        "positions",
        "argument",
        "alternatives",
        "rationale",
        "justification",
        "implications",
        "consequences",
    ]
    .iter()
    .find_map(|n| exact(n))?;
    let status = match exact("status") {
        Some(h) => h.text.clone(),
        None if status_field => "`Status:` field".to_string(),
        None => return None,
    };
    Some(format!("{}, {}, {status}", why.text, decision.text))
}

/// A title naming a decision record ("Architecture Decision Record: Go", "ADR 12: …").
fn titled_decision_record(doc: &ParsedDoc, title_words: &[String]) -> bool {
    let titled = has_phrase(title_words, "decision record") || title_words.iter().any(|w| w == "adr");
    let decided = doc.headings.iter().any(|h| {
        let w = words_of(&h.text).join(" ");
        w == "decision" || w == "decision outcome"
    }) || doc.inline_fields.iter().any(|f| f.0.eq_ignore_ascii_case("decision"));
    titled && decided
}

/// The ADR number of a `0001-…`, `2024-01-02-…` or `adr-001…` name.
fn adr_number(p: &PathInfo) -> Option<String> {
    let stem = p
        .stem
        .strip_prefix("adr")
        .map(|s| s.trim_start_matches(['-', '_']))
        .unwrap_or(&p.stem);
    let digits: String = stem.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = &stem[digits.len()..];
    if rest.is_empty() || rest.starts_with(['-', '_', '.', ' ']) {
        // Keep a date whole so that it can be told apart from a number.
        let date_len = "2024-01-02".len();
        let date = stem.get(..date_len).filter(|d| is_dated(d));
        return Some(date.map_or(digits, str::to_string));
    }
    None
}

/// `YYYY-MM-DD` or `YYYYMMDD`.
fn is_dated(n: &str) -> bool {
    let b = n.as_bytes();
    let dashed = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && n.chars().filter(|c| c.is_ascii_digit()).count() == 8;
    let compact = b.len() == 8 && n.starts_with(['1', '2']) && n.chars().all(|c| c.is_ascii_digit());
    dashed || compact
}

/// Placeholders, or a title/heading with template braces (`{short title}`, `[Title]`).
fn looks_like_template(doc: &ParsedDoc) -> bool {
    let braces = |t: &str| (t.contains('{') && t.contains('}')) || (t.contains('[') && t.contains(']'));
    !doc.placeholders.is_empty()
        || doc
            .title
            .as_deref()
            .is_some_and(|t| braces(t) || t.eq_ignore_ascii_case("title"))
        || doc.headings.iter().any(|h| braces(&h.text))
}

/// Whether the title, headings, code spans or links mention Ansible.
fn mentions_ansible(doc: &ParsedDoc) -> bool {
    let has = |t: &str| t.to_ascii_lowercase().contains("ansible");
    doc.title.as_deref().is_some_and(has)
        || doc.headings.iter().any(|h| has(&h.text))
        || doc.code_spans.iter().any(|c| has(&c.text))
        || doc.links.iter().any(|l| has(&l.target))
}

#[cfg(test)]
mod tests {
    use super::super::{DocFormat, DocKind, KindPin, doc_format, parse};
    use super::*;
    use pretty_assertions::assert_eq;

    /// Parses `text` as the format of `path` (Markdown when the path is not a document).
    fn run(path: &str, text: &str, pins: &[KindPin]) -> Classification {
        let format = doc_format(path).unwrap_or(DocFormat::Markdown);
        classify(path, &parse(path, format, text), pins)
    }

    const RUNBOOK: &str = "# Payments\n## Symptoms\nAlerts fire.\n## Diagnosis\nLook.\n## Mitigation\nRestart.\n## Escalation\nPage ops.\n";
    const NYGARD: &str = "# 1. Record decisions\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need.\n\n## Decision\n\nWe will.\n\n## Consequences\n\nFine.\n";
    const MADR: &str = "# Use Postgres\n\n## Context and Problem Statement\n\nX\n\n## Considered Options\n\n* A\n\n## Decision Outcome\n\nA.\n";
    const POSTMORTEM: &str = "# Outage 2024-03-01\n## Impact\nUsers.\n## Timeline\n10:00 alert.\n## Root cause\nDisk.\n## Mitigation\nCleaned.\n## Escalation\nPaged.\n";
    const INDEX: &str = "# Runbooks\n\nAll our runbooks.\n\n- [Payments](payments.md)\n- [Search](search.md)\n- [Queue](queue.md)\n- [Cache](cache.md)\n";
    const PLAIN: &str = "# Title\n\nSome words here.\n";

    #[test]
    fn classify_table() {
        use DocKind::*;
        let cases: &[(&str, &str, DocKind, &str)] = &[
            // Front matter and kinds by file name.
            (
                "docs/notes.md",
                "---\ntype: runbook\n---\n# Notes\n",
                Runbook,
                "front matter `type: runbook`",
            ),
            (
                "docs/notes.md",
                "---\nkind: Post-Mortem\n---\n# Notes\n",
                Postmortem,
                "front matter `kind: Post-Mortem`",
            ),
            (
                "docs/site.md",
                "---\ntype: docs\n---\n# Deploy\n",
                Other,
                "no rule matched",
            ),
            ("LICENSE.md", "MIT License\n", License, "name: LICENSE.md"),
            ("COPYING.txt", "GPL\n", License, "name: COPYING.txt"),
            // Decoy: a changelog mentioning runbooks, with operational headings.
            (
                "CHANGELOG.md",
                "# Changelog\n## 1.2\n- Added runbook for payments\n## Mitigation\n## Escalation\n",
                Changelog,
                "name: CHANGELOG.md",
            ),
            ("HISTORY.rst", "History\n=======\n", Changelog, "name: HISTORY.rst"),
            (
                "docs/release-notes/v2.md",
                PLAIN,
                Changelog,
                "path: under release-notes/",
            ),
            // Runbooks by folder, name, content.
            ("docs/runbooks/payments.md", PLAIN, Runbook, "path: under runbooks/"),
            (
                "ops/on-call/db-failover.adoc",
                "= Failover\n\nDo it.\n",
                Runbook,
                "path: under on-call/",
            ),
            ("runbooks/payments/README.md", RUNBOOK, Runbook, "path: under runbooks/"),
            (
                "docs/payments-runbook.md",
                RUNBOOK,
                Runbook,
                "name says runbook, headings: Symptoms, Diagnosis, Mitigation, Escalation",
            ),
            (
                "docs/payments-runbook.md",
                "# Payments\n## Overview\n## Rollback\nDo.\n",
                Runbook,
                "name says runbook, headings: Rollback",
            ),
            (
                "docs/payments-runbook.md",
                PLAIN,
                Other,
                "no rule matched (name says runbook but there are no operational headings)",
            ),
            (
                "wiki/Payments.html",
                "<title>Payments Runbook</title><h2>Troubleshooting</h2><p>x</p>",
                Runbook,
                "title says runbook, headings: Troubleshooting",
            ),
            (
                "docs/cache.md",
                "# Cache\n## Alerts\nx\n## Remediation\ny\n",
                Runbook,
                "headings: Alerts, Remediation",
            ),
            ("docs/cache.md", "# Cache\n## Alerts\nx\n", Other, "no rule matched"),
            // Decoy: a runbook index page and folder READMEs.
            (
                "docs/runbooks/overview.md",
                INDEX,
                Other,
                "index of links under runbooks/",
            ),
            ("docs/runbooks/README.md", INDEX, Other, "index of runbooks/"),
            ("docs/runbooks/README.md", RUNBOOK, Runbook, "path: under runbooks/"),
            // Decoy: a blog-like note about runbooks (with operational headings in it).
            (
                "docs/how-we-write-runbooks.md",
                "# How we write runbooks\n## Why alerts need runbooks\n## Escalation paths\n",
                Other,
                "note about runbooks (title `How we write runbooks`)",
            ),
            (
                "docs/runbooks/writing-runbooks.md",
                "# Writing good runbooks\nText.\n",
                Other,
                "note about runbooks (title `Writing good runbooks`)",
            ),
            (
                "blog/2023-05-01-runbooks.md",
                "# Runbooks at scale\n## Alerts\n## Mitigation\n",
                Other,
                "path: under blog/ (an article)",
            ),
            // Decoy: a README with a runbook section stays onboarding.
            (
                "README.md",
                "# Payments\n## Install\n## Runbook\n### Symptoms\n### Mitigation\n### Escalation\n",
                Onboarding,
                "name: README.md",
            ),
            ("CONTRIBUTING.md", PLAIN, Onboarding, "name: CONTRIBUTING.md"),
            (
                "docs/getting-started.mdx",
                PLAIN,
                Onboarding,
                "name: getting-started.mdx",
            ),
            ("docs/GettingStarted.md", PLAIN, Onboarding, "name: GettingStarted.md"),
            (
                "source/manual/setup.html.md.erb",
                PLAIN,
                Onboarding,
                "name: setup.html.md.erb",
            ),
            // Decoy: a postmortem with runbook-like headings.
            (
                "docs/2024-03-01-outage.md",
                POSTMORTEM,
                Postmortem,
                "headings: Timeline, Impact",
            ),
            (
                "docs/postmortems/2024-03-01.md",
                PLAIN,
                Postmortem,
                "path: under postmortems/",
            ),
            (
                "docs/incident-report-checkout.md",
                PLAIN,
                Postmortem,
                "name: incident-report-checkout.md",
            ),
            ("docs/incidents/README.md", PLAIN, Other, "index of incidents/"),
            // ADRs and their decoys.
            (
                "docs/adr/0001-record-architecture-decisions.md",
                NYGARD,
                Adr,
                "path: numbered file under adr/",
            ),
            (
                "docs/decisions/2023-04-05-use-kafka.md",
                PLAIN,
                Adr,
                "path: dated file under decisions/",
            ),
            (
                "architecture/decisions/use-kafka.md",
                MADR,
                Adr,
                "path: under decisions/, headings: Context and Problem Statement, Considered Options, Decision Outcome",
            ),
            (
                "docs/adr/use-kafka.md",
                "# Use Kafka\n\nStatus: Proposed\n",
                Adr,
                "path: under adr/, `Status:` field",
            ),
            ("docs/adr/use-kafka.md", PLAIN, Other, "no rule matched"),
            (
                "docs/adr-007-queues.md",
                PLAIN,
                Adr,
                "name: adr-007-queues.md (ADR number)",
            ),
            ("notes/db-choice.md", NYGARD, Adr, "headings: Status, Context, Decision"),
            (
                "docs/adr/template.md",
                NYGARD,
                Other,
                "ADR template: name contains `template`",
            ),
            (
                "docs/adr/0000-adr-template.md",
                NYGARD,
                Other,
                "ADR template: name contains `template`",
            ),
            (
                "docs/adr/0000-title.md",
                "# [short title of solved problem]\n\n## Context and Problem Statement\n\n## Considered Options\n",
                Other,
                "ADR template: numbered 0000 with placeholders",
            ),
            (
                "docs/decisions/0000-use-markdown-decision-records.md",
                MADR,
                Adr,
                "path: numbered file under decisions/",
            ),
            (
                "docs/adr/README.md",
                "# ADRs\n\n- [1](0001-a.md)\n",
                Other,
                "index of adr/",
            ),
            ("docs/adr/index.md", NYGARD, Other, "index of adr/"),
            (
                ".github/ISSUE_TEMPLATE/bug.md",
                PLAIN,
                Other,
                "template: under issue_template/",
            ),
            (
                "docs/postmortem-template.md",
                POSTMORTEM,
                Other,
                "template: name contains `template`",
            ),
            // Fixtures stay honest but say so.
            (
                "tests/fixtures/adr/0002-use-x.md",
                NYGARD,
                Adr,
                "path: numbered file under adr/; under a test/fixture/example folder, probably not a real document",
            ),
            // Ansible playbooks folder.
            (
                "ansible/playbooks/README.md",
                "# Playbooks\nRun `ansible-playbook site.yml`.\n",
                Other,
                "index of playbooks/",
            ),
            (
                "ansible/playbooks/usage.md",
                "# Usage\nRun `ansible-playbook site.yml`.\n",
                Other,
                "Ansible notes under playbooks/ (playbooks are code)",
            ),
            (
                "docs/playbooks/sev1.md",
                "# SEV1\nPage everyone.\n",
                Runbook,
                "path: under playbooks/",
            ),
            // The other kinds.
            ("SECURITY.md", PLAIN, Security, "name: SECURITY.md"),
            (
                "docs/incident-response.md",
                RUNBOOK,
                Security,
                "name: incident-response.md",
            ),
            (
                "docs/incident-what-to-do.md",
                PLAIN,
                Security,
                "name: incident-what-to-do.md",
            ),
            ("docs/access-inventory.md", PLAIN, Access, "name: access-inventory.md"),
            (
                "docs/secret-rotation.adoc",
                "= Rotation\n",
                Access,
                "name: secret-rotation.adoc",
            ),
            ("docs/handover-plan.md", PLAIN, Handoff, "name: handover-plan.md"),
            (
                "docs/knowledge-transfer.rst",
                "KT\n==\n",
                Handoff,
                "name: knowledge-transfer.rst",
            ),
            ("docs/deploy.md", PLAIN, Operations, "name: deploy.md"),
            (
                "docs/disaster-recovery.md",
                PLAIN,
                Operations,
                "name: disaster-recovery.md",
            ),
            ("docs/ops/kafka.md", PLAIN, Operations, "path: under ops/"),
            ("ARCHITECTURE.md", PLAIN, Architecture, "name: ARCHITECTURE.md"),
            (
                "docs/architecture/overview.md",
                PLAIN,
                Architecture,
                "path: under architecture/",
            ),
            (
                "docs/architecture/deployment.md",
                PLAIN,
                Operations,
                "name: deployment.md",
            ),
            ("rfcs/0012-new-queue.md", PLAIN, Design, "path: under rfcs/"),
            (
                "docs/queue.md",
                "# Queue\n## Goals\n## Non-goals\n## Alternatives considered\n",
                Design,
                "headings: Goals, Non-goals",
            ),
            ("docs/api/orders.md", PLAIN, Api, "path: under api/"),
            ("docs/openapi.md", PLAIN, Api, "name: openapi.md"),
            ("docs/API.md", PLAIN, Api, "name: API.md"),
            ("docs/publishing-api-old-locks.md", PLAIN, Other, "no rule matched"),
            (
                "docs/alerts/router-error-ratio.html.md",
                PLAIN,
                Runbook,
                "path: under alerts/",
            ),
            ("docs/local-setup.md", PLAIN, Onboarding, "name: local-setup.md"),
            (
                "docs/howto-setup-maintenance-mode.md",
                PLAIN,
                Operations,
                "name: howto-setup-maintenance-mode.md",
            ),
            (
                "docs/how-to-rotate-fastly-api-keys.md",
                PLAIN,
                Access,
                "name: how-to-rotate-fastly-api-keys.md",
            ),
            (
                "notes/secrets.md",
                "# Secrets storage\n## Issue\nx\n## Decision\ny\n## Status\nDecided\n## Positions\n- a\n## Alerts\n## Escalation\n",
                Adr,
                "headings: Issue, Decision, Status",
            ),
            (
                "notes/java.md",
                "# Architecture Decision Record: Java\n\nDecision: use Java.\n\n## Background\nx\n",
                Adr,
                "title: Architecture Decision Record: Java, with a decision",
            ),
            (
                "notes/go.md",
                "# ADR: Go\n\nStatus: Accepted\n\n## Context\nx\n## Decision\ny\n",
                Adr,
                "headings: Context, Decision, `Status:` field",
            ),
            ("docs/faq.md", PLAIN, Other, "no rule matched"),
        ];
        for (path, text, kind, reason) in cases {
            let got = run(path, text, &[]);
            assert_eq!((got.kind, got.reason.as_str()), (*kind, *reason), "{path}");
        }
    }

    #[test]
    fn pins_come_after_front_matter() {
        let pin = KindPin {
            pattern: "docs/ops/**".to_string(),
            glob: crate::settings::Globs::new(&["docs/ops/**"]).unwrap(),
            kind: DocKind::Runbook,
        };
        let got = run("docs/ops/kafka.md", PLAIN, std::slice::from_ref(&pin));
        assert_eq!(
            (got.kind, got.reason.as_str()),
            (DocKind::Runbook, "config pin `docs/ops/**`")
        );
        let got = run("docs/ops/kafka.md", "---\ntype: design\n---\n", &[pin]);
        assert_eq!(
            (got.kind, got.reason.as_str()),
            (DocKind::Design, "front matter `type: design`")
        );
    }

    #[test]
    fn groups() {
        let doc = parse(
            "x.md",
            DocFormat::Markdown,
            "## Alerting\n## How to troubleshoot\n## Roll back\n## On-call contacts\n",
        );
        let g = runbook_groups(&doc);
        assert_eq!(
            (g.alerts, g.diagnosis, g.mitigation, g.escalation, g.count()),
            (true, true, true, true, 4)
        );
        let doc = parse("x.md", DocFormat::Markdown, "## Overview\n## Installation\n");
        assert_eq!(runbook_groups(&doc).count(), 0);
    }

    #[test]
    fn words_split_names() {
        assert_eq!(
            words_of("DisasterRecovery_v2-plan"),
            ["disaster", "recovery", "v", "2", "plan"]
        );
        assert_eq!(words_of("ADR001"), ["adr", "001"]);
    }
}
