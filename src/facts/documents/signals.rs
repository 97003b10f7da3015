//! The table of signals the classifier weighs (issue 12): each names a convention that real
//! projects share and, when it fires, adds weight to one or more kinds.
//!
//! Stage: judgement over facts (no I/O). Reads an [`Evidence`]; produces [`Vote`]s. `classify.rs`
//! sums them per kind: the heaviest kind wins. To extend the classifier, add a row to
//! [`SIGNALS`]: a name (shown by `exitready explain`), the convention it relies on, and a
//! function of the evidence. Weights are on one scale: about 1 for a hint, 3 for a good sign,
//! 5 or more for what alone settles the kind (a Nygard decision record, a KEP, SECURITY.md). A
//! kind needs [`MIN_WEIGHT`] to beat `other`.

use super::evidence::Evidence;
use super::topics::Topic;
use super::vocabulary::Family;
use super::words::{has_any, has_phrase, is, is_phrase, one_of, words};
use crate::base::doc_kind::DocKind;

/// The weight a kind needs to be chosen over `other`.
pub(super) const MIN_WEIGHT: f64 = 1.5;

/// Weight added to one kind by one signal.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Vote {
    /// The signal's name in [`SIGNALS`].
    pub signal: &'static str,
    /// What it saw, for reasons ("folder architecture-decision-record/").
    pub label: String,
    /// The kind it weighs for.
    pub kind: DocKind,
    /// The weight (negative to weigh against).
    pub weight: f64,
}

/// One row of the table.
pub(super) struct Signal {
    /// Short name, shown with the votes.
    pub name: &'static str,
    /// The convention the signal relies on, for the reader of this table.
    #[allow(dead_code)]
    pub convention: &'static str,
    /// Weighs the evidence, pushing votes (label, kind, weight).
    pub weigh: fn(&Evidence, &mut Votes),
}

/// Votes being collected for one document.
pub(super) struct Votes {
    /// The signal now weighing.
    current: &'static str,
    /// What was collected.
    pub all: Vec<Vote>,
}

impl Votes {
    /// An empty collection.
    pub(super) fn new() -> Votes {
        Votes {
            current: "",
            all: Vec::new(),
        }
    }

    /// Adds `weight` to `kind` because of `label`.
    fn add(&mut self, kind: DocKind, weight: f64, label: impl Into<String>) {
        self.all.push(Vote {
            signal: self.current,
            label: label.into(),
            kind,
            weight,
        });
    }

    /// Runs every signal of the table over the evidence.
    pub(super) fn weigh_all(&mut self, e: &Evidence) {
        for signal in SIGNALS {
            self.current = signal.name;
            (signal.weigh)(e, self);
        }
    }
}

use DocKind::*;
use Topic as T;

/// Folders holding decision records (any depth). Names are compared after `_` becomes `-`.
const ADR_DIRS: &[&str] = &[
    "adr",
    "adrs",
    "decisions",
    "decision-records",
    "decision-record",
    "architecture-decisions",
    "architecture-decision-records",
    "architecture-decision-record",
    "architectural-decision-records",
    "decision-log",
    "design-decisions",
];

/// Folders of design documents, RFCs and enhancement proposals (KEPs, PEPs…).
const DESIGN_DIRS: &[&str] = &[
    "design",
    "designs",
    "design-docs",
    "design-documents",
    "rfcs",
    "rfc",
    "proposals",
    "proposal",
    "keps",
    "kep",
    "enhancements",
    "enhancement-proposals",
    "peps",
];

/// Folders of runbooks: `alerts/` holds one page per alert (what to do when it fires).
const RUNBOOK_DIRS: &[&str] = &[
    "runbooks",
    "runbook",
    "run-books",
    "playbooks",
    "playbook",
    "on-call",
    "oncall",
    "alerts",
];

/// Folders of incident reports.
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

/// Folders of articles: posts about a topic, not the topic's documents.
const ARTICLE_DIRS: &[&str] = &["blog", "blogs", "posts", "-posts", "articles", "news"];

/// A folder name compared with `_` read as `-`.
fn dir_is(dir: &str, names: &[&str]) -> bool {
    names.iter().any(|n| {
        n.len() == dir.len()
            && n.bytes()
                .zip(dir.bytes())
                .all(|(a, b)| a == b.to_ascii_lowercase() || (a == b'-' && b == b'_'))
    })
}

/// The innermost folder of the path in `names`.
fn folder<'a>(e: &Evidence<'a>, names: &[&str]) -> Option<&'a str> {
    e.p.dirs.iter().rev().find(|d| dir_is(d, names)).copied()
}

/// A decision-record number at the start of the name: `0001-`, `001_`, `ADR001-`, `adr-12-`,
/// or a date `2024-01-02-`.
fn record_number(stem: &str) -> Option<&str> {
    let lower_adr = stem.len() >= 3 && stem.is_char_boundary(3) && stem[..3].eq_ignore_ascii_case("adr");
    let rest = if lower_adr {
        stem[3..].trim_start_matches(['-', '_', ' '])
    } else {
        stem
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let after = &rest[digits..];
    let date = after.len() > 6 && after.as_bytes()[0] == b'-' && after.as_bytes()[1..3].iter().all(u8::is_ascii_digit);
    (after.is_empty() || after.starts_with(['-', '_', '.', ' ']) || date).then_some(&rest[..digits])
}

/// The title as quoted in reasons.
fn quoted(t: &str) -> String {
    match t.char_indices().nth(50) {
        Some((i, _)) => format!("\"{}…\"", &t[..i]),
        None => format!("\"{t}\""),
    }
}

/// Whether the title or file name says it is *about* documents of a kind rather than one:
/// "How we write runbooks", "Teamwork advice for ADRs", "What is an architecture decision record".
fn about_docs(title: &[&str]) -> bool {
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
        "why",
        "creating",
        "anatomy",
        "principles",
        "advice",
        "suggestions",
        "tips",
        "start",
        "using",
        "tools",
        "tooling",
        "process",
        "criteria",
        "sustainable",
        "teamwork",
        "questions",
        "fitness",
    ];
    title.iter().any(|w| one_of(w, &about)) || has_phrase(title, "what is") || has_phrase(title, "how to")
}

