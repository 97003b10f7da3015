//! Gathering facts: everything exitready knows about one root, as plain serialisable data.
//!
//! Facts carry no judgement (no pass, no fail, no score): the checks in `checks/` read them.
//! Each sub-module gathers one kind of fact; `gather` runs them in order for one root, reading
//! each file at most once and never writing anything.

pub mod changes;
pub mod documents;
pub mod freshness;
pub mod history;
pub mod inventory;
pub mod knowledge;
pub mod named;
pub mod owners;
pub mod ownership;
pub mod services;

use std::path::PathBuf;

use globset::{Glob, GlobSet};

use crate::base::dates::rfc3339;
use crate::discover::{Root, RootKind};
use crate::error::Result;
use crate::settings::Config;
use documents::{DocKind, KindPin, ParsedDoc};
use inventory::{FileClass, Inventory, Snapshot};

/// A problem met while gathering, that did not stop the scan (the report says what is partial).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Warning {
    /// A short kind (`unreadable`, `invalid_utf8`, `shallow`, …), counted in the summary.
    pub kind: String,
    /// The repository-relative path concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The 1-based line concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
}

impl Warning {
    /// A warning about a path (or the whole root).
    pub fn new(kind: &str, path: Option<&str>, message: &str) -> Warning {
        Warning {
            kind: kind.to_string(),
            path: path.map(str::to_string),
            line: None,
            message: message.to_string(),
        }
    }

    /// A warning about one line of a file.
    pub fn at(kind: &str, path: &str, line: usize, message: &str) -> Warning {
        Warning {
            line: Some(line),
            ..Warning::new(kind, Some(path), message)
        }
    }
}

/// Why a document is judged stale or weak: one signal with its evidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Reason {
    /// `age`, `drift`, `dead_link`, `overdue_review`, `adr_status`, `hollow`, …
    pub signal: String,
    /// One sentence with the figures.
    pub message: String,
    /// The path the evidence points to (the dead target, the drifting code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The line in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// One document with its kind and what was parsed from it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Document {
    /// Repository-relative path.
    pub path: String,
    /// Its kind.
    pub kind: DocKind,
    /// The top signals that decided the kind.
    pub kind_reason: String,
    /// How sure the classifier is of the kind, 0 to 1 (issue 12).
    pub kind_confidence: f64,
    /// Every signal the classifier weighed, heaviest first (for `explain`).
    pub kind_signals: Vec<documents::WeighedSignal>,
    /// Set when the document only looks like one of its kind (template, fixture, index page,
    /// stub): listed, but counted by no check by default.
    pub lookalike: Option<documents::Lookalike>,
    /// Sections clearly of another kind than the file (a README's runbook section).
    pub sections: Vec<documents::SectionKind>,
    /// What the parser found: title, headings, front matter, links…
    #[serde(flatten)]
    pub parsed: ParsedDoc,
    /// Last content change (RFC 3339), from git, or from mtime for plain folders.
    pub last_changed: Option<String>,
    /// `git` or `mtime`: where `last_changed` comes from.
    pub last_changed_from: Option<String>,
    /// Whether any staleness signal fired.
    pub stale: bool,
    /// Every staleness or weakness signal, with evidence.
    pub reasons: Vec<Reason>,
}

/// Everything known about one root.
#[derive(Debug)]
pub struct RepoFacts {
    /// The root.
    pub root: Root,
    /// HEAD's full commit id (repositories only).
    pub head: Option<String>,
    /// The branch HEAD is on.
    pub branch: Option<String>,
    /// The `origin` remote's URL as configured (credentials included: the report strips them).
    pub remote_url: Option<String>,
    /// The files.
    pub inventory: Inventory,
    /// The documents, by path.
    pub documents: Vec<Document>,
    /// The services found or declared.
    pub services: Vec<services::Service>,
    /// Named people for accountable roles, from docs and config.
    pub named_roles: Vec<named::NamedRole>,
    /// Ownership files and every tracked file's owners (`tracked` order).
    pub ownership: Option<ownership::OwnershipFacts>,
    /// The paths ownership was resolved for: every inventoried file not excluded by config.
    pub tracked: Vec<String>,
    /// The history pass, for repositories (None for plain folders or when it could not run).
    pub history: Option<history::HistoryFacts>,
    /// Who knows the code, from the history.
    pub knowledge: Option<knowledge::KnowledgeFacts>,
    /// Whether the history read is incomplete (shallow, `--since`, corrupt objects, or not read).
    pub partial_history: bool,
    /// Problems that did not stop the scan.
    pub warnings: Vec<Warning>,
    /// The changed range of a CI run (`exitready gate`); `None` for a scan.
    pub changes: Option<changes::ChangedRange>,
}

impl Document {
    /// Whether checks count this document: not a template, fixture, index page or stub.
    pub fn counted(&self) -> bool {
        self.lookalike.is_none()
    }
}

