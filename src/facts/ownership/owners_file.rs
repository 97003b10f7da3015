//! `OWNERS` files (Kubernetes YAML and Chromium plain text) and `OWNERS_ALIASES`.
//!
//! Stage: facts. Reads the bytes of each OWNERS file (and of files it includes, through the
//! caller's reader), produces an [`OwnershipSource`] per file and an [`OwnersTree`] that
//! answers "who owns this path" by the nearest OWNERS files up the directory tree.
//!
//! - Kubernetes (<https://www.kubernetes.dev/docs/guide/owners/>): `approvers` own the
//!   directory subtree; `reviewers` are recorded but do not own; `options.no_parent_owners`
//!   stops the walk up; a `filters` entry for `.*` counts as top-level, other regular
//!   expressions are recorded but not evaluated (no regex engine here).
//! - Chromium (`docs/code_reviews.md#OWNERS-files`): one owner (email, or `*`) per line,
//!   `set noparent`, `per-file GLOB[,GLOB]=OWNER[,OWNER]`, `file://path` / `include path`
//!   includes (followed at most 4 deep).
//!
//! Owners are reported as written: an `OWNERS_ALIASES` name stays a name (its members are in
//! the aliases source), so a report shows what the file says.

use std::collections::{BTreeMap, HashMap};

use serde_yaml_ng::Value;

use super::model::{OwnershipError, OwnershipRule, OwnershipSource, SourceKind, err, parent_dir};
use super::pattern::{self, Pattern};

/// How deep `file:`/`include` chains are followed.
const MAX_INCLUDE_DEPTH: usize = 4;

/// One parsed OWNERS file, as the resolver needs it.
#[derive(Debug)]
pub(crate) struct OwnersEntry {
    /// Index of its source in the facts' `sources`.
    pub source: usize,
    /// The directory it governs ("" for the root).
    pub dir: String,
    pub approvers: Vec<String>,
    pub approvers_line: u32,
    pub no_parent: bool,
    pub per_file: Vec<PerFile>,
}

/// A Chromium `per-file` rule.
#[derive(Debug)]
pub(crate) struct PerFile {
    pub globs: Vec<Pattern>,
    pub pattern: String,
    pub owners: Vec<String>,
    pub line: u32,
}

/// Parses one OWNERS file (format detected from its content).
pub(crate) fn parse(
    path: &str,
    text: &str,
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    errors: &mut Vec<OwnershipError>,
) -> (OwnershipSource, OwnersEntry) {
    let dir = parent_dir(path).to_string();
    let mut source = OwnershipSource::new(path, SourceKind::Owners);
    let mut entry = OwnersEntry {
        source: 0,
        dir,
        approvers: Vec::new(),
        approvers_line: 1,
        no_parent: false,
        per_file: Vec::new(),
    };
    if looks_like_yaml(text) {
        parse_kubernetes(path, text, &mut source, &mut entry, errors);
    } else {
        parse_chromium(path, text, read, &mut source, &mut entry, errors);
    }
    source.no_parent = entry.no_parent;
    (source, entry)
}

/// Kubernetes OWNERS files are YAML mappings with one of the known top-level keys.
fn looks_like_yaml(text: &str) -> bool {
    text.lines().any(|l| {
        [
            "approvers:",
            "reviewers:",
            "options:",
            "filters:",
            "labels:",
            "emeritus_approvers:",
            "required_reviewers:",
        ]
        .iter()
        .any(|k| l.starts_with(k))
    })
}

/// The 1-based line of the first line starting with `key` (YAML values carry no positions).
fn line_of(text: &str, key: &str) -> u32 {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i as u32 + 1)
}

fn yaml_error(path: &str, e: &serde_yaml_ng::Error) -> OwnershipError {
    let (line, col) = e
        .location()
        .map_or((1, None), |l| (l.line() as u32, Some(l.column() as u32)));
    err(path, line, col, format!("invalid YAML: {e}"))
}