/// Whether the title names the page as one record: "ADR 12: …", "ADR-0012 …", "ADR: …",
/// "Architecture Decision Record: …", "Decision record for …" (not "ADR の始め方", an
/// article about ADRs).
fn titled_record(e: &Evidence) -> bool {
    let title = e.title.trim_start();
    let after_adr = title
        .get(..3)
        .filter(|p| p.eq_ignore_ascii_case("adr"))
        .map(|_| title[3..].trim_start_matches([' ', '-', '_', '#']));
    let numbered = after_adr.is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || c == ':'));
    let t = &e.title_words;
    let named = [
        "architecture decision record",
        "architectural decision record",
        "decision record",
    ]
    .iter()
    .any(|p| super::words::find_phrase(t, p) == Some(0));
    numbered || named
}

/// Whether the page is part of a product's public website (`website/docs/…`, `www/…`).
fn product_website(e: &Evidence) -> bool {
    e.p.dirs.len() >= 2 && one_of(e.p.dirs[0], &["website", "www"])
}

/// Whether the page is a procedure for writing documentation ("Add a new runbook", "Create an
/// ADR", "Update the docs"): a contributor guide, whatever the documents are.
fn writes_docs(e: &Evidence) -> bool {
    let verbs = [
        "add", "adding", "create", "creating", "write", "writing", "update", "updating", "publish", "edit",
    ];
    let docs = [
        "runbook",
        "runbooks",
        "adr",
        "adrs",
        "page",
        "pages",
        "documentation",
        "docs",
        "doc",
        "playbook",
        "decision record",
    ];
    // The document is the object: "Add a new runbook", "Write an ADR for …"; not "Create a
    // documentation site", whose object is a site.
    let reads = |w: &[&str]| {
        if !w.first().is_some_and(|f| one_of(f, &verbs)) {
            return false;
        }
        w.iter().enumerate().skip(1).any(|(i, word)| {
            let next = w.get(i + 1);
            one_of(word, &docs)
                && next.is_none_or(|n| one_of(n, &["to", "for", "in", "on", "about", "with", "page", "pages"]))
        })
    };
    reads(&e.title_words) || reads(&e.p.words)
}

