//! Gathering facts: everything exitready knows about one root, as plain serialisable data.
//!
//! Facts carry no judgement (no pass, no fail, no score): the checks in `checks/` read them.
//! Each sub-module gathers one kind of fact; `gather` runs them in order for one root, reading
//! each file at most once and never writing anything.

pub mod changes;
pub mod document;
pub mod documents;
pub mod exit;
pub mod freshness;
pub mod history;
pub mod inventory;
pub mod knowledge;
pub mod named;
pub mod owners;
pub mod ownership;
pub mod progress;
pub mod service_figures;
pub mod services;
pub mod tickets;
pub mod warning;

use crate::base::dates::rfc3339;
use crate::discover::{Root, RootKind};
use crate::error::Result;
use crate::settings::Settings;
use std::collections::BTreeMap;

pub use document::Document;
pub use warning::Warning;

use documents::DocKind;
use inventory::{FileClass, Inventory, Snapshot};

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
    /// Per service (same order): its owners and who knows its code.
    pub service_figures: Vec<service_figures::ServiceFigures>,
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
    /// The knowledge-transfer plan: per vendor island and service at risk, who knows it and who
    /// should take it over.
    pub plan: Vec<knowledge::plan::PlanArea>,
    /// Whether the history read is incomplete (shallow, `--since`, corrupt objects, or not read).
    pub partial_history: bool,
    /// Problems that did not stop the scan.
    pub warnings: Vec<Warning>,
    /// The changed range of a CI run (`exitready gate`); `None` for a scan.
    pub changes: Option<changes::ChangedRange>,
    /// What ties the systems to the vendor, and rebuild readiness (issue 14); `None` when not
    /// gathered (the gate).
    pub exit: Option<exit::ExitInventory>,
    /// Open tickets of `--tickets` exports assigned to the vendor or to nobody; `None` without
    /// `--tickets`.
    pub tickets: Option<tickets::TicketFacts>,
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
            service_figures: Vec::new(),
            named_roles: Vec::new(),
            ownership: None,
            tracked: Vec::new(),
            history: None,
            knowledge: None,
            plan: Vec::new(),
            partial_history: true,
            warnings: Vec::new(),
            changes: None,
            exit: None,
            tickets: None,
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
    /// The settings in force for this root.
    pub settings: Settings,
    /// Read history only from this time on.
    pub since: Option<jiff::Timestamp>,
    /// Threads for the history pass (0: all cores).
    pub jobs: usize,
    /// Show a progress bar for the history pass.
    pub progress: bool,
    /// The report clock (`--now` or the wall clock at the start): who is active.
    pub now: jiff::Timestamp,
    /// Leave out the history pass (the gate reads only the changed range unless asked for more).
    pub skip_history: bool,
    /// Read every commit again instead of using the history cache.
    pub no_cache: bool,
    /// Leave the knowledge figures to `complete_knowledge` (several roots: once every history is
    /// read, so that a person's last commit anywhere decides whether they are active).
    pub defer_knowledge: bool,
    /// Leave out the exit inventory (the gate's checklist does not read it).
    pub skip_exit: bool,
    /// Ticket exports given with `--tickets`, already read and validated.
    pub tickets: Vec<tickets::TicketExport>,
}

