//! Path histories across renames, replayed from the commit records of one pass.
//!
//! Reads the ordered [`CommitRecord`]s and HEAD's file list; produces, for each path at HEAD,
//! the events of its lineage (created, modified, renamed from elsewhere, deleted and re-added),
//! its last content change and the commits that changed its content. A deleted path keeps its
//! lineage so that a re-add continues it. Merge commits never appear here (they add no paths),
//! so the commits of parallel branches are replayed in the pass's order: parents first.

use std::collections::{BTreeMap, HashMap};

use super::model::{Change, CommitRecord, PathEvent, PathEventKind};

/// The per-path results of the replay.
#[derive(Debug, Default)]
pub(super) struct PathHistory {
    pub events: BTreeMap<String, Vec<PathEvent>>,
    pub last_content_change: BTreeMap<String, usize>,
    pub path_commits: BTreeMap<String, Vec<usize>>,
}

#[derive(Default)]
struct Lineages {
    events: Vec<Vec<PathEvent>>,
    live: HashMap<String, usize>,
    deleted: HashMap<String, usize>,
}

impl Lineages {
    /// The lineage at `path`: live, or deleted earlier (a re-add continues it), or new.
    fn at(&mut self, path: &str) -> usize {
        if let Some(&l) = self.live.get(path) {
            return l;
        }
        let l = self.deleted.remove(path).unwrap_or_else(|| {
            self.events.push(Vec::new());
            self.events.len() - 1
        });
        self.live.insert(path.to_string(), l);
        l
    }
}

/// Replays `commits` and keeps the histories of `head_paths`.
pub(super) fn follow<'a>(commits: &[CommitRecord], head_paths: impl Iterator<Item = &'a String>) -> PathHistory {
    let mut ls = Lineages::default();
    for (c, rec) in commits.iter().enumerate() {
        let event = |kind| PathEvent { commit: c, kind };
        // Sources leave before anything arrives, so `a → b` plus a new `a` in one commit works.
        let mut moved = Vec::new();
        for ch in &rec.changes {
            match ch {
                Change::Renamed { from, to, similarity } => {
                    let l = ls.live.remove(from).or_else(|| ls.deleted.remove(from));
                    moved.push((l, from, to, *similarity < 100));
                }
                Change::Deleted { path } => {
                    if let Some(l) = ls.live.remove(path) {
                        ls.events[l].push(event(PathEventKind::Deleted));
                        ls.deleted.insert(path.clone(), l);
                    }
                }
                Change::Added { .. } | Change::Modified { .. } => {}
            }
        }
        for (l, from, to, content_changed) in moved {
            let l = l.unwrap_or_else(|| {
                ls.events.push(Vec::new());
                ls.events.len() - 1
            });
            ls.deleted.remove(to);
            ls.live.insert(to.clone(), l);
            ls.events[l].push(event(PathEventKind::Renamed {
                from: from.clone(),
                content_changed,
            }));
        }
        for ch in &rec.changes {
            match ch {
                Change::Added { path } => {
                    let l = ls.at(path);
                    ls.events[l].push(event(PathEventKind::Created));
                }
                Change::Modified { path } => {
                    let l = ls.at(path);
                    ls.events[l].push(event(PathEventKind::Modified));
                }
                Change::Renamed { .. } | Change::Deleted { .. } => {}
            }
        }
    }

    let mut out = PathHistory::default();
    for path in head_paths {
        let Some(&l) = ls.live.get(path) else {
            continue;
        };
        let events = std::mem::take(&mut ls.events[l]);
        let content: Vec<usize> = events
            .iter()
            .filter(|e| match &e.kind {
                PathEventKind::Created | PathEventKind::Modified => true,
                PathEventKind::Renamed { content_changed, .. } => *content_changed,
                PathEventKind::Deleted => false,
            })
            .map(|e| e.commit)
            .collect();
        let last = content.iter().rev().find(|&&c| !commits[c].ignored).or(content.last());
        if let Some(&last) = last {
            out.last_content_change.insert(path.clone(), last);
        }
        out.path_commits.insert(path.clone(), content);
        out.events.insert(path.clone(), events);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(changes: Vec<Change>, ignored: bool) -> CommitRecord {
        CommitRecord {
            id: String::new(),
            author: 0,
            time: 0,
            co_authors: vec![],
            ignored,
            changes,
        }
    }

    fn add(p: &str) -> Change {
        Change::Added { path: p.into() }
    }
    fn modi(p: &str) -> Change {
        Change::Modified { path: p.into() }
    }
    fn mv(f: &str, t: &str, s: u8) -> Change {
        Change::Renamed {
            from: f.into(),
            to: t.into(),
            similarity: s,
        }
    }

    #[test]
    fn renames_carry_history_and_pure_moves_are_not_content_changes() {
        let commits = vec![
            rec(vec![add("a.md")], false),
            rec(vec![modi("a.md")], false),
            rec(vec![mv("a.md", "docs/a.md", 100), add("a.md")], false),
            rec(vec![modi("docs/a.md")], true),
            rec(vec![mv("docs/a.md", "docs/b.md", 80)], false),
            rec(vec![mv("docs/b.md", "site/b.md", 100)], false),
        ];
        let head = ["a.md".to_string(), "site/b.md".to_string()];
        let h = follow(&commits, head.iter());
        assert_eq!(h.path_commits["site/b.md"], vec![0, 1, 3, 4]);
        assert_eq!(h.last_content_change["site/b.md"], 4);
        assert_eq!(h.path_commits["a.md"], vec![2]);
        assert_eq!(h.events["site/b.md"].len(), 6);
    }

    #[test]
    fn a_readded_file_continues_its_lineage_and_ignored_commits_are_skipped() {
        let commits = vec![
            rec(vec![add("x")], false),
            rec(vec![Change::Deleted { path: "x".into() }], false),
            rec(vec![add("x")], false),
            rec(vec![modi("x")], true),
        ];
        let h = follow(&commits, ["x".to_string()].iter());
        let kinds: Vec<_> = h.events["x"].iter().map(|e| e.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                PathEventKind::Created,
                PathEventKind::Deleted,
                PathEventKind::Created,
                PathEventKind::Modified
            ]
        );
        assert_eq!(h.last_content_change["x"], 2);
    }
}
