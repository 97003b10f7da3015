//! Off-boarding simulation: what is lost when a group of people leaves at once.
//!
//! Reads known-by sets per source file and, per identity, whether it is active, leaving, or
//! would retain the knowledge; produces the lost files (DESIGN §3 "active and retained": an
//! active knower leaves and no active knower who retains stays) and the knowledge islands:
//! directories with ≥ 3 source files of which more than half are lost, listed only when no
//! ancestor directory is itself an island, largest first. Pure arithmetic, no history access.

use std::collections::BTreeMap;

use super::model::Island;

/// Per file: some active knower is `leaving` and no active knower outside it `retains`. Files no
/// active person knows are not lost by anyone leaving: they are lost already. Inactive knowers
/// count for nothing (the known-by sets themselves are never renormalised).
pub fn lost(known_by: &[Vec<usize>], active: &[bool], leaving: &[bool], retains: &[bool]) -> Vec<bool> {
    known_by
        .iter()
        .map(|k| {
            let mut leaves = false;
            for &a in k.iter().filter(|&&a| active[a]) {
                if leaving[a] {
                    leaves = true;
                } else if retains[a] {
                    return false;
                }
            }
            leaves
        })
        .collect()
}

/// Per organisation (index into `orgs` of each identity in `org_of`), the indices of the files
/// it would lose by leaving alone: the same as [`lost`] with its members leaving, for every
/// organisation in one pass. A file is lost by O when O has an active knower and every active
/// knower who would retain belongs to O.
pub fn lost_per_organisation(
    known_by: &[Vec<usize>],
    active: &[bool],
    retains: &[bool],
    org_of: &[usize],
    orgs: usize,
) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); orgs];
    let (mut present, mut keeping): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for (f, k) in known_by.iter().enumerate() {
        present.clear();
        keeping.clear();
        for &a in k.iter().filter(|&&a| active[a]) {
            present.push(org_of[a]);
            if retains[a] {
                keeping.push(org_of[a]);
            }
        }
        keeping.sort_unstable();
        keeping.dedup();
        match keeping[..] {
            [] => {
                present.sort_unstable();
                present.dedup();
                for &o in &present {
                    out[o].push(f);
                }
            }
            [o] => out[o].push(f),
            _ => {}
        }
    }
    out
}

/// Islands among `files` (repository-relative paths) given each file's lost flag.
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
    fn one_pass_per_organisation_agrees_with_each_leaving_alone() {
        // Organisations: 0 = {0, 1}, 1 = {2}, 2 = {3, 4}; 1 retains nothing (unknown role).
        let org_of = [0, 0, 1, 2, 2];
        let active = [true, true, true, true, false];
        let retains = [true, true, false, true, true];
        let known = vec![
            vec![0],
            vec![0, 1],
            vec![0, 2],
            vec![0, 3],
            vec![2],
            vec![4],
            vec![2, 4],
            vec![0, 4],
            vec![],
        ];
        let per = lost_per_organisation(&known, &active, &retains, &org_of, 3);
        for (o, files) in per.iter().enumerate() {
            let leaving: Vec<bool> = org_of.iter().map(|&x| x == o).collect();
            let each: Vec<usize> = lost(&known, &active, &leaving, &retains)
                .iter()
                .enumerate()
                .filter(|(_, l)| **l)
                .map(|(f, _)| f)
                .collect();
            assert_eq!(*files, each, "organisation {o}");
        }
        assert_eq!(per, vec![vec![0, 1, 2, 7], vec![4, 6], vec![]]);
    }

    #[test]
    fn lost_means_an_active_knower_leaves_and_no_active_one_retains() {
        // 0: leaving and active; 1: active, retains; 2: active, retains nothing (unknown role);
        // 3: retains but departed; 4: leaving but departed.
        let active = [true, true, true, false, false];
        let leaving = [true, false, false, false, true];
        let retains = [false, true, false, true, false];
        let known = vec![vec![0], vec![0, 1], vec![0, 2], vec![0, 3], vec![4], vec![2], vec![]];
        assert_eq!(
            lost(&known, &active, &leaving, &retains),
            vec![true, false, true, true, false, false, false]
        );
    }
}