/// Reads a YAML list of names, reporting members that are not strings.
fn names(value: Option<&Value>, path: &str, line: u32, key: &str, errors: &mut Vec<OwnershipError>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    match value {
        None | Some(Value::Null) => {}
        Some(Value::Sequence(items)) => {
            for item in items {
                match item {
                    Value::String(s) if !out.contains(s) => out.push(s.clone()),
                    Value::String(_) => {}
                    other => errors.push(err(
                        path,
                        line,
                        None,
                        format!("`{key}` holds a non-string entry `{}`", scalar(other)),
                    )),
                }
            }
        }
        Some(other) => errors.push(err(
            path,
            line,
            None,
            format!("`{key}` must be a list of names, found `{}`", scalar(other)),
        )),
    }
    out
}

fn scalar(v: &Value) -> String {
    serde_yaml_ng::to_string(v)
        .map(|s| s.trim().chars().take(60).collect())
        .unwrap_or_default()
}

fn parse_kubernetes(
    path: &str,
    text: &str,
    source: &mut OwnershipSource,
    entry: &mut OwnersEntry,
    errors: &mut Vec<OwnershipError>,
) {
    let doc: Value = match serde_yaml_ng::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            errors.push(yaml_error(path, &e));
            return;
        }
    };
    let Value::Mapping(map) = &doc else {
        errors.push(err(path, 1, None, "an OWNERS file must be a YAML mapping".into()));
        return;
    };
    let approvers_line = line_of(text, "approvers:");
    let mut approvers = names(map.get("approvers"), path, approvers_line, "approvers", errors);
    let reviewers = names(
        map.get("reviewers"),
        path,
        line_of(text, "reviewers:"),
        "reviewers",
        errors,
    );
    if let Some(Value::Mapping(opts)) = map.get("options") {
        entry.no_parent = matches!(opts.get("no_parent_owners"), Some(Value::Bool(true)));
    }
    let mut filter_rules = Vec::new();
    if let Some(filters) = map.get("filters") {
        let Value::Mapping(filters) = filters else {
            errors.push(err(
                path,
                line_of(text, "filters:"),
                None,
                "`filters` must be a mapping of regular expressions".into(),
            ));
            return;
        };
        for (key, value) in filters {
            let regex = key.as_str().unwrap_or_default().to_string();
            let line = line_of(text, &format!("\"{regex}\"")).max(line_of(text, "filters:"));
            let f_approvers = names(value.get("approvers"), path, line, "approvers", errors);
            let f_reviewers = names(value.get("reviewers"), path, line, "reviewers", errors);
            if regex == ".*" {
                // `.*` applies to every file: the same as top-level approvers.
                for a in f_approvers {
                    if !approvers.contains(&a) {
                        approvers.push(a);
                    }
                }
            } else {
                let mut rule = OwnershipRule::new(line, &format!("filter {regex}"), f_approvers);
                rule.reviewers = f_reviewers;
                filter_rules.push(rule);
            }
        }
    }
    let mut rule = OwnershipRule::new(approvers_line, &scope(&entry.dir), approvers.clone());
    rule.reviewers = reviewers;
    source.rules.push(rule);
    source.rules.extend(filter_rules);
    entry.approvers = approvers;
    entry.approvers_line = approvers_line;
}

/// The scope an OWNERS file governs, as a pattern: `dir/`, or `/` for the root.
pub(crate) fn scope(dir: &str) -> String {
    if dir.is_empty() { "/".into() } else { format!("{dir}/") }
}

/// Resolves an include target relative to the including file's directory (`//x` and `/x`
/// are from the repository root).
fn include_target(dir: &str, target: &str) -> String {
    let target = target.trim();
    if let Some(abs) = target.strip_prefix("//").or_else(|| target.strip_prefix('/')) {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for part in target.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Whether a Chromium owner token is acceptable: an email, `*`, or a bare user name.
fn is_owner_token(s: &str) -> bool {
    s == "*"
        || super::codeowners::is_email(s)
        || (!s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '/')))
}