impl RepoFacts {
    /// The facts of a root before anything was gathered (a base for tests and for gathering).
    pub fn empty(root: Root) -> RepoFacts {
        RepoFacts {
            root,
            head: None,
            branch: None,
            remote_url: None,
            inventory: Inventory::default(),
            documents: Vec::new(),
            services: Vec::new(),
            named_roles: Vec::new(),
            ownership: None,
            tracked: Vec::new(),
            history: None,
            knowledge: None,
            partial_history: true,
            warnings: Vec::new(),
            changes: None,
        }
    }

    /// The documents of a kind.
    pub fn documents_of(&self, kind: DocKind) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.kind == kind)
    }

    /// A document by path.
    pub fn document(&self, path: &str) -> Option<&Document> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.documents[i])
    }
}

/// Everything `gather` needs besides the root.
#[derive(Debug, Clone, Default)]
pub struct GatherOptions {
    /// The config in force for this root.
    pub config: Config,
    /// Where the config came from, for messages.
    pub config_path: Option<PathBuf>,
    /// Read history only from this time on.
    pub since: Option<jiff::Timestamp>,
    /// Threads for the history pass (0: all cores).
    pub jobs: usize,
    /// Show a progress bar for the history pass.
    pub progress: bool,
    /// The report clock (`--now` or the wall clock at the start), for document ages.
    pub now: jiff::Timestamp,
    /// Leave out the history pass (the gate reads only the changed range unless asked for more).
    pub skip_history: bool,
    /// Read every commit again instead of using the history cache.
    pub no_cache: bool,
}

/// Gathers the facts of one root.
pub fn gather(root: &Root, options: &GatherOptions) -> Result<RepoFacts> {
    let mut warnings = Vec::new();
    let mut snapshot = Snapshot::open(root)?;
    let exclude: GlobSet = options.config.exclude_set();
    let started = std::time::Instant::now();
    let inventory = inventory::gather(&mut snapshot, &exclude, &mut warnings);
    log::info!(
        "{}: inventory of {} files in {:.2?}",
        root.name,
        inventory.files.len(),
        started.elapsed()
    );
    let pins = kind_pins(&options.config);
    let all_paths: Vec<String> = inventory.files.iter().map(|f| f.path.clone()).collect();
    let sites = documents::SiteContext::from_files(&all_paths, &|path| {
        snapshot
            .read(path)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    });
    let mut documents = Vec::new();
    let mut named_roles = named::from_config(&options.config);
    for file in inventory.files.iter().filter(|f| f.class == FileClass::Document) {
        let Some(format) = documents::doc_format(&file.path) else {
            continue;
        };
        let Some(text) = snapshot.read_text(&file.path, &mut warnings) else {
            continue;
        };
        let parsed = documents::parse(&file.path, format, &text);
        let class = documents::classify(&file.path, &text, &parsed, &pins, &sites);
        named_roles.extend(named::from_document(&file.path, &text));
        documents.push(Document {
            path: file.path.clone(),
            kind: class.kind,
            kind_reason: class.reason,
            kind_confidence: class.confidence,
            kind_signals: class.signals,
            lookalike: class.lookalike,
            sections: class.sections,
            parsed,
            last_changed: file.mtime.and_then(rfc3339),
            last_changed_from: file.mtime.map(|_| "mtime".to_string()),
            stale: false,
            reasons: Vec::new(),
        });
    }
    let services = services::gather(&snapshot, &inventory, &documents, &options.config, &mut warnings);
    let tracked: Vec<String> = inventory
        .files
        .iter()
        .filter(|f| f.class != FileClass::Excluded)
        .map(|f| f.path.clone())
        .collect();
    let ownership_options = ownership::OwnershipOptions {
        dialect: options.config.ownership.dialect.as_deref().map(|d| {
            if d == "gitlab" {
                ownership::Dialect::Gitlab
            } else {
                ownership::Dialect::Github
            }
        }),
    };
    let ownership = ownership::gather(&tracked, &|path| snapshot.read(path).ok(), &ownership_options);
    let remote_url = snapshot
        .repo
        .as_ref()
        .and_then(|r| r.find_remote("origin").ok()?.url().ok().map(str::to_string));
    let (head, branch) = (snapshot.head.map(|h| h.to_string()), snapshot.branch.clone());
    drop(snapshot);
    log::info!(
        "{}: {} documents and {} services in {:.2?}",
        root.name,
        documents.len(),
        services.len(),
        started.elapsed()
    );
    let (history, knowledge) = gather_history(root, options, &inventory, &mut warnings);
    if let Some(history) = &history {
        date_documents(&mut documents, history);
    }
    let inputs = freshness::FreshnessInputs {
        inventory: &inventory,
        services: &services,
        history: history.as_ref(),
        thresholds: &options.config.thresholds,
    };
    let started = std::time::Instant::now();
    freshness::assess(&mut documents, &inputs, options.now);
    log::debug!(
        "freshness: {} documents judged in {} ms",
        documents.len(),
        started.elapsed().as_millis()
    );
    let partial_history = history.as_ref().is_none_or(|h| h.partial_history);
    warnings.sort();
    warnings.dedup();
    Ok(RepoFacts {
        head,
        branch,
        remote_url,
        root: root.clone(),
        inventory,
        documents,
        services,
        named_roles,
        ownership: Some(ownership),
        tracked,
        history,
        knowledge,
        partial_history,
        warnings,
        changes: None,
    })
}