/// Gathers the facts of one root.
pub fn gather(root: &Root, options: &GatherOptions) -> Result<RepoFacts> {
    let mut warnings = Vec::new();
    let mut snapshot = Snapshot::open(root)?;
    let settings = &options.settings;
    let started = std::time::Instant::now();
    let mut inventory = inventory::gather(&mut snapshot, &settings.exclude, &mut warnings)?;
    log::info!(
        "{}: inventory of {} files in {:.2?}",
        root.name,
        inventory.files.len(),
        started.elapsed()
    );
    let all_paths: Vec<String> = inventory.files.iter().map(|f| f.path.clone()).collect();
    let sites = documents::SiteContext::from_files(&all_paths, &|path| {
        snapshot
            .read(path)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    });
    let mut documents = Vec::new();
    let mut named_roles = named::from_config(&settings.accountability);
    let mut access_texts = Vec::new();
    for file in inventory.files.iter_mut().filter(|f| f.class == FileClass::Document) {
        let Some(format) = documents::doc_format(&file.path) else {
            continue;
        };
        let Some(text) = snapshot.read_text(&file.path, &mut warnings) else {
            continue;
        };
        // A document stored in git-lfs is three lines naming its content elsewhere: read as
        // text it would be an empty, hollow document.
        if inventory::is_lfs_pointer(text.as_bytes()) {
            file.class = FileClass::LfsPointer;
            warnings.push(Warning::new(
                "lfs_pointer",
                Some(&file.path),
                "a git-lfs pointer: the document is stored outside the repository and was not read",
            ));
            continue;
        }
        let parsed = documents::parse(&file.path, format, &text);
        let class = documents::classify(&file.path, &text, &parsed, &settings.kind_pins, &sites);
        named_roles.extend(named::from_document(&file.path, &text));
        if class.kind == DocKind::Access {
            access_texts.push((file.path.clone(), text.clone()));
        }
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
            measures: freshness::Measures::default(),
        });
    }
    let services = services::gather(&snapshot, &inventory, &documents, &settings.services, &mut warnings);
    let tracked: Vec<String> = inventory
        .files
        .iter()
        .filter(|f| f.class != FileClass::Excluded)
        .map(|f| f.path.clone())
        .collect();
    let ownership_options = ownership::OwnershipOptions {
        dialect: settings.dialect,
    };
    let ownership = ownership::gather(&tracked, &|path| snapshot.read(path).ok(), &ownership_options);
    let vendor = exit::Vendor::from_specs(&settings.identities.organisations, &settings.identities.handles);
    let exit = (!options.skip_exit).then(|| {
        let started = std::time::Instant::now();
        let read = |path: &str| {
            snapshot
                .read(path)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        };
        let inventory = exit::gather(&exit::ExitInput {
            files: &inventory.files,
            read: &read,
            vendor: &vendor,
            access: &access_texts,
        });
        log::info!("{}: exit inventory in {:.2?}", root.name, started.elapsed());
        inventory
    });
    let remote_url = snapshot
        .repo
        .as_ref()
        .and_then(|r| r.find_remote("origin").ok()?.url().ok().map(str::to_string));
    let (head, branch) = (snapshot.head.map(|h| h.to_string()), snapshot.branch.clone());
    // A blob of HEAD that could not be read makes everything above doubtful: no report.
    snapshot.check_intact()?;
    drop(snapshot);
    log::info!(
        "{}: {} documents and {} services in {:.2?}",
        root.name,
        documents.len(),
        services.len(),
        started.elapsed()
    );
    let history = gather_history(root, options, &mut warnings);
    if let Some(history) = &history {
        date_documents(&mut documents, history);
    }
    let inputs = freshness::FreshnessInputs {
        inventory: &inventory,
        services: &services,
        history: history.as_ref(),
    };
    let started = std::time::Instant::now();
    freshness::measure(&mut documents, &inputs);
    log::debug!(
        "freshness: {} documents measured in {} ms",
        documents.len(),
        started.elapsed().as_millis()
    );
    let tickets = (!options.tickets.is_empty()).then(|| {
        let work = history
            .as_ref()
            .zip(git2::Repository::open(&root.path).ok())
            .map(|(h, repo)| tickets::branch_work(&repo, h))
            .unwrap_or_default();
        let is_vendor = |who: &str| tickets::assignee_is_vendor(who, &vendor, history.as_ref());
        tickets::assess(&options.tickets, &is_vendor, &work, options.now)
    });
    let partial_history = history.as_ref().is_none_or(|h| h.partial_history);
    warnings.sort();
    warnings.dedup();
    let mut facts = RepoFacts {
        head,
        branch,
        remote_url,
        root: root.clone(),
        inventory,
        documents,
        services,
        service_figures: Vec::new(),
        named_roles,
        ownership: Some(ownership),
        tracked,
        history,
        knowledge: None,
        plan: Vec::new(),
        partial_history,
        warnings,
        changes: None,
        exit,
        tickets,
    };
    if !options.defer_knowledge {
        complete_knowledge(&mut facts, &options.settings, options.now, &BTreeMap::new());
    }
    Ok(facts)
}

