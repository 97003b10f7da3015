//! Ownership facts: who owns each tracked file, by which rule of which ownership file, and
//! what is wrong in those files (DESIGN §2 "ownership", §7 `repositories[].ownership`).
//!
//! Stage: facts (no judgement). Reads, through the caller's reader, only the ownership files
//! among the tracked paths: the CODEOWNERS file in effect (GitHub or GitLab dialect),
//! `OWNERS` / `OWNERS_ALIASES`, `catalog-info.yaml`, `MAINTAINERS[.md|.txt]`. Produces
//! [`OwnershipFacts`]: every ownership file with its rules and lines, errors with line and
//! column, dead CODEOWNERS rules, and the resolved owners of every tracked file, aligned with
//! the tracked list. It never reads other files, never writes, never reads the clock and
//! never classifies owners by organisation (the checks do that from `owners` as written).
//!
//! Precedence for a file's owners: the CODEOWNERS file in effect when any of its rules
//! matches the file (a matching rule without owners makes it *explicitly unowned*, and the
//! other sources are not consulted); otherwise the approvers of the OWNERS files from the
//! nearest one up to the root or a `no_parent_owners`/`set noparent`; otherwise the
//! `spec.owner` of the nearest `catalog-info.yaml`. MAINTAINERS people are listed in
//! `maintainers` but never own files. Owners are reported as written: OWNERS aliases are not
//! expanded (their members are in the `owners_aliases` source).
//!
//! Files of 3 MiB or more are not loaded (GitHub ignores a CODEOWNERS file over 3 MB); an
//! error entry says so, and a CODEOWNERS, OWNERS or catalog-info file not read is listed with
//! the reason (`OwnershipSource::unread`): the owners it would give are unknown, not absent.

mod catalog;
mod codeowners;
mod maintainers;
mod owners_file;
mod pattern;

mod model;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

pub use model::{
    CodeownersSection, Dialect, FileOwnership, MAX_FILE_BYTES, MAX_UNOWNED_PATHS, OwnershipError, OwnershipFacts,
    OwnershipOptions, OwnershipRule, OwnershipSource, OwnershipSummary, RuleRef, SourceKind,
};
use model::{err, parent_dir};

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Reads an ownership file, refusing files of 3 MiB or more; `Err` says why it was not read
/// (also pushed to `errors`).
fn load(
    path: &str,
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    errors: &mut Vec<OwnershipError>,
) -> Result<Vec<u8>, String> {
    let why = match read(path) {
        None => "file could not be read; ignored".to_string(),
        Some(bytes) if bytes.len() >= MAX_FILE_BYTES => {
            format!("file is {} bytes, at or over the 3 MiB limit; not loaded", bytes.len())
        }
        Some(bytes) => return Ok(bytes),
    };
    errors.push(err(path, 0, None, why.clone()));
    Err(why)
}

/// An ownership file that takes part in resolution but could not be read: listed, so that
/// whoever measures coverage knows the owners it gives are unknown.
fn unread(path: &str, kind: SourceKind, why: String) -> OwnershipSource {
    OwnershipSource {
        unread: Some(why),
        ..OwnershipSource::new(path, kind)
    }
}

/// Text of a loaded file: BOM dropped, invalid UTF-8 replaced (and reported).
fn text_of(path: &str, bytes: &[u8], errors: &mut Vec<OwnershipError>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(t) => t.replace("\r\n", "\n"),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() as u32 + 1;
            errors.push(err(path, line, None, "invalid UTF-8 replaced by U+FFFD".into()));
            String::from_utf8_lossy(bytes).replace("\r\n", "\n")
        }
    }
}

fn rule_ref(source: &OwnershipSource, rule: usize) -> RuleRef {
    let r = &source.rules[rule];
    RuleRef {
        file: source.path.clone(),
        line: r.line,
        pattern: r.pattern.clone(),
    }
}

