//! Knowledge-transfer trend per calendar quarter (UTC), DESIGN §3.
//!
//! Reads the commit records, each identity's role and each source file's history; produces one
//! [`QuarterTrend`] per quarter from the first commit's to the last's (empty quarters included,
//! so charts have no gaps): vendor and in-house shares of commits, shares of the then-existing
//! source files known by a vendor or an in-house identity (DOA at the quarter's end), and the
//! pairing rate (vendor commits with an in-house `Co-authored-by`).

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

fn label(q: i64) -> String {
    format!("{}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

/// The trend over `files` (each with its events, `None` when it has no history).
pub fn trend(history: &HistoryFacts, roles: &[Role], files: &[Option<&Vec<PathEvent>>]) -> Vec<QuarterTrend> {
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

    // Per quarter: files existing by its end, and those with a vendor / in-house knower.
    let mut existing = vec![0usize; n];
    let mut vendor_known = vec![0usize; n];
    let mut inhouse_known = vec![0usize; n];
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
        let (mut v, mut h) = (false, false);
        for k in born..n {
            if let Some(evs) = by_quarter.remove(&k) {
                upto.extend(evs);
                let knowers = authors(&upto, history);
                let knows = |r: Role| knowers.iter().any(|a| a.knows && role(a.identity) == r);
                v = knows(Role::Vendor);
                h = knows(Role::Internal);
            }
            existing[k] += 1;
            vendor_known[k] += usize::from(v);
            inhouse_known[k] += usize::from(h);
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
    }
}
