//! Degree of authorship (Avelino et al., "A novel approach for estimating truck factors",
//! ICPC 2016), exactly as DESIGN §3 states it.
//!
//! Reads one file's path events (its history across renames) and the commit records; produces
//! every author's FA, DL, AC, DOA and whether they know the file. Bots and commits listed in
//! `.git-blame-ignore-revs` count for no one: neither as deliveries nor as others' changes.

use std::collections::BTreeMap;

use super::model::AuthorDoa;
use crate::facts::history::{HistoryFacts, PathEvent, PathEventKind};

/// The paper's constant: a lone author with one delivery and no others' changes scores above it.
pub const DOA_BASE: f64 = 3.293;

/// An author knows a file when their DOA exceeds this share of the file's best DOA (and
/// `DOA_BASE` is reached or they created it).
pub const KNOWS_RATIO: f64 = 0.75;

/// DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC).
pub fn doa(fa: bool, dl: u32, ac: u32) -> f64 {
    DOA_BASE + 1.098 * f64::from(u8::from(fa)) + 0.164 * f64::from(dl) - 0.321 * (1.0 + f64::from(ac)).ln()
}

/// Authors of a file from its events, sorted by DOA descending, then identity index.
///
/// FA: created the file (also a re-add after deletion); DL: own modifications and renames (the
/// creating commit is not one); AC: everyone else's. Knows: DOA ÷ the file's best DOA > 0.75
/// and (DOA ≥ 3.293 or created the file).
pub fn authors(events: &[PathEvent], history: &HistoryFacts) -> Vec<AuthorDoa> {
    let mut per: BTreeMap<usize, (bool, u32)> = BTreeMap::new();
    let mut changes = 0u32;
    for e in events {
        let Some(c) = history.commits.get(e.commit) else {
            continue;
        };
        let bot = history.identities.get(c.author).is_none_or(|i| i.is_bot);
        if c.ignored || bot {
            continue;
        }
        match e.kind {
            PathEventKind::Created => per.entry(c.author).or_default().0 = true,
            PathEventKind::Modified | PathEventKind::Renamed { .. } => {
                per.entry(c.author).or_default().1 += 1;
                changes += 1;
            }
            PathEventKind::Deleted => {}
        }
    }
    let mut out: Vec<AuthorDoa> = per
        .into_iter()
        .map(|(identity, (fa, dl))| {
            let ac = changes - dl;
            AuthorDoa {
                identity,
                fa,
                dl,
                ac,
                doa: doa(fa, dl, ac),
                knows: false,
            }
        })
        .collect();
    let best = out.iter().map(|a| a.doa).fold(f64::MIN, f64::max);
    for a in &mut out {
        a.knows = best > 0.0 && a.doa / best > KNOWS_RATIO && (a.doa >= DOA_BASE || a.fa);
    }
    out.sort_by(|a, b| b.doa.total_cmp(&a.doa).then(a.identity.cmp(&b.identity)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_matches_the_paper() {
        let cases = [
            (true, 0, 0, 4.391),
            (false, 1, 0, 3.457),
            (true, 0, 20, 4.391 - 0.321 * 21f64.ln()),
            (false, 20, 0, 3.293 + 3.28),
            (false, 3, 2, 3.293 + 0.492 - 0.321 * 3f64.ln()),
        ];
        for (fa, dl, ac, want) in cases {
            assert!((doa(fa, dl, ac) - want).abs() < 1e-12, "{fa} {dl} {ac}");
        }
        assert_eq!(format!("{:.6}", doa(true, 0, 20)), "3.413708");
    }
}
