//! Rename pairing for one commit's added and deleted paths.
//!
//! Reads the tree changes of one commit and, only for inexact pairs, the blobs involved.
//! Exact matches (same blob id) pair first, preferring the same file name; then the remaining
//! delete/add pairs whose similarity is at least 50 %, as git does. Similarity is git's notion
//! (bytes kept ÷ bytes of the larger side), measured on hashed lines. The inexact stage is
//! bounded so that a huge commit cannot stall the pass: it is skipped above [`MAX_PAIRS`]
//! candidate pairs and blobs above [`MAX_BLOB`] never
//! take part. Produces the commit's [`Change`] list; never writes.

use std::collections::HashMap;

use git2::{Odb, Oid};

use super::model::Change;
use super::treediff::TreeChanges;

/// Above this many delete × add pairs, inexact renames are not looked for (git's
/// `diff.renameLimit` of 1000 bounds sources × destinations at 1000², too slow a worst case).
pub(super) const MAX_PAIRS: usize = 100_000;
/// Blobs larger than this take no part in inexact pairing.
pub(super) const MAX_BLOB: usize = 1 << 20;
/// Minimum similarity for an inexact rename, in percent (git's default).
const MIN_SIMILARITY: u64 = 50;

/// Turns one commit's tree changes into its change list, sorted by the path left behind.
pub(super) fn pair(odb: &Odb<'_>, tc: TreeChanges) -> Vec<Change> {
    let mut changes: Vec<Change> = tc.modified.into_iter().map(|path| Change::Modified { path }).collect();
    let mut deleted: Vec<Option<(String, Oid)>> = tc.deleted.into_iter().map(Some).collect();
    let mut added: Vec<Option<(String, Oid)>> = tc.added.into_iter().map(Some).collect();

    if !deleted.is_empty() && !added.is_empty() {
        exact(&mut deleted, &mut added, &mut changes);
        let d = deleted.iter().flatten().count();
        let a = added.iter().flatten().count();
        if d > 0 && a > 0 && d * a <= MAX_PAIRS {
            inexact(odb, &mut deleted, &mut added, &mut changes);
        }
    }
    changes.extend(deleted.into_iter().flatten().map(|(path, _)| Change::Deleted { path }));
    changes.extend(added.into_iter().flatten().map(|(path, _)| Change::Added { path }));
    changes.sort_by(|a, b| a.path().cmp(b.path()).then_with(|| a.cmp(b)));
    changes
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn exact(deleted: &mut [Option<(String, Oid)>], added: &mut [Option<(String, Oid)>], changes: &mut Vec<Change>) {
    let mut by_id: HashMap<Oid, Vec<usize>> = HashMap::new();
    for (i, d) in deleted.iter().enumerate() {
        if let Some((_, id)) = d {
            by_id.entry(*id).or_default().push(i);
        }
    }
    for slot in added.iter_mut() {
        let Some((to, id)) = slot else { continue };
        let Some(candidates) = by_id.get_mut(id) else {
            continue;
        };
        if candidates.is_empty() {
            continue;
        }
        let same_name = candidates.iter().position(|&i| {
            deleted[i]
                .as_ref()
                .is_some_and(|(from, _)| file_name(from) == file_name(to))
        });
        let i = candidates.remove(same_name.unwrap_or(0));
        let from = deleted[i].take().map(|(p, _)| p).unwrap_or_default();
        changes.push(Change::Renamed {
            from,
            to: std::mem::take(to),
            similarity: 100,
        });
        *slot = None;
    }
}

/// A blob reduced to hashed lines: (hash, bytes of all lines with that hash), sorted.
struct Lines {
    size: usize,
    lines: Vec<(u64, u64)>,
}

fn lines_of(odb: &Odb<'_>, id: Oid) -> Option<Lines> {
    let (size, _) = odb.read_header(id).ok()?;
    if size > MAX_BLOB {
        return None;
    }
    let obj = odb.read(id).ok()?;
    let data = obj.data();
    let mut lines: Vec<(u64, u64)> = data
        .split_inclusive(|&b| b == b'\n')
        .map(|line| (fnv1a(line), line.len() as u64))
        .collect();
    lines.sort_unstable();
    lines.dedup_by(|next, kept| {
        if next.0 == kept.0 {
            kept.1 += next.1;
            true
        } else {
            false
        }
    });
    Some(Lines {
        size: data.len(),
        lines,
    })
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Percent of the larger blob's bytes found in the other (git's rename score).
fn similarity(a: &Lines, b: &Lines) -> u64 {
    let larger = a.size.max(b.size) as u64;
    if larger == 0 || (a.size.min(b.size) as u64) * 100 < larger * MIN_SIMILARITY {
        return 0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0u64);
    while i < a.lines.len() && j < b.lines.len() {
        match a.lines[i].0.cmp(&b.lines[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += a.lines[i].1.min(b.lines[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    common * 100 / larger
}

fn inexact(
    odb: &Odb<'_>,
    deleted: &mut [Option<(String, Oid)>],
    added: &mut [Option<(String, Oid)>],
    changes: &mut Vec<Change>,
) {
    let sigs = |side: &[Option<(String, Oid)>]| -> Vec<Option<Lines>> {
        side.iter()
            .map(|s| s.as_ref().and_then(|(_, id)| lines_of(odb, *id)))
            .collect()
    };
    let (dsig, asig) = (sigs(deleted), sigs(added));
    let mut scored = Vec::new();
    for (di, d) in dsig.iter().enumerate() {
        let Some(d) = d else { continue };
        for (ai, a) in asig.iter().enumerate() {
            let Some(a) = a else { continue };
            let score = similarity(d, a);
            if score >= MIN_SIMILARITY {
                scored.push((std::cmp::Reverse(score), di, ai));
            }
        }
    }
    scored.sort_unstable();
    for (std::cmp::Reverse(score), di, ai) in scored {
        if deleted[di].is_none() || added[ai].is_none() {
            continue;
        }
        let from = deleted[di].take().map(|(p, _)| p).unwrap_or_default();
        let to = added[ai].take().map(|(p, _)| p).unwrap_or_default();
        changes.push(Change::Renamed {
            from,
            to,
            // Identical content pairs exactly; a line-level 100 % keeps a byte difference.
            similarity: score.min(99) as u8,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::history::testkit::Fx;

    fn blob(fx: &Fx, text: &str) -> Oid {
        fx.repo.blob(text.as_bytes()).unwrap()
    }

    fn tc(deleted: Vec<(&str, Oid)>, added: Vec<(&str, Oid)>) -> TreeChanges {
        let own = |v: Vec<(&str, Oid)>| v.into_iter().map(|(p, id)| (p.to_string(), id)).collect();
        TreeChanges {
            added: own(added),
            deleted: own(deleted),
            modified: vec!["m.txt".into()],
            ..TreeChanges::default()
        }
    }

    #[test]
    fn exact_then_similar_then_leftovers() {
        let fx = Fx::new();
        let odb = fx.repo.odb().unwrap();
        let body: String = (0..20).map(|i| format!("line {i}\n")).collect();
        let same = blob(&fx, "same\n");
        let old = blob(&fx, &body);
        let edited = blob(&fx, &format!("{body}one more line\n"));
        let other = blob(&fx, "completely different\n");
        let got = pair(
            &odb,
            tc(
                vec![
                    ("a/x.txt", same),
                    ("b/x.txt", same),
                    ("old.rs", old),
                    ("gone.txt", other),
                ],
                vec![
                    ("c/x.txt", same),
                    ("new.rs", edited),
                    ("fresh.txt", blob(&fx, "fresh\n")),
                ],
            ),
        );
        let sim = 100 * body.len() / (body.len() + 14);
        assert_eq!(
            got,
            vec![
                Change::Deleted { path: "b/x.txt".into() },
                Change::Renamed {
                    from: "a/x.txt".into(),
                    to: "c/x.txt".into(),
                    similarity: 100
                },
                Change::Added {
                    path: "fresh.txt".into()
                },
                Change::Deleted {
                    path: "gone.txt".into()
                },
                Change::Modified { path: "m.txt".into() },
                Change::Renamed {
                    from: "old.rs".into(),
                    to: "new.rs".into(),
                    similarity: sim as u8
                },
            ]
        );
    }

    #[test]
    fn too_many_pairs_skip_the_similarity_stage() {
        let fx = Fx::new();
        let odb = fx.repo.odb().unwrap();
        let n = 320; // 320 × 320 > MAX_PAIRS
        let dels: Vec<(String, Oid)> = (0..n)
            .map(|i| (format!("d{i:02}"), blob(&fx, &format!("x{i}\nsame\nsame\n"))))
            .collect();
        let adds: Vec<(String, Oid)> = (0..n)
            .map(|i| (format!("a{i:02}"), blob(&fx, &format!("y{i}\nsame\nsame\n"))))
            .collect();
        let got = pair(
            &odb,
            TreeChanges {
                added: adds,
                deleted: dels,
                ..TreeChanges::default()
            },
        );
        assert!(got.iter().all(|c| !matches!(c, Change::Renamed { .. })));
        assert_eq!(got.len(), 2 * n);
    }
}
