//! The tracked paths at HEAD as files and folders, indexed once for the link and drift
//! measurements.

use std::collections::HashSet;

use crate::facts::inventory::{FileEntry, Inventory};

/// The tracked paths at HEAD, as files and folders, for link and drift checks.
pub(crate) struct Tree<'a> {
    /// Every file, sorted by path.
    files: &'a [FileEntry],
    /// Every folder holding a tracked path (the root excluded).
    dirs: HashSet<&'a str>,
}

impl<'a> Tree<'a> {
    /// Indexes an inventory.
    pub fn new(inventory: &'a Inventory) -> Tree<'a> {
        let mut dirs = HashSet::new();
        for file in &inventory.files {
            let mut path = file.path.as_str();
            while let Some((parent, _)) = path.rsplit_once('/') {
                if !dirs.insert(parent) {
                    break;
                }
                path = parent;
            }
        }
        Tree {
            files: &inventory.files,
            dirs,
        }
    }

    /// A tracked file.
    pub fn file(&self, path: &str) -> Option<&'a FileEntry> {
        let files: &'a [FileEntry] = self.files;
        files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &files[i])
    }

    /// Whether a path is tracked as a file.
    pub fn is_file(&self, path: &str) -> bool {
        self.file(path).is_some()
    }

    /// Whether a path is a folder holding a tracked path (the root, `""`, is one).
    pub fn is_dir(&self, path: &str) -> bool {
        path.is_empty() || self.dirs.contains(path)
    }

    /// Whether a path is a tracked file or folder.
    pub fn exists(&self, path: &str) -> bool {
        self.is_file(path) || self.is_dir(path)
    }

    /// The files under a folder (recursively), in path order; every file for the root.
    pub fn files_under(&self, dir: &str) -> &'a [FileEntry] {
        if dir.is_empty() {
            return self.files;
        }
        let prefix = format!("{dir}/");
        let start = self.files.partition_point(|f| f.path.as_str() < prefix.as_str());
        let len = self.files[start..]
            .iter()
            .take_while(|f| f.path.starts_with(&prefix))
            .count();
        &self.files[start..start + len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::freshness::testkit::inventory;
    use pretty_assertions::assert_eq;

    #[test]
    fn tree_knows_files_and_folders() {
        let inventory = inventory(&["a/b/c.rs", "a/d.md", "e.rs"]);
        let tree = Tree::new(&inventory);
        assert!(tree.is_file("a/b/c.rs") && !tree.is_file("a/b"));
        assert!(tree.is_dir("a") && tree.is_dir("a/b") && tree.is_dir("") && !tree.is_dir("a/b/c.rs"));
        let under: Vec<&str> = tree.files_under("a").iter().map(|f| f.path.as_str()).collect();
        assert_eq!(under, vec!["a/b/c.rs", "a/d.md"]);
        assert_eq!(tree.files_under("a/b").len(), 1);
        assert_eq!(tree.files_under("").len(), 3);
        assert!(tree.files_under("zz").is_empty());
    }
}
