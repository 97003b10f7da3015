//! Knowledge-transfer trend per calendar quarter (UTC), DESIGN §3.
//!
//! Reads the commit records, each identity's role and each source file's history; produces one
//! [`QuarterTrend`] per quarter from the first commit's to the last's (empty quarters included,
//! so charts have no gaps): vendor and in-house shares of commits, shares of the then-existing
//! source files known by a vendor or an in-house identity (DOA at the quarter's end), the
//! pairing rate (vendor commits with an in-house `Co-authored-by`), and the transfer burndown:
//! each vendor's lost_if_leaves at the quarter's end, with activity measured back from then.

use std::collections::BTreeMap;

use super::doa::authors;
use super::model::QuarterTrend;
use crate::base::role::Role;
use crate::facts::history::{HistoryFacts, PathEvent};

/// Quarter number since year 0 (year·4 + quarter − 1) of a unix time, UTC.
fn quarter_of(t: i64) -> i64 {
    let Ok(ts) = jiff::Timestamp::from_second(t) else {
        return 0;
    };
    let dt = jiff::tz::TimeZone::UTC.to_datetime(ts);
    i64::from(dt.year()) * 4 + i64::from(dt.month() - 1) / 3
}

/// The last second of quarter `q` (year·4 + quarter − 1), UTC.
fn quarter_end(q: i64) -> i64 {
    let next = q + 1;
    let (Ok(year), Ok(month)) = (
        i16::try_from(next.div_euclid(4)),
        i8::try_from(next.rem_euclid(4) * 3 + 1),
    ) else {
        return i64::MAX;
    };
    jiff::civil::Date::new(year, month, 1)
        .ok()
        .and_then(|d| d.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok())
        .map_or(i64::MAX, |z| z.timestamp().as_second() - 1)
}

