//! In-flight work: local and remote-tracking branches whose tip HEAD does not reach.
//!
//! Reads the branch refs and walks only the commits between each unmerged tip and HEAD;
//! produces one [`InFlightBranch`] per such branch, sorted by name. Symbolic refs
//! (`origin/HEAD`) are skipped. Never judges age or ownership (that is for the checks).

use std::collections::HashSet;

use git2::{BranchType, Oid, Repository};

use super::identity::Resolver;
use super::model::InFlightBranch;

/// Commits reachable from `tip` but not in `reachable`: a walk that stops at HEAD's history,
/// so a branch with unrelated history costs its own commits only (libgit2's `hide(HEAD)`
/// walks all of HEAD's first).
fn commits_ahead(repo: &Repository, tip: Oid, reachable: &HashSet<Oid>) -> usize {
    let mut seen = HashSet::new();
    let mut stack = vec![tip];
    while let Some(id) = stack.pop() {
        if reachable.contains(&id) || !seen.insert(id) {
            continue;
        }
        if let Ok(c) = repo.find_commit(id) {
            stack.extend(c.parent_ids());
        }
    }
    seen.len()
}

/// Branches whose tip is not in `reachable` (every commit reachable from HEAD).
pub(super) fn branches(
    repo: &Repository,
    reachable: &HashSet<Oid>,
    resolver: &mut Resolver<'_>,
    warnings: &mut Vec<String>,
) -> Vec<InFlightBranch> {
    let mut out = Vec::new();
    let Ok(list) = repo.branches(None) else {
        warnings.push("cannot list branches: in-flight work unknown".into());
        return out;
    };
    for (branch, kind) in list.flatten() {
        let name = branch
            .name_bytes()
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let Some(tip) = branch.get().target() else {
            continue;
        };
        if reachable.contains(&tip) {
            continue;
        }
        let commit = match repo.find_commit(tip) {
            Ok(c) => c,
            Err(e) => {
                warnings.push(format!("branch `{name}`: tip {tip} unreadable: {}", e.message()));
                continue;
            }
        };
        let ahead = commits_ahead(repo, tip, reachable);
        let author = commit.author();
        let who = resolver.resolve(author.name_bytes(), author.email_bytes());
        out.push(InFlightBranch {
            branch: name,
            remote: kind == BranchType::Remote,
            last_author: who,
            last_commit: tip.to_string(),
            last_commit_time: author.when().seconds(),
            commits_ahead: ahead,
        });
    }
    out.sort_by(|a, b| a.branch.cmp(&b.branch));
    out
}
