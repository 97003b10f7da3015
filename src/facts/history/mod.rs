//! History facts: one pass over every commit reachable from HEAD (DESIGN §2, §8).
//!
//! Reads a git repository (work tree or bare) strictly read-only and produces [`HistoryFacts`]:
//! resolved identities, one [`CommitRecord`] per non-merge commit with the paths it added,
//! modified, deleted or renamed, the history of every path at HEAD across renames, and the
//! branches whose tip HEAD does not reach (in-flight work). It never reads file contents except
//! blobs needed to pair inexact renames, never writes, never uses the network and passes no
//! judgement: the `knowledge` module turns these facts into figures.
//!
//! The expensive part (decoding and diffing every commit) sits behind [`engine::Engine`] so that
//! another backend (gix, a cache of earlier scans) can replace the git2 one in [`walk`].

pub mod cache;
pub(crate) mod engine;
mod identity;
mod inflight;
mod model;
mod paths;
mod renames;
#[cfg(test)]
pub(crate) mod testkit;
mod treediff;
mod walk;

pub use model::{
    Change, CommitRecord, HistoryError, HistoryFacts, HistoryOptions, Identity, InFlightBranch, PathEvent,
    PathEventKind,
};
use std::path::Path;

pub(crate) use identity::glob_match;
pub use identity::{BotField, DEFAULT_BOTS, default_bot_rule};

/// Reads the history of the repository at `repo_path` (work tree or bare), read-only.
pub fn gather(repo_path: &Path, opts: &HistoryOptions) -> Result<HistoryFacts, HistoryError> {
    walk::gather(repo_path, opts)
}

#[cfg(test)]
mod tests {
    use super::testkit::{Fx, Op};
    use super::*;
    use pretty_assertions::assert_eq;
    use std::collections::BTreeMap;

    const BOB: (&str, &str) = ("Bob", "bob@client.com");
    const DAY: i64 = 86_400;
    const T0: i64 = 1_700_000_000;

    fn opts() -> HistoryOptions {
        HistoryOptions {
            jobs: 2,
            ..HistoryOptions::default()
        }
    }

    fn who(facts: &HistoryFacts, i: usize) -> &str {
        &facts.identities[i].email
    }

    #[test]
    fn empty_repository_and_unborn_head_give_empty_facts() {
        let fx = Fx::new();
        let facts = gather(fx.path(), &opts()).unwrap();
        assert_eq!(facts, HistoryFacts::default());
        assert!(gather(&fx.path().join("nope"), &opts()).is_err());
    }

    #[test]
    fn a_rename_keeps_history_and_a_pure_move_is_no_content_change() {
        let fx = Fx::new();
        let body: String = (0..30).map(|i| format!("fn f{i}() {{}}\n")).collect();
        fx.commit("main", fx.alice(), T0, &[Op::write("src/a.rs", &body)]);
        fx.commit(
            "main",
            BOB,
            T0 + DAY,
            &[Op::write("src/a.rs", &format!("{body}// b\n"))],
        );
        fx.commit("main", BOB, T0 + 2 * DAY, &[Op::rename("src/a.rs", "lib/a.rs")]);
        fx.commit(
            "main",
            fx.alice(),
            T0 + 3 * DAY,
            &[Op::delete("lib/a.rs"), Op::write("core/a.rs", &format!("{body}// c\n"))],
        );
        let facts = gather(fx.path(), &opts()).unwrap();
        assert_eq!(facts.commits.len(), 4);
        assert_eq!(
            facts.commits[2].changes,
            vec![Change::Renamed {
                from: "src/a.rs".into(),
                to: "lib/a.rs".into(),
                similarity: 100
            }]
        );
        assert!(matches!(
            facts.commits[3].changes[..],
            [Change::Renamed {
                similarity: 93..=99,
                ..
            }]
        ));
        assert_eq!(facts.path_commits["core/a.rs"], vec![0, 1, 3]);
        assert_eq!(facts.last_content_change["core/a.rs"], 3);
        assert_eq!(facts.path_events["core/a.rs"].len(), 4);
        assert_eq!(
            facts.paths_seen.iter().collect::<Vec<_>>(),
            vec!["core/a.rs", "lib/a.rs", "src/a.rs"]
        );
        assert!(!facts.partial_history);
        assert_eq!(facts.head, Some(facts.commits[3].id.clone()));
    }

