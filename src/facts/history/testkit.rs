//! Test fixtures: git repositories built in temporary directories with pinned authors and dates.
//!
//! Writes only inside its own temporary directory; compiled for tests only.

use std::collections::BTreeMap;
use std::path::Path;

use git2::{Oid, Repository, Signature, Time};

/// One file operation of a fixture commit.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Write(String, String),
    Delete(String),
    Rename(String, String),
}

impl Op {
    pub fn write(path: &str, text: &str) -> Op {
        Op::Write(path.into(), text.into())
    }
    pub fn delete(path: &str) -> Op {
        Op::Delete(path.into())
    }
    pub fn rename(from: &str, to: &str) -> Op {
        Op::Rename(from.into(), to.into())
    }
}

/// A non-bare repository whose HEAD is `refs/heads/main`.
pub(crate) struct Fx {
    pub dir: tempfile::TempDir,
    pub repo: Repository,
}

pub(crate) type Who = (&'static str, &'static str);

impl Fx {
    pub fn new() -> Fx {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        repo.set_head("refs/heads/main").unwrap();
        Fx { dir, repo }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn alice(&self) -> Who {
        ("Alice", "alice@vendor.com")
    }

    fn files_of(&self, commit: Option<Oid>) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        if let Some(c) = commit {
            let tree = self.repo.find_commit(c).unwrap().tree().unwrap();
            tree.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
                if e.kind() == Some(git2::ObjectType::Blob) {
                    let blob = self.repo.find_blob(e.id()).unwrap();
                    files.insert(format!("{dir}{}", e.name().unwrap()), blob.content().to_vec());
                }
                git2::TreeWalkResult::Ok
            })
            .unwrap();
        }
        files
    }

    fn build(&self, files: &BTreeMap<String, Vec<u8>>, prefix: &str) -> Oid {
        let mut tb = self.repo.treebuilder(None).unwrap();
        let mut dirs: BTreeMap<&str, ()> = BTreeMap::new();
        for (path, data) in files.range(prefix.to_string()..) {
            let Some(rest) = path.strip_prefix(prefix) else {
                break;
            };
            match rest.split_once('/') {
                Some((dir, _)) => {
                    dirs.insert(dir, ());
                }
                None => {
                    let id = self.repo.blob(data).unwrap();
                    tb.insert(rest, id, 0o100644).unwrap();
                }
            }
        }
        for dir in dirs.keys() {
            let id = self.build(files, &format!("{prefix}{dir}/"));
            tb.insert(dir, id, 0o040000).unwrap();
        }
        tb.write().unwrap()
    }

    fn tip(&self, branch: &str) -> Option<Oid> {
        self.repo
            .find_reference(&format!("refs/heads/{branch}"))
            .ok()
            .and_then(|r| r.target())
    }

    /// Commits `ops` on `branch` (created from `main`'s tip when new) at unix time `t`.
    pub fn commit(&self, branch: &str, who: Who, t: i64, ops: &[Op]) -> Oid {
        self.commit_msg(branch, who, t, ops, "change")
    }

    pub fn commit_msg(&self, branch: &str, who: Who, t: i64, ops: &[Op], msg: &str) -> Oid {
        let parent = self.tip(branch).or_else(|| self.tip("main"));
        let mut files = self.files_of(parent);
        for op in ops {
            match op {
                Op::Write(p, text) => {
                    files.insert(p.clone(), text.clone().into_bytes());
                }
                Op::Delete(p) => {
                    files.remove(p);
                }
                Op::Rename(from, to) => {
                    let data = files.remove(from).unwrap();
                    files.insert(to.clone(), data);
                }
            }
        }
        let tree = self.build(&files, "");
        let parents: Vec<Oid> = parent.into_iter().collect();
        self.raw_commit(branch, who, t, tree, &parents, msg)
    }

    /// A merge of `from` into `into`: the union of both trees (`from` wins), adding nothing.
    pub fn merge(&self, into: &str, from: &str, who: Who, t: i64) -> Oid {
        let (a, b) = (self.tip(into).unwrap(), self.tip(from).unwrap());
        let mut files = self.files_of(Some(a));
        files.extend(self.files_of(Some(b)));
        let tree = self.build(&files, "");
        self.raw_commit(into, who, t, tree, &[a, b], "merge")
    }

    fn raw_commit(&self, branch: &str, who: Who, t: i64, tree: Oid, parents: &[Oid], msg: &str) -> Oid {
        let sig = Signature::new(who.0, who.1, &Time::new(t, 0)).unwrap();
        let tree = self.repo.find_tree(tree).unwrap();
        let parents: Vec<git2::Commit<'_>> = parents.iter().map(|p| self.repo.find_commit(*p).unwrap()).collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let id = self.repo.commit(None, &sig, &sig, msg, &tree, &refs).unwrap();
        self.repo
            .reference(&format!("refs/heads/{branch}"), id, true, "fixture")
            .unwrap();
        id
    }
}