#[allow(clippy::too_many_arguments)]
fn chromium_lines(
    path: &str,
    dir: &str,
    text: &str,
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    depth: usize,
    visited: &mut Vec<String>,
    owners: &mut Vec<(u32, String)>,
    entry: &mut OwnersEntry,
    errors: &mut Vec<OwnershipError>,
) {
    for (idx, raw) in text.lines().enumerate() {
        let line_no = idx as u32 + 1;
        let line = raw.split(" #").next().unwrap_or_default().trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let include = line.strip_prefix("file:").or_else(|| line.strip_prefix("include "));
        if let Some(target) = include {
            let target = include_target(dir, target);
            if depth >= MAX_INCLUDE_DEPTH || visited.contains(&target) {
                errors.push(err(
                    path,
                    line_no,
                    None,
                    format!("include `{target}` not followed (cycle or deeper than {MAX_INCLUDE_DEPTH})"),
                ));
                continue;
            }
            match read(&target) {
                Some(bytes) => {
                    visited.push(target.clone());
                    let inc_text = String::from_utf8_lossy(&bytes).into_owned();
                    let mut inc_owners = Vec::new();
                    // An include brings owners, not `set noparent` nor per-file rules.
                    let mut scratch = OwnersEntry {
                        source: 0,
                        dir: String::new(),
                        approvers: Vec::new(),
                        approvers_line: 0,
                        no_parent: false,
                        per_file: Vec::new(),
                    };
                    chromium_lines(
                        &target,
                        parent_dir(&target),
                        &inc_text,
                        read,
                        depth + 1,
                        visited,
                        &mut inc_owners,
                        &mut scratch,
                        errors,
                    );
                    owners.extend(inc_owners.into_iter().map(|(_, o)| (line_no, o)));
                }
                None => errors.push(err(
                    path,
                    line_no,
                    None,
                    format!("included file `{target}` is not tracked or unreadable"),
                )),
            }
            continue;
        }
        if line == "set noparent" {
            entry.no_parent = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix("per-file ") {
            let Some((globs, who)) = rest.split_once('=') else {
                errors.push(err(path, line_no, None, "`per-file` needs `GLOB=OWNER`".into()));
                continue;
            };
            let who: Vec<String> = who
                .split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty() && *w != "set noparent")
                .map(str::to_string)
                .collect();
            if let Some(bad) = who.iter().find(|w| !is_owner_token(w) && !w.starts_with("file:")) {
                errors.push(err(path, line_no, None, format!("invalid owner `{bad}` in `per-file`")));
                continue;
            }
            let globs: Vec<&str> = globs.split(',').map(str::trim).filter(|g| !g.is_empty()).collect();
            entry.per_file.push(PerFile {
                globs: globs.iter().map(|g| pattern::relative_glob(g)).collect(),
                pattern: globs.join(","),
                owners: who,
                line: line_no,
            });
            continue;
        }
        if is_owner_token(line) {
            owners.push((line_no, line.to_string()));
        } else {
            errors.push(err(
                path,
                line_no,
                Some(1),
                format!(
                    "unrecognised OWNERS line `{}`",
                    line.chars().take(60).collect::<String>()
                ),
            ));
        }
    }
}

fn parse_chromium(
    path: &str,
    text: &str,
    read: &dyn Fn(&str) -> Option<Vec<u8>>,
    source: &mut OwnershipSource,
    entry: &mut OwnersEntry,
    errors: &mut Vec<OwnershipError>,
) {
    let mut owners = Vec::new();
    let mut visited = vec![path.to_string()];
    let dir = entry.dir.clone();
    chromium_lines(path, &dir, text, read, 0, &mut visited, &mut owners, entry, errors);
    let line = owners.first().map_or(1, |(l, _)| *l);
    let mut list: Vec<String> = Vec::new();
    for (_, o) in owners {
        if !list.contains(&o) {
            list.push(o);
        }
    }
    source.rules.push(OwnershipRule::new(line, &scope(&dir), list.clone()));
    for pf in &entry.per_file {
        let pattern = format!("{}{}", scope(&dir).trim_start_matches('/'), pf.pattern);
        source
            .rules
            .push(OwnershipRule::new(pf.line, &pattern, pf.owners.clone()));
    }
    entry.approvers = list;
    entry.approvers_line = line;
}

