//! Off-boarding simulation: who is left knowing what when a group of people leaves at once.
//!
//! Reads known-by sets per source file and a mask of leaving identities; produces the files
//! left with no one who knows them and the knowledge islands (DESIGN §3): directories with
//! ≥ 3 source files of which more than half are orphaned, listed only when no ancestor
//! directory is itself an island, largest first. Pure arithmetic, no history access.

use std::collections::BTreeMap;

use super::model::Island;

/// Per file: nobody outside `leaving` knows it (files nobody knows at all count as orphaned).
pub fn orphaned(known_by: &[Vec<usize>], leaving: &[bool]) -> Vec<bool> {
    known_by.iter().map(|k| k.iter().all(|&a| leaving[a])).collect()
}

/// Islands among `files` (repository-relative paths) given each file's orphaned flag.
pub fn islands(files: &[String], orphaned: &[bool]) -> Vec<Island> {
    let mut dirs: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (path, &lost) in files.iter().zip(orphaned) {
        let mut end = path.len();
        while let Some(slash) = path[..end].rfind('/') {
            let d = dirs.entry(&path[..slash]).or_default();
            d.0 += 1;
            d.1 += usize::from(lost);
            end = slash;
        }
    }
    let is_island = |d: &(usize, usize)| d.0 >= 3 && d.1 * 2 > d.0;
    let mut out: Vec<Island> = dirs
        .iter()
        .filter(|(_, d)| is_island(d))
        .filter(|(path, _)| {
            let mut end = path.len();
            while let Some(slash) = path[..end].rfind('/') {
                if dirs.get(&path[..slash]).is_some_and(is_island) {
                    return false;
                }
                end = slash;
            }
            true
        })
        .map(|(path, &(files, lost))| Island {
            path: (*path).to_string(),
            files,
            orphaned_files: lost,
        })
        .collect();
    out.sort_by(|a, b| {
        b.files
            .cmp(&a.files)
            .then(b.orphaned_files.cmp(&a.orphaned_files))
            .then(a.path.cmp(&b.path))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_outermost_island_is_listed() {
        let files: Vec<String> = [
            "a/1", "a/2", "a/b/3", "a/b/4", // a: 4 files, 3 lost → island; a/b not listed
            "c/1", "c/2", "c/3", "c/4", // c: 4 files, 2 lost → not (half is not more than half)
            "d/1", "d/2", "top",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let lost = [true, false, true, true, true, true, false, false, true, true, true];
        assert_eq!(
            islands(&files, &lost),
            vec![Island {
                path: "a".into(),
                files: 4,
                orphaned_files: 3
            }]
        );
    }

    #[test]
    fn orphaned_means_every_knower_leaves() {
        let known = vec![vec![0], vec![0, 1], vec![]];
        assert_eq!(orphaned(&known, &[true, false]), vec![true, false, true]);
    }
}