/// Runs the history pass and the knowledge figures, turning a failure into a warning: the rest
/// of the report is still true without them.
fn gather_history(
    root: &Root,
    options: &GatherOptions,
    inventory: &Inventory,
    warnings: &mut Vec<Warning>,
) -> (Option<history::HistoryFacts>, Option<knowledge::KnowledgeFacts>) {
    if !has_history(root) || options.skip_history {
        return (None, None);
    }
    let config = &options.config;
    let history_options = history_options(config, options.since, options.jobs, options.progress, !options.no_cache);
    let started = std::time::Instant::now();
    let facts = match history::gather(&root.path, &history_options) {
        Ok(facts) => facts,
        Err(e) => {
            warnings.push(Warning::new("history", None, &format!("history not read: {e}")));
            return (None, None);
        }
    };
    for reason in &facts.partial_reasons {
        warnings.push(Warning::new("partial_history", None, reason));
    }
    for warning in &facts.warnings {
        warnings.push(Warning::new("history", None, warning));
    }
    log::info!(
        "{}: history of {} commits in {:.2?}",
        root.name,
        facts.commits.len(),
        started.elapsed()
    );
    let started = std::time::Instant::now();
    let sources = inventory.paths_of(FileClass::Source);
    let knowledge = knowledge::gather(&facts, &sources, &org_specs(config));
    log::info!(
        "{}: knowledge of {} source files in {:.2?}",
        root.name,
        sources.len(),
        started.elapsed()
    );
    (Some(facts), Some(knowledge))
}

/// The history pass's options from the config: `[people] aliases` (lower-cased, as identities
/// are) and the `bots` patterns; `cache` uses the history cache of the user's cache folder.
pub fn history_options(
    config: &Config,
    since: Option<jiff::Timestamp>,
    jobs: usize,
    progress: bool,
    cache: bool,
) -> history::HistoryOptions {
    history::HistoryOptions {
        cache_dir: cache.then(history::cache::default_dir).flatten(),
        since,
        aliases: config
            .people
            .aliases
            .iter()
            .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
            .collect(),
        bot_patterns: config.organisations.bots.clone(),
        jobs,
        progress,
    }
}

/// Dates each document by its last content change (renames followed, pure moves ignored).
fn date_documents(documents: &mut [Document], history: &history::HistoryFacts) {
    for document in documents {
        let time = history
            .last_content_change
            .get(&document.path)
            .and_then(|i| history.commits.get(*i))
            .map(|c| c.time);
        document.last_changed = time.and_then(rfc3339);
        document.last_changed_from = time.map(|_| "git".to_string());
    }
}

/// The organisations of the config: `[organisations]` (named after their first email domain)
/// and every `[[organisation]]`.
pub fn org_specs(config: &Config) -> Vec<knowledge::OrgSpec> {
    use knowledge::{OrgSpec, Role};
    let short = [
        (&config.organisations.vendor, Role::Vendor),
        (&config.organisations.internal, Role::Internal),
    ];
    let mut specs: Vec<OrgSpec> = short
        .into_iter()
        .filter(|(matchers, _)| !matchers.is_empty())
        .map(|(matchers, role)| OrgSpec {
            name: org_name(matchers),
            role,
            matchers: matchers.clone(),
        })
        .collect();
    specs.extend(config.organisation.iter().map(|entry| OrgSpec {
        name: entry.name.clone(),
        role: entry.role,
        matchers: entry.matchers.clone(),
    }));
    specs
}

/// An organisation's name: its first email domain (`@acme.com` → `acme.com`), else its first entry.
fn org_name(matchers: &[String]) -> String {
    matchers
        .iter()
        .find_map(|m| {
            m.strip_prefix('@')
                .filter(|d| d.contains('.') && !d.contains('/'))
                .map(str::to_string)
        })
        .or_else(|| {
            matchers
                .iter()
                .find_map(|m| m.split_once('@').map(|(_, d)| d.to_string()))
        })
        .unwrap_or_else(|| matchers[0].clone())
}

fn kind_pins(config: &Config) -> Vec<KindPin> {
    config
        .kinds
        .iter()
        .filter_map(|(glob, kind)| {
            Some(KindPin {
                glob: Glob::new(glob).ok()?.compile_matcher(),
                kind: kind.parse().ok()?,
            })
        })
        .collect()
}

/// Whether a root has git history to read.
pub fn has_history(root: &Root) -> bool {
    root.kind != RootKind::Folder
}