/// Parses `OWNERS_ALIASES` (`aliases: {name: [members]}`) into its source.
pub(crate) fn parse_aliases(path: &str, text: &str, errors: &mut Vec<OwnershipError>) -> OwnershipSource {
    let mut source = OwnershipSource::new(path, SourceKind::OwnersAliases);
    let doc: Value = match serde_yaml_ng::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            errors.push(yaml_error(path, &e));
            return source;
        }
    };
    let line = line_of(text, "aliases:");
    match doc.get("aliases") {
        Some(Value::Mapping(map)) => {
            let mut aliases = BTreeMap::new();
            for (k, v) in map {
                let name = k.as_str().unwrap_or_default().to_string();
                let members = names(Some(v), path, line_of(text, &format!("{name}:")), &name, errors);
                aliases.insert(name, members);
            }
            source.aliases = aliases;
        }
        _ => errors.push(err(
            path,
            line,
            None,
            "OWNERS_ALIASES needs an `aliases` mapping".into(),
        )),
    }
    source
}

/// What the OWNERS tree says about one path.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OwnersDecision {
    pub owners: Vec<String>,
    /// The OWNERS entry (index into the tree) and its rule index that decided.
    pub entry: usize,
    pub rule: usize,
    /// Decided by the root OWNERS file (it covers every file, like a `*` rule).
    pub root: bool,
}

/// All OWNERS files, indexed by directory, with the walk-up chain memoised per directory.
#[derive(Debug, Default)]
pub(crate) struct OwnersTree {
    pub entries: Vec<OwnersEntry>,
    by_dir: HashMap<String, usize>,
    chains: HashMap<String, Vec<usize>>,
}

impl OwnersTree {
    /// Builds the tree from parsed entries.
    pub(crate) fn new(entries: Vec<OwnersEntry>) -> Self {
        let by_dir = entries.iter().enumerate().map(|(i, e)| (e.dir.clone(), i)).collect();
        OwnersTree {
            entries,
            by_dir,
            chains: HashMap::new(),
        }
    }

    /// The OWNERS files that apply to a directory, nearest first, up to a `noparent`.
    fn chain(&mut self, dir: &str) -> &[usize] {
        if !self.chains.contains_key(dir) {
            let mut chain = Vec::new();
            let mut d = dir;
            loop {
                if let Some(&i) = self.by_dir.get(d) {
                    chain.push(i);
                    if self.entries[i].no_parent {
                        break;
                    }
                }
                if d.is_empty() {
                    break;
                }
                d = parent_dir(d);
            }
            self.chains.insert(dir.to_string(), chain);
        }
        &self.chains[dir]
    }

    /// The owners of a path: `per-file` owners and approvers of every OWNERS file on the way
    /// up (nearest first), or `None` when none names an owner.
    pub(crate) fn resolve(&mut self, path: &str) -> Option<OwnersDecision> {
        if self.entries.is_empty() {
            return None;
        }
        let chain = self.chain(parent_dir(path)).to_vec();
        let mut owners: Vec<String> = Vec::new();
        let mut decided: Option<(usize, usize)> = None;
        for i in chain {
            let e = &self.entries[i];
            let rel = if e.dir.is_empty() {
                path
            } else {
                &path[e.dir.len() + 1..]
            };
            let comps = pattern::components(rel);
            for (k, pf) in e.per_file.iter().enumerate() {
                if pf.globs.iter().any(|g| g.matches(&comps)) {
                    decided.get_or_insert((i, k + 1));
                    push_all(&mut owners, &pf.owners);
                }
            }
            if !e.approvers.is_empty() {
                decided.get_or_insert((i, 0));
                push_all(&mut owners, &e.approvers);
            }
        }
        let (entry, rule) = decided?;
        let root = self.entries[entry].dir.is_empty() && rule == 0;
        Some(OwnersDecision {
            owners,
            entry,
            rule,
            root,
        })
    }
}

