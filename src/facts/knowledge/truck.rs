//! Truck factor: the paper's unpruned greedy algorithm over known-by sets (DESIGN §3).
//!
//! Reads, per source file, the identities who know it (computed once, never renormalised) and
//! a removal order; produces the number of people whose departure leaves fewer than half of the
//! source files with someone who knows them. Pure arithmetic, no history access.

/// Order in which the greedy removes people: most files known, then most commits, then name.
pub fn removal_order(known_by: &[Vec<usize>], commits: &[usize], names: &[(String, String)]) -> Vec<usize> {
    let mut counts = vec![0usize; names.len()];
    for file in known_by {
        for &a in file {
            counts[a] += 1;
        }
    }
    let mut order: Vec<usize> = (0..names.len()).filter(|&a| counts[a] > 0).collect();
    order.sort_by(|&a, &b| {
        counts[b]
            .cmp(&counts[a])
            .then(commits[b].cmp(&commits[a]))
            .then(names[a].cmp(&names[b]))
    });
    order
}

/// People removed, in `order`, while at least half of `total` files still have a knower
/// (the truck factor is how many).
///
/// `gone` marks people removed before counting starts (the vendor, for the in-house figure);
/// if they already leave fewer than half the files known, the result is 0.
pub fn truck_factor(known_by: &[Vec<usize>], total: usize, order: &[usize], gone: &[bool]) -> Vec<usize> {
    let mut removed = Vec::new();
    if total == 0 {
        return removed;
    }
    let mut left: Vec<usize> = known_by
        .iter()
        .map(|k| k.iter().filter(|&&a| !gone[a]).count())
        .collect();
    let mut files_of: Vec<Vec<usize>> = vec![Vec::new(); gone.len()];
    for (f, k) in known_by.iter().enumerate() {
        for &a in k {
            files_of[a].push(f);
        }
    }
    let mut covered = left.iter().filter(|&&n| n > 0).count();
    for &a in order.iter().filter(|&&a| !gone[a]) {
        if covered * 2 < total {
            break;
        }
        for &f in &files_of[a] {
            left[f] -= 1;
            if left[f] == 0 {
                covered -= 1;
            }
        }
        removed.push(a);
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<(String, String)> {
        (0..n).map(|i| (format!("p{i}"), String::new())).collect()
    }

    #[test]
    fn greedy_removes_until_under_half_known() {
        // Four files: 0 knows three, 1 knows two, 2 knows one.
        let known = vec![vec![0], vec![0, 1], vec![0, 1], vec![2]];
        let order = removal_order(&known, &[1, 1, 1], &names(3));
        assert_eq!(order, vec![0, 1, 2]);
        // After 0 leaves: files 1, 2, 3 known (3 of 4); after 1 leaves: 1 of 4 → stop.
        assert_eq!(truck_factor(&known, 4, &order, &[false; 3]), vec![0, 1]);
        // Without 0 from the start: still 3 of 4 known, then 1 leaves → 1 of 4.
        assert_eq!(truck_factor(&known, 4, &order, &[true, false, false]), vec![1]);
        // Without 0 and 1: 1 of 4 known, under half already.
        assert!(truck_factor(&known, 4, &order, &[true, true, false]).is_empty());
        assert!(truck_factor(&[], 0, &[], &[]).is_empty());
    }

    #[test]
    fn ties_go_to_more_commits_then_name() {
        let known = vec![vec![0], vec![1], vec![2]];
        assert_eq!(removal_order(&known, &[5, 9, 5], &names(3)), vec![1, 0, 2]);
    }
}