/// Gathers the ownership facts of one repository.
///
/// `tracked`: every file tracked at HEAD (repository-relative, `/`, sorted). `read`: the bytes
/// of a tracked file at HEAD (`None` if unreadable); only ownership files are read.
pub fn gather(
    tracked: &[String],
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    options: &OwnershipOptions,
) -> OwnershipFacts {
    let mut facts = OwnershipFacts::default();
    let mut errors = Vec::new();
    let sorted = tracked.is_sorted();
    let has = |p: &str| {
        if sorted {
            tracked.binary_search_by(|t| t.as_str().cmp(p)).is_ok()
        } else {
            tracked.iter().any(|t| t == p)
        }
    };

    // CODEOWNERS: the one in effect, then the others found (listed, not used).
    let mut all_locations: Vec<&str> = vec![
        ".github/CODEOWNERS",
        "CODEOWNERS",
        "docs/CODEOWNERS",
        ".gitlab/CODEOWNERS",
    ];
    all_locations.retain(|p| has(p));
    let active = codeowners::choose(&all_locations, options.dialect);
    let mut resolver = None;
    if let Some(path) = &active {
        match load(path, read, &mut errors) {
            Ok(bytes) => {
                let dialect = options
                    .dialect
                    .unwrap_or_else(|| codeowners::detect(path, &String::from_utf8_lossy(&bytes)));
                let (source, errs, res) = codeowners::parse(path, &bytes, dialect);
                facts.sources.push(source);
                errors.extend(errs);
                resolver = Some(res);
            }
            Err(why) => {
                let mut source = unread(path, SourceKind::Codeowners, why);
                source.dialect = options.dialect;
                facts.sources.push(source);
            }
        }
    }
    for path in all_locations.iter().filter(|p| Some(**p) != active.as_deref()) {
        let mut source = OwnershipSource::new(path, SourceKind::Codeowners);
        source.active = false;
        facts.sources.push(source);
    }

    // OWNERS, OWNERS_ALIASES, catalog-info, MAINTAINERS, each in tracked order.
    let mut owners_entries = Vec::new();
    for path in tracked.iter().filter(|p| file_name(p) == "OWNERS") {
        match load(path, read, &mut errors) {
            Ok(bytes) => {
                let text = text_of(path, &bytes, &mut errors);
                let (source, mut entry) = owners_file::parse(path, &text, read, &mut errors);
                entry.source = facts.sources.len();
                facts.sources.push(source);
                owners_entries.push(entry);
            }
            Err(why) => facts.sources.push(unread(path, SourceKind::Owners, why)),
        }
    }
    for path in tracked.iter().filter(|p| file_name(p) == "OWNERS_ALIASES") {
        if let Ok(bytes) = load(path, read, &mut errors) {
            let text = text_of(path, &bytes, &mut errors);
            facts.sources.push(owners_file::parse_aliases(path, &text, &mut errors));
        }
    }
    let mut catalogs = catalog::CatalogTree::default();
    for path in tracked.iter().filter(|p| catalog::is_catalog(p)) {
        match load(path, read, &mut errors) {
            Ok(bytes) => {
                let text = text_of(path, &bytes, &mut errors);
                let (source, owners) = catalog::parse(path, &text, &mut errors);
                catalogs.insert(parent_dir(path), facts.sources.len(), owners);
                facts.sources.push(source);
            }
            Err(why) => facts.sources.push(unread(path, SourceKind::CatalogInfo, why)),
        }
    }
    for path in tracked.iter().filter(|p| maintainers::is_maintainers(p)) {
        if let Ok(bytes) = load(path, read, &mut errors) {
            let text = text_of(path, &bytes, &mut errors);
            let source = maintainers::parse(path, &text);
            for p in &source.people {
                if !facts.maintainers.contains(p) {
                    facts.maintainers.push(p.clone());
                }
            }
            facts.sources.push(source);
        }
    }

    let comps: Vec<Vec<&str>> = tracked.iter().map(|t| pattern::components(t)).collect();
    if let Some(res) = &resolver {
        mark_catch_all(&mut facts.sources[0], res, &comps);
    }

    // Resolve every file by precedence.
    let mut owners_tree = owners_file::OwnersTree::new(owners_entries);
    let mut scratch: codeowners::Scratch = Vec::new();
    let mut decided: HashMap<(usize, usize), usize> = HashMap::new();
    facts.files = Vec::with_capacity(tracked.len());
    for (path, path_comps) in tracked.iter().zip(&comps) {
        let mut file = FileOwnership::default();
        let from_codeowners = resolver
            .as_ref()
            .and_then(|res| res.resolve(&facts.sources[0].rules, path_comps, &mut scratch));
        if let Some(d) = from_codeowners {
            let src = &facts.sources[0];
            let giving: Vec<usize> = d
                .rules
                .iter()
                .copied()
                .filter(|r| !src.rules[*r].owners.is_empty())
                .collect();
            file.rule = Some(rule_ref(src, giving.first().copied().unwrap_or(d.rules[0])));
            file.rules = d.rules.iter().map(|r| rule_ref(src, *r)).collect();
            file.source = Some(SourceKind::Codeowners);
            file.explicitly_unowned = d.owners.is_empty();
            file.catch_all = !giving.is_empty() && giving.iter().all(|r| src.rules[*r].catch_all);
            file.owners = d.owners;
            for r in d.rules {
                *decided.entry((0, r)).or_default() += 1;
            }
        } else if let Some(d) = owners_tree.resolve(path) {
            let source = owners_tree.entries[d.entry].source;
            let reference = rule_ref(&facts.sources[source], d.rule);
            file.rules = vec![reference.clone()];
            file.rule = Some(reference);
            file.source = Some(SourceKind::Owners);
            file.catch_all = d.root;
            file.owners = d.owners;
            *decided.entry((source, d.rule)).or_default() += 1;
        } else if let Some((source, owners, root)) = catalogs.resolve(path) {
            let reference = rule_ref(&facts.sources[source], 0);
            file.rules = vec![reference.clone()];
            file.rule = Some(reference);
            file.source = Some(SourceKind::CatalogInfo);
            file.catch_all = root;
            file.owners = owners.to_vec();
            *decided.entry((source, 0)).or_default() += 1;
        }
        facts.files.push(file);
    }
    for ((source, rule), n) in decided {
        facts.sources[source].rules[rule].decided_files = n;
    }
    if let Some(res) = &resolver {
        facts.dead_rules = dead_rules(&facts.sources[0], res, tracked, &comps, sorted);
    }
    errors.sort();
    facts.errors = errors;
    facts
}

