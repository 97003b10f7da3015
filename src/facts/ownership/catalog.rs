//! Backstage `catalog-info.yaml` (or `.yml`): the `spec.owner` of each entity owns the
//! directory holding the file (<https://backstage.io/docs/features/software-catalog/descriptor-format>).
//!
//! Stage: facts. Reads the file's text (every YAML document in it), produces an
//! [`OwnershipSource`] whose one rule is the directory scope with the owners as written
//! (`team-a`, `group:default/team-a`, `user:jdoe`), and a [`CatalogTree`] that finds the
//! nearest catalog file for a path. A malformed file is an error entry naming its line; an
//! entity of a kind that requires an owner but has none is reported too.

use std::collections::HashMap;

use serde::Deserialize;
use serde_yaml_ng::Value;

use super::model::{OwnershipError, OwnershipRule, OwnershipSource, SourceKind, err, parent_dir};
use super::owners_file::scope;

/// Entity kinds whose `spec.owner` Backstage requires.
const OWNED_KINDS: [&str; 5] = ["Component", "API", "Resource", "System", "Domain"];

/// Whether a tracked path is a Backstage catalog file.
pub(crate) fn is_catalog(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "catalog-info.yaml" || name == "catalog-info.yml"
}

/// Parses one catalog file; returns its source and the owners it gives its directory.
pub(crate) fn parse(path: &str, text: &str, errors: &mut Vec<OwnershipError>) -> (OwnershipSource, Vec<String>) {
    let mut source = OwnershipSource::new(path, SourceKind::CatalogInfo);
    let mut owners: Vec<String> = Vec::new();
    // `owner:` lines in order, to give each document's owner a line number.
    let owner_lines: Vec<u32> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("owner:"))
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let doc_starts: Vec<u32> = std::iter::once(1)
        .chain(
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.starts_with("---"))
                .map(|(i, _)| i as u32 + 1),
        )
        .collect();
    let mut first_line = None;
    let mut seen_owner = 0usize;
    for (n, doc) in serde_yaml_ng::Deserializer::from_str(text).enumerate() {
        let value = match Value::deserialize(doc) {
            Ok(v) => v,
            Err(e) => {
                let (line, col) = e
                    .location()
                    .map_or((1, None), |l| (l.line() as u32, Some(l.column() as u32)));
                errors.push(err(path, line, col, format!("invalid YAML: {e}")));
                break;
            }
        };
        if value.is_null() {
            continue;
        }
        let kind = value.get("kind").and_then(Value::as_str).unwrap_or_default();
        match value.get("spec").and_then(|s| s.get("owner")) {
            Some(Value::String(owner)) => {
                let line = owner_lines.get(seen_owner).copied().unwrap_or(1);
                seen_owner += 1;
                first_line.get_or_insert(line);
                if !owners.contains(owner) {
                    owners.push(owner.clone());
                }
            }
            Some(_) => {
                seen_owner += 1;
                errors.push(err(
                    path,
                    owner_lines.get(seen_owner - 1).copied().unwrap_or(1),
                    None,
                    "`spec.owner` must be a string".into(),
                ));
            }
            None if OWNED_KINDS.contains(&kind) => {
                let line = doc_starts.get(n).copied().unwrap_or(1);
                errors.push(err(path, line, None, format!("{kind} entity has no `spec.owner`")));
            }
            None => {}
        }
    }
    let dir = parent_dir(path);
    if !owners.is_empty() {
        source
            .rules
            .push(OwnershipRule::new(first_line.unwrap_or(1), &scope(dir), owners.clone()));
    }
    (source, owners)
}

/// The nearest catalog file with owners for each directory.
#[derive(Debug, Default)]
pub(crate) struct CatalogTree {
    /// Directory → (source index, owners).
    by_dir: HashMap<String, (usize, Vec<String>)>,
    memo: HashMap<String, Option<String>>,
}

impl CatalogTree {
    /// Registers the owners a catalog file gives its directory.
    pub(crate) fn insert(&mut self, dir: &str, source: usize, owners: Vec<String>) {
        if !owners.is_empty() {
            self.by_dir.entry(dir.to_string()).or_insert((source, owners));
        }
    }

    /// The nearest catalog entry (source index, owners, whether it is the root's) for a path.
    pub(crate) fn resolve(&mut self, path: &str) -> Option<(usize, &[String], bool)> {
        if self.by_dir.is_empty() {
            return None;
        }
        let start = parent_dir(path);
        if !self.memo.contains_key(start) {
            let mut d = start;
            let found = loop {
                if self.by_dir.contains_key(d) {
                    break Some(d.to_string());
                }
                if d.is_empty() {
                    break None;
                }
                d = parent_dir(d);
            };
            self.memo.insert(start.to_string(), found);
        }
        let dir = self.memo[start].as_ref()?;
        let (source, owners) = &self.by_dir[dir];
        Some((*source, owners.as_slice(), dir.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_document_owners_and_lines() {
        let text = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\nspec:\n  owner: team-a\n---\nkind: API\nspec:\n  owner: group:default/team-b\n---\nkind: Location\nspec:\n  targets: []\n";
        let mut errors = Vec::new();
        let (src, owners) = parse("svc/a/catalog-info.yaml", text, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(owners, vec!["team-a", "group:default/team-b"]);
        assert_eq!((src.rules[0].line, src.rules[0].pattern.as_str()), (6, "svc/a/"));
    }

    #[test]
    fn component_without_owner_and_bad_yaml_are_errors() {
        let mut errors = Vec::new();
        parse(
            "catalog-info.yaml",
            "kind: Component\nspec:\n  type: service\n",
            &mut errors,
        );
        assert_eq!(errors[0].message, "Component entity has no `spec.owner`");
        let mut errors = Vec::new();
        parse("catalog-info.yaml", "kind: Component\nspec: [\n", &mut errors);
        assert!(errors[0].message.starts_with("invalid YAML"));
    }

    #[test]
    fn nearest_catalog_wins() {
        let mut tree = CatalogTree::default();
        tree.insert("", 0, vec!["root-team".into()]);
        tree.insert("svc/a", 1, vec!["team-a".into()]);
        assert_eq!(
            tree.resolve("svc/a/src/x.rs"),
            Some((1, &["team-a".to_string()][..], false))
        );
        assert_eq!(
            tree.resolve("svc/b/x.rs"),
            Some((0, &["root-team".to_string()][..], true))
        );
        assert!(is_catalog("x/catalog-info.yml"));
        assert!(!is_catalog("x/catalog.yaml"));
    }
}