fn label(q: i64) -> String {
    format!("{}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

fn percent(part: usize, whole: usize) -> f64 {
    (1000.0 * share(part, whole)).round() / 10.0
}

/// Who leaves and who retains, for the transfer burndown.
#[derive(Debug, Clone)]
pub struct Burndown<'a> {
    /// Vendor organisations: name and, per identity, membership.
    pub vendors: Vec<(String, Vec<bool>)>,
    /// Per identity: retains knowledge when another organisation leaves (internal or vendor role).
    pub retains: &'a [bool],
    /// Per identity: last commit in other roots scanned together, unix seconds.
    pub elsewhere: &'a [Option<i64>],
    /// The activity window, seconds.
    pub window: i64,
    /// The report clock, unix seconds: the last quarter is measured at it when it ends later.
    pub now: i64,
}

/// Per identity, whether it has a commit in `(at − window, at]` (here or elsewhere).
fn active_at(times: &[Vec<i64>], elsewhere: &[Option<i64>], at: i64, window: i64) -> Vec<bool> {
    let recent = |t: i64| t <= at && at - t <= window;
    times
        .iter()
        .enumerate()
        .map(|(i, ts)| {
            let n = ts.partition_point(|&t| t <= at);
            (n > 0 && recent(ts[n - 1])) || elsewhere.get(i).copied().flatten().is_some_and(recent)
        })
        .collect()
}

/// The trend over `files` (each with its events, `None` when it has no history); `roles` are
/// the roles that count (`unknown` already mapped to internal when configured so).
pub fn trend(
    history: &HistoryFacts,
    roles: &[Role],
    files: &[Option<&Vec<PathEvent>>],
    burndown: &Burndown<'_>,
) -> Vec<QuarterTrend> {
    let quarters: Vec<i64> = history.commits.iter().map(|c| quarter_of(c.time)).collect();
    let (Some(&first), Some(&last)) = (quarters.iter().min(), quarters.iter().max()) else {
        return Vec::new();
    };
    let n = (last - first + 1) as usize;
    let role = |i: usize| roles.get(i).copied().unwrap_or(Role::Unknown);
    let mut commits = vec![0usize; n];
    let mut vendor = vec![0usize; n];
    let mut inhouse = vec![0usize; n];
    let mut paired = vec![0usize; n];
    for (c, &q) in history.commits.iter().zip(&quarters) {
        let k = (q - first) as usize;
        commits[k] += 1;
        match role(c.author) {
            Role::Vendor => {
                vendor[k] += 1;
                if c.co_authors.iter().any(|&a| role(a) == Role::Internal) {
                    paired[k] += 1;
                }
            }
            Role::Internal => inhouse[k] += 1,
            Role::Unknown | Role::Bots => {}
        }
    }

    // Per quarter: who is active at its end (bots never are).
    let mut times: Vec<Vec<i64>> = vec![Vec::new(); history.identities.len()];
    for c in &history.commits {
        if let Some(ts) = times.get_mut(c.author) {
            ts.push(c.time);
        }
    }
    for (ts, identity) in times.iter_mut().zip(&history.identities) {
        if identity.is_bot {
            ts.clear();
        }
        ts.sort_unstable();
    }
    let active: Vec<Vec<bool>> = (0..n)
        .map(|k| {
            let at = quarter_end(first + k as i64).min(burndown.now);
            active_at(&times, burndown.elsewhere, at, burndown.window)
        })
        .collect();

    // Per quarter: files existing by its end, those with a vendor / in-house knower, and those
    // each vendor would take with it.
    let mut existing = vec![0usize; n];
    let mut vendor_known = vec![0usize; n];
    let mut inhouse_known = vec![0usize; n];
    let mut lost = vec![vec![0usize; burndown.vendors.len()]; n];
    for events in files.iter().flatten() {
        let mut by_quarter: BTreeMap<usize, Vec<PathEvent>> = BTreeMap::new();
        for e in events.iter() {
            by_quarter
                .entry((quarters[e.commit] - first) as usize)
                .or_default()
                .push(e.clone());
        }
        let Some(&born) = by_quarter.keys().next() else {
            continue;
        };
        let mut upto: Vec<PathEvent> = Vec::new();
        let mut knowers: Vec<usize> = Vec::new();
        let (mut v, mut h) = (false, false);
        for k in born..n {
            if let Some(evs) = by_quarter.remove(&k) {
                upto.extend(evs);
                knowers = authors(&upto, history)
                    .into_iter()
                    .filter(|a| a.knows)
                    .map(|a| a.identity)
                    .collect();
                v = knowers.iter().any(|&a| role(a) == Role::Vendor);
                h = knowers.iter().any(|&a| role(a) == Role::Internal);
            }
            existing[k] += 1;
            vendor_known[k] += usize::from(v);
            inhouse_known[k] += usize::from(h);
            for (count, (_, members)) in lost[k].iter_mut().zip(&burndown.vendors) {
                let mut leaves = false;
                let mut kept = false;
                for &a in knowers.iter().filter(|&&a| active[k][a]) {
                    if members[a] {
                        leaves = true;
                    } else if burndown.retains[a] {
                        kept = true;
                    }
                }
                *count += usize::from(leaves && !kept);
            }
        }
    }

    (0..n)
        .map(|k| QuarterTrend {
            quarter: label(first + k as i64),
            commits: commits[k],
            vendor_commits_share: share(vendor[k], commits[k]),
            inhouse_commits_share: share(inhouse[k], commits[k]),
            vendor_known_share: share(vendor_known[k], existing[k]),
            inhouse_known_share: share(inhouse_known[k], existing[k]),
            pairing_rate: (vendor[k] > 0).then(|| share(paired[k], vendor[k])),
            lost_if_leaves_percent: burndown
                .vendors
                .iter()
                .zip(&lost[k])
                .map(|((name, _), &count)| (name.clone(), percent(count, existing[k])))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_are_utc_calendar_quarters() {
        assert_eq!(label(quarter_of(0)), "1970-Q1");
        // 2024-06-30T23:59:59Z and 2024-07-01T00:00:00Z.
        assert_eq!(label(quarter_of(1_719_791_999)), "2024-Q2");
        assert_eq!(label(quarter_of(1_719_792_000)), "2024-Q3");
        assert_eq!(quarter_end(quarter_of(1_719_791_999)), 1_719_791_999);
        assert_eq!(quarter_end(quarter_of(0)), 7_775_999); // 1970-03-31T23:59:59Z
    }

    #[test]
    fn active_means_a_commit_within_the_window_before_the_instant() {
        let times = vec![vec![10, 100], vec![], vec![500]];
        let elsewhere = [None, Some(95), Some(50)];
        assert_eq!(active_at(&times, &elsewhere, 120, 30), vec![true, true, false]);
        assert_eq!(active_at(&times, &elsewhere, 60, 30), vec![false, false, true]);
        assert_eq!(active_at(&times, &elsewhere, 200, 30), vec![false, false, false]);
    }
}