    #[test]
    fn a_merged_topic_branch_is_credited_and_unmerged_work_is_in_flight() {
        let fx = Fx::new();
        fx.commit("main", fx.alice(), T0, &[Op::write("x.rs", "1")]);
        fx.commit("topic", BOB, T0 + DAY, &[Op::write("y.rs", "1")]);
        fx.commit("topic", BOB, T0 + 2 * DAY, &[Op::write("y.rs", "2")]);
        fx.commit("main", fx.alice(), T0 + 3 * DAY, &[Op::write("x.rs", "2")]);
        fx.merge("main", "topic", fx.alice(), T0 + 4 * DAY);
        fx.commit("wip", BOB, T0 + 5 * DAY, &[Op::write("z.rs", "1")]);
        let tip = fx.commit("wip", BOB, T0 + 6 * DAY, &[Op::write("z.rs", "2")]);
        let facts = gather(fx.path(), &opts()).unwrap();
        assert_eq!(facts.commits.len(), 4);
        let authors: Vec<&str> = facts.commits.iter().map(|c| who(&facts, c.author)).collect();
        assert_eq!(
            authors,
            vec![
                "alice@vendor.com",
                "bob@client.com",
                "bob@client.com",
                "alice@vendor.com"
            ]
        );
        let y: Vec<usize> = facts.path_events["y.rs"].iter().map(|e| e.commit).collect();
        assert_eq!(y, vec![1, 2]);
        assert!(!facts.path_events.contains_key("z.rs"));
        assert_eq!(facts.in_flight.len(), 1);
        let wip = &facts.in_flight[0];
        assert_eq!(
            (
                wip.branch.as_str(),
                wip.commits_ahead,
                wip.last_commit.clone(),
                wip.last_commit_time
            ),
            ("wip", 2, tip.to_string(), T0 + 6 * DAY)
        );
        assert_eq!(who(&facts, wip.last_author), "bob@client.com");
        assert_eq!(facts.identities[1].commits, 2);
        assert_eq!(facts.identities[1].last_commit.as_deref(), Some("2023-11-16T22:13:20Z"));
    }

    #[test]
    fn blame_ignore_revs_mark_reformatting_commits() {
        let fx = Fx::new();
        fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        let fmt = fx.commit("main", BOB, T0 + DAY, &[Op::write("a.rs", "1 ")]);
        let list = format!("# rustfmt\n{fmt}\nnot-a-rev\n");
        fx.commit("main", BOB, T0 + 2 * DAY, &[Op::write(".git-blame-ignore-revs", &list)]);
        let facts = gather(fx.path(), &opts()).unwrap();
        let ignored: Vec<bool> = facts.commits.iter().map(|c| c.ignored).collect();
        assert_eq!(ignored, vec![false, true, false]);
        assert_eq!(facts.last_content_change["a.rs"], 0);
        assert_eq!(
            facts.warnings,
            vec![".git-blame-ignore-revs:3: `not-a-rev` is not a commit here".to_string()]
        );
    }

    #[test]
    fn mailmap_aliases_bots_and_co_authors() {
        let fx = Fx::new();
        std::fs::write(
            fx.path().join(".mailmap"),
            "Alice Vendor <alice@vendor.com> <alice@home.net>\n",
        )
        .unwrap();
        fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        fx.commit("main", ("al", "Alice@Home.net"), T0 + DAY, &[Op::write("a.rs", "2")]);
        fx.commit(
            "main",
            ("Bob B", "bob.b@gmail.com"),
            T0 + DAY,
            &[Op::write("b.rs", "1")],
        );
        fx.commit(
            "main",
            ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
            T0,
            &[Op::write("c.rs", "1")],
        );
        fx.commit(
            "main",
            ("Renovate", "renovate@whitesource.io"),
            T0,
            &[Op::write("c.rs", "2")],
        );
        fx.commit_msg(
            "main",
            fx.alice(),
            T0 + 2 * DAY,
            &[Op::write("a.rs", "3")],
            "pair\n\nCo-authored-by: Bob <bob.b@gmail.com>\nCo-authored-by: Alice <alice@vendor.com>\n",
        );
        let o = HistoryOptions {
            aliases: BTreeMap::from([("bob.b@gmail.com".to_string(), "bob@client.com".to_string())]),
            bot_patterns: vec!["renovate*".into()],
            ..opts()
        };
        let facts = gather(fx.path(), &o).unwrap();
        let ids: Vec<(&str, &str, bool, usize, usize)> = facts
            .identities
            .iter()
            .map(|i| (i.name.as_str(), i.email.as_str(), i.is_bot, i.commits, i.co_authored))
            .collect();
        assert_eq!(
            ids,
            vec![
                (
                    "dependabot[bot]",
                    "49699333+dependabot[bot]@users.noreply.github.com",
                    true,
                    1,
                    0
                ),
                ("Alice", "alice@vendor.com", false, 3, 0),
                ("Bob B", "bob@client.com", false, 1, 1),
                ("Renovate", "renovate@whitesource.io", true, 1, 0),
            ]
        );
        assert_eq!(facts.commits[5].co_authors, vec![2]);
    }