fn push_all(into: &mut Vec<String>, from: &[String]) {
    for o in from {
        if !into.contains(o) {
            into.push(o.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_read(_: &str) -> Option<Vec<u8>> {
        None
    }

    #[test]
    fn kubernetes_owners_parse_with_filters_and_options() {
        let text = "approvers:\n  - alice\n  - sig-api-approvers\nreviewers:\n  - bob\noptions:\n  no_parent_owners: true\nfilters:\n  \".*\":\n    approvers: [carol]\n  \"\\\\.go$\":\n    approvers: [dave]\n";
        let mut errors = Vec::new();
        let (src, entry) = parse("pkg/api/OWNERS", text, &no_read, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entry.approvers, vec!["alice", "sig-api-approvers", "carol"]);
        assert!(entry.no_parent);
        assert_eq!(src.rules[0].pattern, "pkg/api/");
        assert_eq!(src.rules[0].reviewers, vec!["bob"]);
        assert_eq!(src.rules[1].pattern, "filter \\.go$");
        assert_eq!(src.rules[1].owners, vec!["dave"]);
    }

    #[test]
    fn chromium_owners_parse_with_per_file_and_include() {
        let read = |p: &str| (p == "build/OWNERS").then(|| b"inc@example.com\nset noparent\n".to_vec());
        let text = "# comment\nset noparent\na@example.com\nfile://build/OWNERS\nper-file *.gn=gn@example.com\nnot an owner line\n";
        let mut errors = Vec::new();
        let (src, entry) = parse("chrome/OWNERS", text, &read, &mut errors);
        assert_eq!(entry.approvers, vec!["a@example.com", "inc@example.com"]);
        assert!(entry.no_parent);
        assert_eq!(src.rules[1].pattern, "chrome/*.gn");
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (6, Some(1)));
    }

    #[test]
    fn malformed_yaml_names_the_line() {
        let mut errors = Vec::new();
        parse("OWNERS", "approvers:\n  - a\n bad: [\n", &no_read, &mut errors);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.starts_with("invalid YAML"), "{}", errors[0].message);
        assert!(errors[0].line >= 2);
    }

    #[test]
    fn tree_walks_up_until_noparent() {
        let mk = |dir: &str, approvers: &[&str], no_parent: bool| OwnersEntry {
            source: 0,
            dir: dir.into(),
            approvers: approvers.iter().map(|s| s.to_string()).collect(),
            approvers_line: 1,
            no_parent,
            per_file: Vec::new(),
        };
        let mut tree = OwnersTree::new(vec![
            mk("", &["root"], false),
            mk("a", &["ann"], false),
            mk("a/b", &["bob"], true),
            mk("c", &[], false),
        ]);
        assert_eq!(tree.resolve("a/x.go").unwrap().owners, vec!["ann", "root"]);
        assert_eq!(tree.resolve("a/b/c/x.go").unwrap().owners, vec!["bob"]);
        let d = tree.resolve("c/y").unwrap();
        assert_eq!((d.owners.clone(), d.root), (vec!["root".to_string()], true));
        assert_eq!(tree.resolve("top.md").unwrap().entry, 0);
    }

    #[test]
    fn aliases_parse() {
        let mut errors = Vec::new();
        let src = parse_aliases("OWNERS_ALIASES", "aliases:\n  sig-x:\n    - a\n    - b\n", &mut errors);
        assert!(errors.is_empty());
        assert_eq!(src.aliases["sig-x"], vec!["a", "b"]);
        parse_aliases("OWNERS_ALIASES", "nothing: 1\n", &mut errors);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn include_paths() {
        assert_eq!(include_target("a/b", "//x/OWNERS"), "x/OWNERS");
        assert_eq!(include_target("a/b", "../c/OWNERS"), "a/c/OWNERS");
        assert_eq!(include_target("", "OWNERS.x"), "OWNERS.x");
    }
}