/// The signal table, in the order a reader would check a document.
pub(super) const SIGNALS: &[Signal] = &[
    // ---- Files whose name is a convention of its own.
    Signal {
        name: "licence file",
        convention: "LICENSE/LICENCE/COPYING/UNLICENSE/NOTICE (and GPL.txt-style names) hold licence texts, whatever they mention",
        weigh: |e, v| {
            let stem = e.p.stem.to_ascii_lowercase();
            let licence = ["license", "licence", "copying", "unlicense", "notice"]
                .iter()
                .any(|s| stem.starts_with(s))
                || ["gpl", "lgpl", "agpl"].contains(&stem.as_str());
            if licence && !has_phrase(&e.p.words, "header") {
                v.add(License, 10.0, format!("name {}", e.p.name));
            }
        },
    },
    Signal {
        name: "changelog file",
        convention: "CHANGELOG/HISTORY/NEWS/RELEASE-NOTES files and release-notes/ folders (Keep a Changelog)",
        weigh: |e, v| {
            let stems = [
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
            if e.p.stem_is(&stems) || e.p.words.first().is_some_and(|w| is(w, "changelog")) {
                v.add(Changelog, 10.0, format!("name {}", e.p.name));
            } else if let Some(dir) = folder(e, &["changelog", "changelogs", "release-notes", "releasenotes"]) {
                v.add(Changelog, 6.0, format!("folder {dir}/"));
            }
        },
    },
    Signal {
        name: "community file",
        convention: "CODE_OF_CONDUCT, GOVERNANCE, CHARTER, MAINTAINERS, AUTHORS, OWNERS: project governance, not team docs",
        weigh: |e, v| {
            let governance = [
                "code of conduct",
                "conduct",
                "governance",
                "charter",
                "maintainers",
                "authors",
                "owners",
                "codeowners",
                "contributors",
                "citation",
                "support",
                "funding",
            ];
            // The whole name is the convention (SUPPORT.md, not common_support_tasks).
            if governance.iter().any(|g| is_phrase(&e.p.words, g)) {
                v.add(Other, 6.0, format!("name {}", e.p.name));
            }
        },
    },
    Signal {
        name: "issue or PR template",
        convention: "GitHub/GitLab issue and pull-request templates (.github/ISSUE_TEMPLATE/, pull_request_template.md)",
        weigh: |e, v| {
            let in_dir = e.p.dirs.iter().any(|d| {
                one_of(
                    d,
                    &[
                        "issue_template",
                        "pull_request_template",
                        "issue_templates",
                        "merge_request_templates",
                    ],
                )
            });
            let named =
                e.p.named(&["pull request template", "issue template", "merge request template"]);
            if in_dir || named {
                v.add(Other, 8.0, format!("issue/PR template {}", e.p.name));
            }
        },
    },
    Signal {
        name: "article",
        convention: "blog/, posts/, articles/ folders hold articles about a subject, not its documents",
        weigh: |e, v| {
            if let Some(dir) = folder(e, ARTICLE_DIRS) {
                v.add(Other, 8.0, format!("folder {dir}/"));
            }
        },
    },
    Signal {
        name: "product website",
        convention: "website/docs/, www/: a product's public documentation, written for its users (Docusaurus and HashiCorp-style sites)",
        weigh: |e, v| {
            if product_website(e) {
                v.add(Other, 2.5, format!("public docs under {}/", e.p.dirs[0]));
            }
        },
    },
    Signal {
        name: "about a kind of document",
        convention: "\"How we write runbooks\", \"Teamwork advice for ADRs\": notes about a kind of document are not one",
        weigh: |e, v| {
            let t = &e.title_words;
            let kind_words = |w: &[&str]| {
                w.iter()
                    .any(|x| one_of(x, &["runbook", "runbooks", "adr", "adrs", "playbooks"]))
                    || has_any(w, &["decision record", "decision records", "architecture decisions"])
            };
            let names_kind = kind_words(t) || kind_words(&e.p.words);
            let record_itself = titled_record(e)
                || t.first().is_some_and(|w| is(w, "runbook"))
                || e.count(&[T::Context, T::Decision, T::Status, T::Consequences]) >= 2;
            if names_kind && (about_docs(t) || about_docs(&e.p.words)) && !record_itself {
                v.add(Other, 5.0, format!("title {} is about such documents", quoted(e.title)));
            }
        },
    },
    Signal {
        name: "handoff name",
        convention: "handover/handoff/knowledge-transfer/exit plans are named so",
        weigh: |e, v| {
            let names = [
                "handoff",
                "handover",
                "hand off",
                "hand over",
                "knowledge transfer",
                "transition plan",
                "exit plan",
            ];
            if e.p.named(&names) || has_any(&e.title_words, &names) {
                v.add(Handoff, 5.0, format!("name or title {}", e.p.name));
            }
        },
    },
    // ---- Postmortems (before runbooks: they share headings).
    Signal {
        name: "postmortem folder or name",
        convention: "incident reports live in incidents/ or postmortems/ and are named postmortem/incident report",
        weigh: |e, v| {
            if let Some(dir) = folder(e, POSTMORTEM_DIRS) {
                v.add(Postmortem, 5.0, format!("folder {dir}/"));
            }
            let names = [
                "postmortem",
                "post mortem",
                "incident report",
                "incident review",
                "post incident review",
                "rca",
            ];
            if e.p.named(&names) {
                v.add(Postmortem, 4.0, format!("name {}", e.p.name));
            } else if has_any(&e.title_words, &names) {
                v.add(Postmortem, 4.0, format!("title {}", quoted(e.title)));
            }
        },
    },
    Signal {
        name: "postmortem sections",
        convention: "incident reports have a timeline with root cause/impact/lessons, or key events and time to repair",
        weigh: |e, v| {
            let timeline = e.count(&[T::Timeline, T::KeyEvents]);
            let analysis = e.count(&[T::RootCause, T::Lessons, T::Impact, T::TimeToRepair, T::ActionItems]);
            if timeline >= 1 && analysis >= 1 {
                let h = e.headings_of(&[
                    T::Timeline,
                    T::KeyEvents,
                    T::RootCause,
                    T::TimeToRepair,
                    T::Lessons,
                    T::Impact,
                ]);
                v.add(Postmortem, 3.0 + analysis as f64, format!("headings {}", h.join("/")));
            }
        },
    },
    // ---- Decision records.
    Signal {
        name: "decision-record folder",
        convention: "adr/, decisions/, architecture-decision-record(s)/ hold decision records (adr-tools, MADR, log4brains)",
        weigh: |e, v| {
            if let Some(dir) = folder(e, ADR_DIRS) {
                // Its README or index lists the records (an index page of kind adr).
                let index = e.p.stem_is(&["readme", "index", "_index"]);
                v.add(Adr, if index { 2.5 } else { 3.0 }, format!("folder {dir}/"));
                if let Some(n) = record_number(e.p.stem) {
                    v.add(Adr, 3.0, format!("numbered name {n}"));
                }
            }
        },
    },
    Signal {
        name: "ADR name",
        convention: "adr-0012-…, ADR012-… file names number decision records wherever they sit",
        weigh: |e, v| {
            let first = e.p.words.first().copied().unwrap_or("");
            let numbered = e.p.words.get(1).is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
            if is(first, "adr") && numbered {
                v.add(Adr, 4.0, format!("name {}", e.p.name));
            }
        },
    },
    Signal {
        name: "decision-record sections",
        convention: "Nygard (Status/Context/Decision/Consequences), MADR (Context and Problem Statement/Considered Options/Decision Outcome), Tyree/Akerman (Issue/Decision/Status/Positions)",
        weigh: |e, v| {
            let madr = e.count(&[
                T::ContextProblem,
                T::ConsideredOptions,
                T::DecisionOutcome,
                T::DecisionDrivers,
            ]);
            if madr >= 2 {
                let h = e.headings_of(&[
                    T::ContextProblem,
                    T::ConsideredOptions,
                    T::DecisionOutcome,
                    T::DecisionDrivers,
                ]);
                v.add(Adr, 5.0, format!("MADR headings {}", h.join("/")));
                return;
            }
            let decision = e.has(T::Decision) || e.has(T::DecisionOutcome);
            let status = e.has(T::Status) || e.decision_status();
            let why = e.count(&[T::Context, T::Consequences, T::Positions, T::Alternatives, T::ProsCons]);
            if decision && (status && why >= 1 || why >= 2) {
                let h = e.headings_of(&[T::Status, T::Context, T::Decision, T::DecisionOutcome, T::Consequences]);
                v.add(Adr, 5.0, format!("{} headings", h.join("/")));
            } else if decision && (status || why >= 1) {
                let h = e.headings_of(&[T::Status, T::Context, T::Decision, T::Consequences]);
                v.add(Adr, 2.5, format!("{} headings", h.join("/")));
            }
            // Templates list the sections as bold fields ("**Decision**: …").
            let fields = |k: &str| e.doc.inline_fields.iter().any(|(key, _, _)| is(key, k));
            if !decision && fields("decision") && (fields("status") || fields("context") || fields("issue")) {
                v.add(Adr, 3.0, "Decision/Status fields");
            }
        },
    },
    Signal {
        name: "decision status",
        convention: "decision records state a status: Proposed, Accepted, Superseded, Deprecated…",
        weigh: |e, v| {
            if e.decision_status() {
                v.add(Adr, 1.5, "a decision status");
            }
        },
    },
    Signal {
        name: "decision-record title",
        convention: "titles such as \"ADR 12: …\", \"Architecture Decision Record: …\", \"Decision record for …\"",
        weigh: |e, v| {
            let t = &e.title_words;
            // A title that names the page a record ("ADR 12: …") says what it is.
            if titled_record(e) {
                v.add(Adr, 4.5, format!("title {}", quoted(e.title)));
                return;
            }
            let titled = has_any(
                t,
                &[
                    "decision record",
                    "architecture decision",
                    "architectural decision",
                    "karar kaydı",
                    "registro de decisión",
                    "registro de decisiones",
                ],
            );
            if titled {
                v.add(Adr, 3.0, format!("title {}", quoted(e.title)));
            }
        },
    },
    // ---- Design documents.
    Signal {
        name: "design folder",
        convention: "design/, rfcs/, proposals/, keps/, enhancements/ hold design documents and proposals",
        weigh: |e, v| {
            if let Some(dir) = folder(e, DESIGN_DIRS) {
                // A README or index in a proposals folder without a proposal's own sections
                // explains the folder or the process (KEP process, RFC process).
                let index = e.p.stem_is(&["readme", "index", "_index"]);
                if index && e.count(&[T::Motivation, T::Goals, T::Proposal, T::DesignDetails, T::Alternatives]) < 2 {
                    v.add(Design, 1.0, format!("README under {dir}/"));
                } else {
                    v.add(Design, 3.5, format!("folder {dir}/"));
                }
            }
        },
    },
    Signal {
        name: "design sections",
        convention: "KEP/RFC/design-doc sections: Summary, Motivation, Goals, Non-Goals, Proposal, Design Details, Risks and Mitigations, Alternatives, Graduation Criteria, Test Plan",
        weigh: |e, v| {
            let topics = [
                T::Motivation,
                T::Goals,
                T::NonGoals,
                T::Proposal,
                T::DesignDetails,
                T::RisksMitigations,
                T::Graduation,
                T::TestPlan,
                T::Alternatives,
                T::Drawbacks,
                T::UserStories,
                T::ImplementationHistory,
                T::ProductionReadiness,
                T::UnresolvedQuestions,
            ];
            let n = e.count(&topics);
            let weight = match n {
                0 | 1 => 0.0,
                2 if e.has(T::Goals) && e.has(T::NonGoals) => 3.0,
                2 => 1.5,
                3 => 4.0,
                _ => 6.0,
            };
            if weight > 0.0 {
                let h = e.headings_of(&topics);
                let shown: Vec<&str> = h.iter().take(4).copied().collect();
                v.add(Design, weight, format!("headings {}", shown.join("/")));
            }
        },
    },
    Signal {
        name: "design title or name",
        convention: "\"KEP-1234: …\", \"RFC: …\", \"… design doc\", \"Proposal: …\"",
        weigh: |e, v| {
            let t = &e.title_words;
            let words = [
                "kep",
                "rfc",
                "proposal",
                "design doc",
                "design document",
                "technical design",
                "enhancement proposal",
            ];
            if has_any(t, &words) {
                v.add(Design, 3.0, format!("title {}", quoted(e.title)));
            } else if e.p.named(&["rfc", "proposal", "design", "spec", "specification"]) {
                v.add(Design, 2.0, format!("name {}", e.p.name));
            }
        },
    },
    // ---- Runbooks.
    Signal {
        name: "runbook folder",
        convention: "runbooks/, playbooks/, on-call/, alerts/ hold runbooks (Ansible playbooks/ hold code notes)",
        weigh: |e, v| {
            if let Some(dir) = folder(e, RUNBOOK_DIRS) {
                let ansible = |s: &str| s.to_ascii_lowercase().contains("ansible");
                let mentions_ansible = ansible(e.title)
                    || e.doc.code_spans.iter().any(|c| ansible(&c.text))
                    || e.doc
                        .code_blocks
                        .iter()
                        .any(|b| b.first_words.iter().any(|w| ansible(w)));
                // The README of the folder itself explains the folder unless it reads as a runbook.
                let folder_readme = e.p.stem_is(&["readme"]) && e.p.parent() == Some(dir);
                let reads_as_runbook =
                    procedure_weight(e).0 >= 2.0 || e.count(&[T::Alerts, T::Diagnosis, T::Mitigation]) >= 2;
                if dir.to_ascii_lowercase().starts_with("playbook") && mentions_ansible {
                    v.add(Other, 3.0, format!("Ansible notes under {dir}/ (playbooks are code)"));
                } else if folder_readme && !reads_as_runbook {
                    v.add(Runbook, 1.0, format!("README of {dir}/"));
                } else {
                    v.add(Runbook, 4.0, format!("folder {dir}/"));
                }
            }
        },
    },
    Signal {
        name: "runbook name or title",
        convention: "pages named or titled runbook/playbook",
        weigh: |e, v| {
            let word = ["runbook", "runbooks", "run book", "playbook"];
            if writes_docs(e) || about_docs(&e.title_words) || about_docs(&e.p.words) {
                return;
            }
            if e.p.named(&word) {
                v.add(Runbook, 3.0, format!("name {}", e.p.name));
            } else if has_any(&e.title_words, &word) {
                v.add(Runbook, 3.0, format!("title {}", quoted(e.title)));
            }
        },
    },
    Signal {
        name: "runbook sections",
        convention: "alert runbooks: Symptoms/Alerts, Diagnosis/Triage, Mitigation/Remediation, Escalation; Meaning/Impact/Diagnosis/Mitigation (kube-prometheus)",
        weigh: |e, v| {
            let groups = [T::Alerts, T::Diagnosis, T::Mitigation, T::Escalation];
            let mut n = e.count(&groups);
            if e.has(T::Meaning) {
                n += 1;
            }
            let weight = match n {
                0 | 1 => 0.0,
                2 => 3.0,
                3 => 4.5,
                _ => 6.0,
            };
            if weight > 0.0 {
                let h = e.headings_of(&[T::Meaning, T::Alerts, T::Diagnosis, T::Mitigation, T::Escalation]);
                v.add(Runbook, weight, format!("headings {}", h.join("/")));
            }
        },
    },
    Signal {
        name: "procedure",
        convention: "procedures: an imperative title (\"Rotate the credentials\"), numbered steps, Prerequisites/Steps headings, shell blocks. On the running system (kubectl, aws, terraform, production) a procedure is a runbook; on code (bundle, npm, tests, pull requests) it is a developer guide",
        weigh: procedure,
    },
    Signal {
        name: "runbook site",
        convention: "a docs site whose configuration calls it runbooks/playbooks/operations manual (GOV.UK Tech Docs service_name, mkdocs site_name, Hugo title)",
        weigh: |e, v| {
            let Some(site) = e.site else { return };
            if writes_docs(e) {
                return;
            }
            let says: Vec<&str> = words(&site.says).collect();
            if has_any(
                &says,
                &[
                    "runbook",
                    "runbooks",
                    "playbook",
                    "playbooks",
                    "run book",
                    "operations manual",
                    "ops manual",
                ],
            ) {
                // The site makes a procedure likelier to be a runbook; it does not make every
                // page of the site one (team pages, incident reports, overviews live there too).
                let procedural =
                    procedure_weight(e).0 >= 1.0 || e.count(&[T::Alerts, T::Diagnosis, T::Mitigation]) >= 1;
                let weight = if procedural { 1.5 } else { 0.5 };
                v.add(Runbook, weight, format!("site \"{}\" ({})", site.says, site.config));
            }
        },
    },
    Signal {
        name: "repository description",
        convention: "a committed repository description (.github/settings.yml, catalog-info.yaml) that says runbooks",
        weigh: |e, v| {
            let Some(text) = e.repo_description else { return };
            let says: Vec<&str> = words(text).collect();
            if has_any(&says, &["runbook", "runbooks", "playbooks"]) && !writes_docs(e) && procedure_weight(e).0 >= 1.5
            {
                v.add(Runbook, 1.0, "repository description says runbooks");
            }
        },
    },
    // ---- Onboarding.
    Signal {
        name: "README",
        convention: "a repository's root README orients newcomers; a folder README explains its folder, a README beside code is a developer README",
        weigh: |e, v| {
            if !e.p.stem_is(&["readme"]) {
                return;
            }
            if e.p.dirs.is_empty() {
                v.add(Onboarding, 5.0, "root README");
            } else if e.in_code_dir {
                v.add(
                    Onboarding,
                    3.0,
                    format!("README of the code in {}/", e.p.dirs.join("/")),
                );
            } else {
                v.add(Onboarding, 2.0, format!("README of {}/", e.p.dirs.join("/")));
            }
        },
    },
    Signal {
        name: "onboarding name",
        convention: "CONTRIBUTING, INSTALL, HACKING, getting-started, onboarding, joiners/leavers, quickstart, AGENTS.md",
        weigh: |e, v| {
            let strong = [
                "contributing",
                "contribute",
                "getting started",
                "get started",
                "gettingstarted",
                "onboarding",
                "quickstart",
                "quick start",
                "hacking",
                "welcome",
                "new starter",
                "new starters",
                "joiners",
                "joiner",
                "leavers",
                "leaver",
                "orientation",
                "developing",
                "development guide",
                "developer guide",
                "how we work",
                "working practices",
                "ways of working",
                "style guide",
                "styleguide",
                "styleguides",
            ];
            let short = [
                "install",
                "installation",
                "installing",
                "setup",
                "set up",
                "development",
                "agents",
                "conventions",
            ];
            if e.p.named(&strong) {
                v.add(Onboarding, 6.0, format!("name {}", e.p.name));
            } else if e.p.words.len() <= 3 && e.p.named(&short) {
                v.add(Onboarding, 3.0, format!("name {}", e.p.name));
            } else if has_any(&e.title_words, &strong) {
                v.add(Onboarding, 3.0, format!("title {}", quoted(e.title)));
            }
        },
    },
    Signal {
        name: "writing documentation",
        convention: "\"Add a new runbook\", \"Create an ADR\": how to contribute to the team's docs is a contributor guide",
        weigh: |e, v| {
            if writes_docs(e) {
                v.add(Onboarding, 4.0, format!("how to write docs: {}", quoted(e.title)));
            }
        },
    },
    Signal {
        name: "team practice",
        convention: "how the team works: pairing, pull requests and code review, conventions and naming, ownership, triage, where to find things",
        weigh: |e, v| {
            let names = [
                "pairing",
                "pull request",
                "pull requests",
                "prs",
                "code review",
                "reviews",
                "conventions",
                "convention",
                "naming",
                "ownership",
                "bug reports",
                "triage",
                "where to find",
                "pr",
                "ways of working",
                "team norms",
            ];
            if e.p.named(&names) || has_any(&e.title_words, &names) {
                v.add(Onboarding, 3.0, format!("team practice {}", quoted(e.title)));
            }
        },
    },
    Signal {
        name: "developer guidance",
        convention: "guidance about the code (languages, tests, CI, dependencies, local development) is a developer guide, part of onboarding",
        weigh: |e, v| {
            let dev = e.family(Family::Dev) + e.commands.dev;
            let live = e.family(Family::Live) + e.commands.ops;
            if dev >= 4 && dev > live {
                let weight = if dev >= 10 { 2.0 } else { 1.0 } + if e.subject_dev > e.subject_live { 1.0 } else { 0.0 };
                v.add(Onboarding, weight, format!("about code ({dev} developer words)"));
                // On a site that calls itself developer documentation, that is its purpose.
                if let Some(site) = e.site {
                    let says: Vec<&str> = words(&site.says).collect();
                    if has_any(
                        &says,
                        &[
                            "developer",
                            "developers",
                            "contributor",
                            "contributors",
                            "engineering handbook",
                        ],
                    ) {
                        v.add(Onboarding, 1.0, format!("on the developers' site \"{}\"", site.says));
                    }
                }
            }
        },
    },
    Signal {
        name: "onboarding folder",
        convention: "contributing/, onboarding/, getting-started/, styleguides/ hold developer and newcomer guides",
        weigh: |e, v| {
            let dirs = [
                "contributing",
                "onboarding",
                "getting-started",
                "get-started",
                "new-starters",
                "styleguides",
                "development",
                "developer-docs",
            ];
            if let Some(dir) = folder(e, &dirs) {
                v.add(Onboarding, 6.0, format!("folder {dir}/"));
            }
        },
    },
    Signal {
        name: "onboarding sections",
        convention: "Install, Getting started, Development, Running tests, Contributing, Pull requests headings",
        weigh: |e, v| {
            let topics = [
                T::Install,
                T::GettingStarted,
                T::Development,
                T::Contributing,
                T::Workflow,
                T::Joiners,
            ];
            let n = e.count(&topics);
            if n >= 1 {
                let h = e.headings_of(&topics);
                v.add(
                    Onboarding,
                    if n >= 2 { 2.0 } else { 1.0 },
                    format!("headings {}", h.join("/")),
                );
            }
        },
    },
    // ---- Security.
    Signal {
        name: "security policy",
        convention: "SECURITY.md (GitHub's security policy), vulnerability reporting and disclosure, incident-response processes, threat models",
        weigh: |e, v| {
            if e.p.stem_is(&["security"]) {
                v.add(Security, 8.0, format!("name {}", e.p.name));
                return;
            }
            // An incident-response process (declare, roles, comms) is a security document even
            // though its headings look like a runbook's.
            let process = [
                "incident response",
                "incident process",
                "incident management",
                "incident handling",
            ];
            let title: &[&str] = &e.title_words;
            if e.p.named(&process) || has_any(title, &process) {
                v.add(Security, 8.0, format!("incident-response process {}", quoted(e.title)));
                return;
            }
            let phrases = [
                "security policy",
                "vulnerability",
                "vulnerabilities",
                "responsible disclosure",
                "threat model",
                "security incident",
                "security incidents",
                "security alerts",
                "handling credentials",
            ];
            let csp = |w: &[&str]| has_phrase(w, "content security policy");
            if (e.p.named(&phrases) && !csp(&e.p.words)) || (has_any(title, &phrases) && !csp(title)) {
                v.add(Security, 4.0, format!("name or title {}", quoted(e.title)));
            }
            // "Rules for getting production access", "Security patch policy", "Credentials
            // handling standards": a policy about security, access or credentials.
            let rules = ["rules", "policy", "policies", "standards", "standard"];
            let topic = [
                "security",
                "access",
                "credentials",
                "secrets",
                "passwords",
                "advisories",
            ];
            let policy =
                |w: &[&str]| w.iter().any(|x| one_of(x, &rules)) && w.iter().any(|x| one_of(x, &topic)) && !csp(w);
            if policy(title) || policy(&e.p.words) {
                v.add(Security, 4.0, format!("policy {}", quoted(e.title)));
            }
            let n = e.count(&[T::Vulnerability, T::SupportedVersions]);
            if n >= 1 {
                let h = e.headings_of(&[T::Vulnerability, T::SupportedVersions]);
                v.add(Security, 1.5 * n as f64, format!("headings {}", h.join("/")));
            }
        },
    },
    // ---- Access inventories.
    Signal {
        name: "access inventory",
        convention: "an inventory lists systems/accounts with who holds access and where the credential lives or how it rotates (a table with those columns, or such fields)",
        weigh: access_inventory,
    },
    // ---- Operations.
    Signal {
        name: "operations name",
        convention: "on-call, rota, support, environments, deployment and release process, monitoring, disaster recovery, backups, SLOs",
        weigh: |e, v| {
            let names = [
                "on call",
                "oncall",
                "on support",
                "rota",
                "support manual",
                "roles and responsibilities",
                "environments",
                "release process",
                "releasing",
                "deploy",
                "deploying",
                "deployment",
                "deployments",
                "deployment process",
                "monitoring",
                "disaster recovery",
                "business continuity",
                "backup policy",
                "slo",
                "slos",
                "service targets",
                "service level",
                "pagerduty",
                "keeping software current",
                "communications plan",
            ];
            // A procedure's subject ("Deploy pods to the monitoring node group") does not make it
            // a description of how the system is run.
            let procedure = e.imperative_title().is_some() || e.imperative_name().is_some();
            if procedure {
                return;
            }
            // A page on deploying, environments, monitoring or disaster recovery that has steps
            // and commands is a procedure on them; pages on the rota and its rules stay
            // descriptions of how the team runs the system, checklists included.
            let people = [
                "on call",
                "oncall",
                "on support",
                "rota",
                "support manual",
                "roles and responsibilities",
                "pagerduty",
                "service targets",
                "slo",
                "slos",
                "communications plan",
            ];
            let about_people = e.p.named(&people) || has_any(&e.title_words, &people);
            let scale = if !about_people && procedure_weight(e).0 >= 2.0 {
                0.5
            } else {
                1.0
            };
            if e.p.named(&names) {
                v.add(Operations, 5.0 * scale, format!("name {}", e.p.name));
            } else if has_any(&e.title_words, &names) {
                v.add(Operations, 4.0 * scale, format!("title {}", quoted(e.title)));
            }
            if let Some(dir) = folder(
                e,
                &[
                    "operations",
                    "ops",
                    "sre",
                    "deployment",
                    "deployments",
                    "disaster-recovery",
                ],
            ) {
                v.add(Operations, 2.0, format!("folder {dir}/"));
            }
        },
    },
    // ---- Architecture.
    Signal {
        name: "architecture",
        convention: "architecture overviews: named or titled architecture / how it works / technical design, with component or data-flow sections",
        weigh: |e, v| {
            let names = [
                "architecture",
                "architectural",
                "system overview",
                "technical design",
                "deep dive",
                "how it works",
            ];
            let title = &e.title_words;
            let how_works = has_phrase(title, "how") && title.iter().any(|w| one_of(w, &["works", "work"]));
            if e.p.named(&names) {
                v.add(Architecture, 3.0, format!("name {}", e.p.name));
            } else if has_any(title, &names) || how_works {
                v.add(Architecture, 3.0, format!("title {}", quoted(e.title)));
            }
            if let Some(dir) = folder(e, &["architecture", "technical-design"]) {
                v.add(Architecture, 2.0, format!("folder {dir}/"));
            }
            let n = e.count(&[T::Architecture, T::Components]);
            if n >= 1 {
                let h = e.headings_of(&[T::Architecture, T::Components]);
                v.add(Architecture, 1.0 * n as f64, format!("headings {}", h.join("/")));
            }
        },
    },
    // ---- References.
    Signal {
        name: "reference",
        convention: "terraform-docs module READMEs (Requirements/Providers/Resources/Inputs/Outputs), CLI and function references (Usage/Options/Examples), api/ and reference/ folders",
        weigh: |e, v| {
            let tf = [
                T::TfRequirements,
                T::TfProviders,
                T::TfModules,
                T::TfResources,
                T::Inputs,
                T::Outputs,
            ];
            if e.count(&tf) >= 3 {
                v.add(
                    Api,
                    6.0,
                    format!("terraform-docs headings {}", e.headings_of(&tf).join("/")),
                );
            }
            if e.has(T::Usage) && e.count(&[T::Options, T::Examples]) >= 1 {
                let h = e.headings_of(&[T::Usage, T::Options, T::Examples]);
                v.add(Api, 2.5, format!("headings {}", h.join("/")));
            }
            // "Command: state rm", "tofu fmt command": a CLI reference page.
            let t = &e.title_words;
            if t.first().is_some_and(|w| is(w, "command"))
                || (t.len() <= 4 && t.last().is_some_and(|w| is(w, "command")))
            {
                v.add(Api, 3.0, format!("title {}", quoted(e.title)));
            }
            let dirs = [
                "api",
                "apis",
                "openapi",
                "api-docs",
                "api-reference",
                "reference",
                "commands",
                "functions",
            ];
            if let Some(dir) = folder(e, &dirs) {
                v.add(Api, 2.5, format!("folder {dir}/"));
            }
            if e.p
                .stem_is(&["api", "apis", "openapi", "swagger", "endpoints", "graphql"])
                || e.p
                    .named(&["api reference", "api docs", "api spec", "openapi", "swagger"])
            {
                v.add(Api, 3.0, format!("name {}", e.p.name));
            }
        },
    },
];

/// Which way a procedure leans: towards the running system (operations tools, infrastructure
/// and incident words, an operational verb or subject in the title) or towards code
/// (developer tools, tests, CI, languages). Smoothed towards the running system, since
/// procedures in team manuals mostly operate it.
fn operational_share(e: &Evidence) -> f64 {
    let body_live = (e.family(Family::Live) + e.family(Family::Incident)) as f64 / 4.0;
    let live = e.commands.ops as f64 + 2.0 * e.subject_live as f64 + body_live;
    let code = e.commands.dev as f64 + 2.0 * e.subject_dev as f64 + e.family(Family::Dev) as f64 / 4.0;
    (live + 0.6) / (live + code + 1.0)
}

/// How much a page reads as a procedure, and what made it so.
pub(super) fn procedure_weight(e: &Evidence) -> (f64, Vec<String>) {
    let mut weight = 0.0;
    let mut seen: Vec<String> = Vec::new();
    if let Some(verb) = e.imperative_title() {
        weight += 1.5;
        seen.push(format!("imperative title ({verb} …)"));
    } else if let Some(verb) = e.imperative_name() {
        weight += 1.5;
        seen.push(format!("imperative name ({verb}-…)"));
    }
    // A numbered list is steps when it instructs ("1. Run …"); a numbered list of components
    // or principles is not.
    if (e.doc.ordered_items >= 3 && e.instructions >= 1) || e.has(T::Steps) {
        weight += 1.0;
        seen.push("numbered steps".to_string());
    }
    let step = match e.instructions {
        0 | 1 => 0.0,
        2 | 3 => 0.5,
        4..=7 => 1.0,
        _ => 1.5,
    };
    if step > 0.0 {
        weight += step;
        seen.push(format!("{} instruction lines", e.instructions));
    }
    if e.has(T::Prerequisites) && !e.has(T::TfProviders) {
        weight += 1.0;
        seen.push("Prerequisites heading".to_string());
    }
    let commands = e.commands.ops + e.commands.dev;
    let command_weight = match commands {
        0 => 0.0,
        1 | 2 => 1.0,
        3..=5 => 1.5,
        _ => 2.0,
    };
    if command_weight > 0.0 {
        weight += command_weight;
        seen.push(format!("{commands} command lines"));
    }
    if e.has(T::Troubleshooting) {
        weight += 1.0;
        seen.push("troubleshooting".to_string());
    }
    // Diátaxis and most docs sites keep task pages in how-to/ or guides/ folders.
    if weight > 0.0
        && let Some(dir) = folder(
            e,
            &["how-to", "howto", "how-tos", "howtos", "guides", "tasks", "procedures"],
        )
    {
        weight += 1.0;
        seen.push(format!("folder {dir}/"));
    }
    (weight, seen)
}

/// Whether the repository describes itself as a demo, sample or tutorial: procedures to deploy
/// it are guides for its users, not runbooks of a system the team runs.
fn demo_repository(e: &Evidence) -> bool {
    let Some(text) = e.repo_description else { return false };
    let w: Vec<&str> = words(text).collect();
    has_any(
        &w,
        &[
            "demo",
            "demos",
            "sample application",
            "sample app",
            "samples",
            "example application",
            "example app",
            "showcase",
            "tutorial",
            "workshop",
            "reference application",
            "reference implementation",
        ],
    )
}

/// Pages about the maintainers' own automation and releases (`.github/`, release procedures),
/// which stay runbooks even in a demo repository.
fn maintainers_own(e: &Evidence) -> bool {
    e.p.dirs
        .first()
        .is_some_and(|d| one_of(d, &[".github", ".gitlab", ".circleci"]))
        || e.p
            .dirs
            .iter()
            .any(|d| one_of(d, &["releasing", "release", "releases", "ci"]))
        || e.p.named(&["release", "releasing"])
        || has_any(&e.title_words, &["release", "releasing"])
}

/// The "procedure" signal: structure that makes a page a procedure, split between runbook and
/// onboarding by [`operational_share`].
fn procedure(e: &Evidence, v: &mut Votes) {
    let (weight, seen) = procedure_weight(e);
    if weight == 0.0 {
        return;
    }
    let share = operational_share(e);
    let label = seen.join(" + ");
    let pct = (share * 100.0).round();
    if writes_docs(e) {
        v.add(Onboarding, weight, format!("{label}, on the docs"));
        return;
    }
    // A demo has no running system of its team's: deploying it is a guide for its users, any
    // other procedure is the maintainers' contributor guide (their CI and releases excepted).
    if demo_repository(e) && !maintainers_own(e) {
        if e.commands.ops >= 1 {
            v.add(
                Other,
                weight * share + 1.0,
                format!("{label}: deploying a demo, a guide for its users"),
            );
            v.add(
                Onboarding,
                weight * (1.0 - share),
                format!("{label}, on code ({}%)", 100.0 - pct),
            );
        } else {
            v.add(Onboarding, weight, format!("{label}: working on a demo"));
        }
        return;
    }
    v.add(
        Runbook,
        weight * share,
        format!("{label}, on the running system ({pct}%)"),
    );
    v.add(
        Onboarding,
        weight * (1.0 - share),
        format!("{label}, on code ({}%)", 100.0 - pct),
    );
}

/// Column or field words of an access inventory, by what they tell.
const INVENTORY_COLUMNS: &[(&str, &[&str])] = &[
    (
        "system",
        &[
            "system",
            "systems",
            "service",
            "services",
            "account",
            "accounts",
            "tool",
            "platform",
            "resource",
            "application",
            "project",
        ],
    ),
    (
        "who",
        &[
            "who",
            "owner",
            "owners",
            "holder",
            "holders",
            "users",
            "people",
            "team",
            "admins",
            "administrators",
            "members",
            "access",
        ],
    ),
    (
        "credential",
        &[
            "credential",
            "credentials",
            "secret",
            "secrets",
            "password",
            "passwords",
            "key",
            "keys",
            "token",
            "tokens",
            "stored",
            "location",
            "vault",
            "where",
        ],
    ),
    (
        "rotation",
        &["rotation", "rotated", "rotate", "expires", "expiry", "renewal", "renew"],
    ),
];

/// The "access inventory" signal: a table (or field list) whose columns say system, who and
/// credential/rotation; a page named access/credentials without such structure only hints.
fn access_inventory(e: &Evidence, v: &mut Votes) {
    let families = |cells: &mut dyn Iterator<Item = &str>| {
        let mut found = [false; 4];
        for cell in cells {
            for word in words(cell) {
                for (i, (_, list)) in INVENTORY_COLUMNS.iter().enumerate() {
                    if one_of(word, list) {
                        found[i] = true;
                    }
                }
            }
        }
        found
    };
    for table in &e.doc.tables {
        let found = families(&mut table.header.iter().map(String::as_str));
        let has_cred = found[2] || found[3];
        if found[0] && found[1] && has_cred && table.rows >= 1 {
            v.add(Access, 6.0, format!("inventory table ({})", table.header.join(" | ")));
            return;
        }
    }
    let named = [
        "access",
        "credentials",
        "credential",
        "secrets",
        "passwords",
        "accounts",
        "account",
        "permissions",
    ];
    let is_named = e.p.named(&named) || has_any(&e.title_words, &named);
    // In prose: accounts and roles described with where their credentials are kept or who may
    // use them, on a page that is not mainly a procedure.
    if is_named
        && e.custody >= 1
        && e.family(Family::Account) >= 3
        && procedure_weight(e).0 < 3.0
        && !product_website(e)
    {
        v.add(
            Access,
            4.0,
            format!("accounts with custody of their credentials ({} statements)", e.custody),
        );
        return;
    }
    if is_named && e.doc.list_items + e.doc.tables.iter().map(|t| t.rows).sum::<usize>() >= 3 {
        let keys = families(&mut e.doc.inline_fields.iter().map(|(k, _, _)| k.as_str()));
        if keys.iter().filter(|b| **b).count() >= 2 {
            v.add(Access, 4.0, "access fields per system");
        } else if e.family(Family::Credential) >= 3 {
            v.add(Access, 1.5, format!("name or title {} with a list", quoted(e.title)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_numbers() {
        let cases = [
            ("0001-record-decisions", Some("0001")),
            ("ADR001-manifest-management", Some("001")),
            ("adr-12-x", Some("12")),
            ("2024-01-02-use-kafka", Some("2024")),
            ("000-Record", Some("000")),
            ("20231017-homebrew", Some("20231017")),
            ("v2-plan", None),
            ("12factor", None),
            ("index", None),
        ];
        for (stem, want) in cases {
            assert_eq!(record_number(stem), want, "{stem}");
        }
    }

    #[test]
    fn folder_names_read_underscores_as_dashes() {
        assert!(dir_is("architecture_decision_records", ADR_DIRS));
        assert!(dir_is("Architecture-Decision-Record", ADR_DIRS));
        assert!(!dir_is("decisionsx", ADR_DIRS));
    }

    #[test]
    fn every_signal_is_named_and_explained() {
        for s in SIGNALS {
            assert!(!s.name.is_empty() && s.convention.len() > 20, "{}", s.name);
        }
        let mut names: Vec<&str> = SIGNALS.iter().map(|s| s.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), SIGNALS.len());
    }
}