    #[test]
    fn a_shallow_clone_is_partial_and_says_how_to_fix_it() {
        let fx = Fx::new();
        fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        fx.commit("main", BOB, T0 + DAY, &[Op::write("a.rs", "2")]);
        let dest = tempfile::tempdir().unwrap();
        let url = format!("file://{}", fx.path().display());
        let status = std::process::Command::new("git")
            .args(["clone", "-q", "--depth", "1", &url])
            .arg(dest.path().join("c"))
            .status()
            .unwrap();
        assert!(status.success());
        let facts = gather(&dest.path().join("c"), &opts()).unwrap();
        assert!(facts.partial_history);
        assert!(facts.partial_reasons[0].contains("git fetch --unshallow"));
        assert_eq!(facts.commits.len(), 1);
        assert_eq!(facts.commits[0].changes, vec![Change::Added { path: "a.rs".into() }]);
    }

    #[test]
    fn bare_repositories_and_detached_heads_work_and_since_marks_partial() {
        let fx = Fx::new();
        let first = fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        fx.commit("main", BOB, T0 + DAY, &[Op::write("a.rs", "2")]);
        let bare = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("git")
            .args(["clone", "-q", "--bare"])
            .arg(fx.path())
            .arg(bare.path().join("b.git"))
            .status()
            .unwrap();
        assert!(status.success());
        let facts = gather(&bare.path().join("b.git"), &opts()).unwrap();
        assert_eq!(facts.commits.len(), 2);
        fx.repo.set_head_detached(first).unwrap();
        let facts = gather(fx.path(), &opts()).unwrap();
        assert_eq!(facts.head, Some(first.to_string()));
        assert_eq!(facts.in_flight[0].branch, "main");
        fx.repo.set_head("refs/heads/main").unwrap();
        let since = jiff::Timestamp::from_second(T0 + 3600).unwrap();
        let facts = gather(
            fx.path(),
            &HistoryOptions {
                since: Some(since),
                ..opts()
            },
        )
        .unwrap();
        assert_eq!(facts.commits.len(), 1);
        assert!(facts.partial_history);
        assert_eq!(
            facts.partial_reasons,
            vec!["only commits since 2023-11-14T23:13:20Z were read (--since)"]
        );
    }

    #[test]
    fn submodules_are_listed_not_descended() {
        let fx = Fx::new();
        let c = fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        let base = fx.repo.find_commit(c).unwrap().tree().unwrap();
        let mut tb = fx.repo.treebuilder(Some(&base)).unwrap();
        tb.insert("vendor-lib", c, 0o160000).unwrap();
        let tree = fx.repo.find_tree(tb.write().unwrap()).unwrap();
        let sig = git2::Signature::new("Bob", "bob@client.com", &git2::Time::new(T0 + DAY, 0)).unwrap();
        let parent = fx.repo.find_commit(c).unwrap();
        fx.repo
            .commit(Some("HEAD"), &sig, &sig, "sub", &tree, &[&parent])
            .unwrap();
        let facts = gather(fx.path(), &opts()).unwrap();
        assert_eq!(facts.submodules, vec!["vendor-lib"]);
        assert_eq!(facts.warnings, vec!["submodule `vendor-lib` not descended"]);
        assert!(facts.commits[1].changes.is_empty());
    }

    #[test]
    fn a_corrupt_tree_names_object_and_commit_and_the_rest_survives() {
        let fx = Fx::new();
        fx.commit("main", fx.alice(), T0, &[Op::write("a.rs", "1")]);
        let bad = fx.commit("main", BOB, T0 + DAY, &[Op::write("sub/b.rs", "1")]);
        fx.commit("main", BOB, T0 + 2 * DAY, &[Op::write("a.rs", "2")]);
        let tree = fx.repo.find_commit(bad).unwrap().tree().unwrap();
        let sub = tree.get_name("sub").unwrap().id().to_string();
        let file = fx.path().join(".git/objects").join(&sub[..2]).join(&sub[2..]);
        let mut perms = std::fs::metadata(&file).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&file, perms).unwrap();
        std::fs::write(&file, b"garbage").unwrap();
        let facts = gather(fx.path(), &opts()).unwrap();
        assert!(facts.partial_history);
        assert_eq!(facts.commits.len(), 3);
        let reason = &facts.partial_reasons[0];
        assert!(reason.contains(&sub) && reason.contains(&bad.to_string()), "{reason}");
        assert_eq!(facts.path_commits["a.rs"], vec![0, 2]);
    }
}