/// Who knows the code, from the history already read: the knowledge figures, the per-service
/// figures and the knowledge-transfer plan. `last_commit_elsewhere` holds, per canonical email,
/// the last commit in the other roots scanned together (with several roots, the last commit
/// across all of them decides who is active; `gather` passes none).
pub fn complete_knowledge(
    facts: &mut RepoFacts,
    settings: &Settings,
    now: jiff::Timestamp,
    last_commit_elsewhere: &BTreeMap<String, i64>,
) {
    if let Some(history) = &facts.history {
        let started = std::time::Instant::now();
        let sources = facts.inventory.paths_of(FileClass::Source);
        let options = knowledge::KnowledgeOptions {
            knower_active_days: settings.thresholds.knower_active_days,
            unknown_is_internal: settings.identities.unknown_role == crate::settings::UnknownRole::Internal,
            last_commit_elsewhere: last_commit_elsewhere.clone(),
            ..knowledge::KnowledgeOptions::at(now)
        };
        let knowledge = knowledge::gather(history, &sources, &settings.identities.organisations, &options);
        facts.plan = knowledge::plan::plan(&knowledge, history, &facts.services, now);
        facts.knowledge = Some(knowledge);
        log::info!(
            "{}: knowledge of {} source files in {:.2?}",
            facts.root.name,
            sources.len(),
            started.elapsed()
        );
    }
    facts.service_figures = service_figures::gather(
        &facts.services,
        &facts.tracked,
        facts.ownership.as_ref(),
        facts.knowledge.as_ref(),
    );
}

/// The last commit (unix seconds) of every canonical email across several roots' histories.
pub fn last_commits<'a>(
    histories: impl IntoIterator<Item = Option<&'a history::HistoryFacts>>,
) -> BTreeMap<String, i64> {
    let mut last: BTreeMap<String, i64> = BTreeMap::new();
    for history in histories.into_iter().flatten() {
        let mut latest: Vec<i64> = vec![i64::MIN; history.identities.len()];
        for commit in &history.commits {
            if let Some(slot) = latest.get_mut(commit.author) {
                *slot = (*slot).max(commit.time);
            }
        }
        for (identity, time) in history.identities.iter().zip(latest) {
            if time > i64::MIN {
                let entry = last.entry(identity.email.clone()).or_insert(time);
                *entry = (*entry).max(time);
            }
        }
    }
    last
}

/// Runs the history pass, turning a failure into a warning: the rest of the report is still
/// true without it.
fn gather_history(root: &Root, options: &GatherOptions, warnings: &mut Vec<Warning>) -> Option<history::HistoryFacts> {
    if !has_history(root) || options.skip_history {
        return None;
    }
    let settings = &options.settings;
    let history_options = history_options(
        settings,
        options.since,
        options.jobs,
        options.progress,
        !options.no_cache,
    );
    let started = std::time::Instant::now();
    let facts = match history::gather(&root.path, &history_options) {
        Ok(facts) => facts,
        Err(e) => {
            warnings.push(Warning::new("history", None, &format!("history not read: {e}")));
            return None;
        }
    };
    for reason in &facts.partial_reasons {
        warnings.push(Warning::new("partial_history", None, reason));
    }
    for warning in &facts.warnings {
        warnings.push(Warning::new("history", None, warning));
    }
    for warning in &facts.cache_warnings {
        warnings.push(Warning::new("cache", None, warning));
    }
    log::info!(
        "{}: history of {} commits in {:.2?}",
        root.name,
        facts.commits.len(),
        started.elapsed()
    );
    Some(facts)
}

/// The history pass's options: the identities of the settings (aliases, bots), the history
/// cache of the user's cache folder when `cache`.
pub fn history_options(
    settings: &Settings,
    since: Option<jiff::Timestamp>,
    jobs: usize,
    progress: bool,
    cache: bool,
) -> history::HistoryOptions {
    history::HistoryOptions {
        cache_dir: cache.then(history::cache::default_dir).flatten(),
        since,
        aliases: settings.identities.aliases.clone(),
        bot_patterns: settings.identities.bots.clone(),
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

/// Whether a root has git history to read.
pub fn has_history(root: &Root) -> bool {
    root.kind != RootKind::Folder
}