/// Flags the CODEOWNERS rules that match every tracked file, by shape or in fact.
fn mark_catch_all(source: &mut OwnershipSource, res: &codeowners::Codeowners, comps: &[Vec<&str>]) {
    for (rule, pat, _) in res.patterns() {
        if source.rules[rule].exclusion {
            continue;
        }
        source.rules[rule].catch_all =
            pat.matches_everything() || (!comps.is_empty() && comps.iter().all(|c| pat.matches(c)));
    }
}

/// CODEOWNERS rules that match no tracked file. Rules that decided a file are alive; the
/// others are tested against the files under their literal prefix only (a contiguous range
/// of the sorted list), stopping at the first match.
fn dead_rules(
    source: &OwnershipSource,
    res: &codeowners::Codeowners,
    tracked: &[String],
    comps: &[Vec<&str>],
    sorted: bool,
) -> Vec<RuleRef> {
    let mut dead = Vec::new();
    let mut seen = HashSet::new();
    for (rule, pat, prefix) in res.patterns() {
        if source.rules[rule].decided_files > 0 || !seen.insert(rule) {
            continue;
        }
        let range = if sorted && !prefix.is_empty() {
            let dir = format!("{prefix}/");
            let start = tracked.partition_point(|t| t.as_str() < prefix.as_str());
            let end = tracked.partition_point(|t| t.as_str() < dir.as_str() || t.starts_with(&dir));
            start..end.max(start)
        } else {
            0..tracked.len()
        };
        if !comps[range].iter().any(|c| pat.matches(c)) {
            dead.push(rule_ref(source, rule));
        }
    }
    dead
}

impl OwnershipFacts {
    /// The §7 measures over the tracked files (the same list, in the same order, as gathered).
    pub fn summary(&self, tracked: &[String]) -> OwnershipSummary {
        let total = tracked.len().min(self.files.len());
        let files = &self.files[..total];
        let owned = files.iter().filter(|f| !f.owners.is_empty()).count();
        let specific = files.iter().filter(|f| !f.owners.is_empty() && !f.catch_all).count();
        let percent = |n: usize| {
            if total == 0 {
                0.0
            } else {
                (10_000.0 * n as f64 / total as f64).round() / 100.0
            }
        };
        let unowned_paths = collapse_unowned(tracked, &self.files);
        OwnershipSummary {
            coverage_percent: percent(owned),
            specific_coverage_percent: percent(specific),
            unowned_files: total - owned,
            explicitly_unowned_files: files.iter().filter(|f| f.explicitly_unowned).count(),
            unowned_paths_total: unowned_paths.len(),
            unowned_paths: unowned_paths.into_iter().take(MAX_UNOWNED_PATHS).collect(),
            errors: self.errors.clone(),
            dead_rules: self.dead_rules.clone(),
        }
    }

    /// The ownership of one tracked path, `None` if the path is not in the tracked list.
    pub fn owners_of(&self, tracked: &[String], path: &str) -> Option<&FileOwnership> {
        let idx = tracked
            .binary_search_by(|t| t.as_str().cmp(path))
            .ok()
            .filter(|i| tracked[*i] == path)
            .or_else(|| tracked.iter().position(|t| t == path))?;
        self.files.get(idx)
    }

    /// Every distinct owner written in an active ownership file (MAINTAINERS people and
    /// reviewers excluded), sorted.
    pub fn all_owners(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .sources
            .iter()
            .filter(|s| s.active)
            .flat_map(|s| {
                s.rules
                    .iter()
                    .flat_map(|r| r.owners.iter())
                    .chain(s.sections.iter().flat_map(|x| x.default_owners.iter()))
            })
            .cloned()
            .collect();
        all.sort();
        all.dedup();
        all
    }
}

/// Unowned files, with every directory whose files are all unowned collapsed to `dir/`
/// (the topmost such directory); sorted.
fn collapse_unowned(tracked: &[String], files: &[FileOwnership]) -> Vec<String> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (path, f) in tracked.iter().zip(files) {
        let mut dir = parent_dir(path);
        while !dir.is_empty() {
            let c = counts.entry(dir).or_default();
            c.0 += 1;
            c.1 += usize::from(f.owners.is_empty());
            dir = parent_dir(dir);
        }
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (path, f) in tracked.iter().zip(files) {
        if !f.owners.is_empty() {
            continue;
        }
        let mut top: Option<&str> = None;
        let mut dir = parent_dir(path);
        while !dir.is_empty() {
            if counts.get(dir).is_some_and(|(t, u)| t == u) {
                top = Some(dir);
            }
            dir = parent_dir(dir);
        }
        let item = top.map_or_else(|| path.clone(), |d| format!("{d}/"));
        if seen.insert(item.clone()) {
            out.push(item);
        }
    }
    out.sort();
    out
}
