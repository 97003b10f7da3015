//! Knowledge figures: who knows the code, and what happens when an organisation leaves
//! (DESIGN §3, §5, §7).
//!
//! Reads [`HistoryFacts`], the caller's list of source files at HEAD (already filtered: no docs,
//! vendored, generated or binary files) and the configured organisations; produces
//! [`KnowledgeFacts`]: degree of authorship per file and author, the truck factor (overall and
//! in-house), per-organisation off-boarding figures with knowledge islands, the headline and the
//! quarterly trend. No I/O and no judgement: thresholds and pass/fail belong to the checks.

pub mod aliases;
pub mod doa;
mod model;
pub mod offboarding;
pub mod plan;
mod providers;
pub mod trend;
pub mod truck;

use std::collections::HashMap;

use crate::base::dates::{DAY, rfc3339};
use crate::facts::history::{HistoryFacts, Identity};

pub use crate::base::role::Role;
pub use aliases::{AliasReason, AliasSuggestion, suggest_aliases};
pub use model::{
    AuthorDoa, Headline, IdentityStatus, Island, KnowledgeFacts, KnowledgeOptions, OrgFigures, OrgSpec, QuarterTrend,
};
pub use plan::{AreaKind, PlanArea, PlanPerson, plan};
pub use providers::is_public_provider;

/// The organisation of an identity: bots first, then the first matching spec, then its email
/// domain ("individuals" for public mail providers, "unknown" without a domain).
pub fn organisation_of(identity: &Identity, specs: &[OrgSpec]) -> (String, Role) {
    if identity.is_bot {
        return ("bots".into(), Role::Bots);
    }
    let email = identity.email.to_lowercase();
    let domain = email.rsplit_once('@').map_or("", |(_, d)| d);
    for spec in specs {
        let hit = spec.matchers.iter().any(|m| {
            let m = m.to_lowercase();
            if m.contains('/') {
                false
            } else if let Some(d) = m.strip_prefix('@') {
                d.contains('.') && (domain == d || domain.strip_suffix(d).is_some_and(|s| s.ends_with('.')))
            } else {
                m.contains('@') && m == email
            }
        });
        if hit {
            return (spec.name.clone(), spec.role);
        }
    }
    if domain.is_empty() {
        ("unknown".into(), Role::Unknown)
    } else if is_public_provider(domain) {
        ("individuals".into(), Role::Unknown)
    } else {
        (domain.to_string(), Role::Unknown)
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (1000.0 * part as f64 / whole as f64).round() / 10.0
    }
}

/// Computes every knowledge figure over `source_files` (paths at HEAD).
pub fn gather(
    history: &HistoryFacts,
    source_files: &[String],
    specs: &[OrgSpec],
    options: &KnowledgeOptions,
) -> KnowledgeFacts {
    let ids = &history.identities;
    // Organisations: configured ones first (so they exist even when empty), then derived ones.
    let mut orgs: Vec<(String, Role)> = Vec::new();
    let mut org_index: HashMap<String, usize> = HashMap::new();
    for s in specs {
        org_index.entry(s.name.clone()).or_insert_with(|| {
            orgs.push((s.name.clone(), s.role));
            orgs.len() - 1
        });
    }
    let identity_org: Vec<usize> = ids
        .iter()
        .map(|i| {
            let (name, role) = organisation_of(i, specs);
            *org_index.entry(name.clone()).or_insert_with(|| {
                orgs.push((name, role));
                orgs.len() - 1
            })
        })
        .collect();
    // The roles that count: `unknown` is internal when configured so; bots stay bots.
    let counted = |role: Role| {
        if role == Role::Unknown && options.unknown_is_internal {
            Role::Internal
        } else {
            role
        }
    };
    let roles: Vec<Role> = identity_org.iter().map(|&o| counted(orgs[o].1)).collect();

    // Who is active: a commit within the window before the report clock, here or elsewhere.
    let mut last: Vec<Option<i64>> = vec![None; ids.len()];
    for c in &history.commits {
        if let Some(l) = last.get_mut(c.author) {
            *l = Some(l.map_or(c.time, |t: i64| t.max(c.time)));
        }
    }
    let elsewhere: Vec<Option<i64>> = ids
        .iter()
        .map(|i| options.last_commit_elsewhere.get(&i.email.to_lowercase()).copied())
        .collect();
    for (l, e) in last.iter_mut().zip(&elsewhere) {
        *l = match (*l, *e) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
    let window = i64::from(options.knower_active_days) * DAY;
    let now = options.now.as_second();
    let active: Vec<bool> = ids
        .iter()
        .zip(&last)
        .map(|(i, l)| !i.is_bot && l.is_some_and(|t| now - t <= window))
        .collect();
    let inhouse: Vec<bool> = roles.iter().map(|&r| r == Role::Internal).collect();
    let retains: Vec<bool> = roles
        .iter()
        .map(|&r| matches!(r, Role::Internal | Role::Vendor))
        .collect();
    let identity_status: Vec<IdentityStatus> = (0..ids.len())
        .map(|i| IdentityStatus {
            last_commit: last[i].and_then(rfc3339),
            active: active[i],
            inhouse: inhouse[i],
        })
        .collect();

    let events: Vec<_> = source_files.iter().map(|f| history.path_events.get(f)).collect();
    let per_file: Vec<Vec<AuthorDoa>> = events
        .iter()
        .map(|e| e.map_or_else(Vec::new, |e| doa::authors(e, history)))
        .collect();
    let known_by: Vec<Vec<usize>> = per_file
        .iter()
        .map(|a| a.iter().filter(|a| a.knows).map(|a| a.identity).collect())
        .collect();
    let total = source_files.len();

    // Truck factors: over everyone who knows (DOA as it is), and over active in-house people.
    let commits: Vec<usize> = ids.iter().map(|i| i.commits).collect();
    let names: Vec<(String, String)> = ids.iter().map(|i| (i.name.clone(), i.email.clone())).collect();
    let order = truck::removal_order(&known_by, &commits, &names);
    let nobody = vec![false; ids.len()];
    let truck_authors = truck::truck_factor(&known_by, total, &order, &nobody);
    let not_inhouse: Vec<bool> = (0..ids.len()).map(|i| !(active[i] && inhouse[i])).collect();
    let has_inhouse = options.unknown_is_internal || specs.iter().any(|s| s.role == Role::Internal);
    let inhouse_truck_authors = if has_inhouse {
        truck::truck_factor(&known_by, total, &order, &not_inhouse)
    } else {
        Vec::new()
    };

    // Repository figures: knowledge already gone, and what active in-house people know.
    let with_active = |pick: &dyn Fn(usize) -> bool| known_by.iter().filter(|k| k.iter().any(|&a| pick(a))).count();
    let already_orphaned = total - with_active(&|a| active[a]);
    let inhouse_known = with_active(&|a| active[a] && inhouse[a]);

    // Per organisation, in one pass each: members, files known, files lost if it left alone.
    let mut members = vec![(0usize, 0usize, 0usize); orgs.len()];
    for (i, &o) in identity_org.iter().enumerate() {
        members[o].0 += 1;
        members[o].1 += usize::from(active[i]);
        members[o].2 += ids[i].commits;
    }
    let mut known = vec![(0usize, 0usize); orgs.len()];
    let mut seen: Vec<(usize, bool)> = Vec::new();
    for k in &known_by {
        seen.clear();
        seen.extend(k.iter().map(|&a| (identity_org[a], active[a])));
        seen.sort_unstable();
        seen.dedup();
        for (n, &(o, is_active)) in seen.iter().enumerate() {
            if n == 0 || seen[n - 1].0 != o {
                known[o].0 += 1;
            }
            // (o, true) sorts after (o, false): count it once.
            known[o].1 += usize::from(is_active);
        }
    }
    let lost = offboarding::lost_per_organisation(&known_by, &active, &retains, &identity_org, orgs.len());
    let mut organisations: Vec<OrgFigures> = orgs
        .iter()
        .zip(lost)
        .enumerate()
        .map(|(o, ((name, role), lost))| {
            // Nothing lost, no island: skip the directory walk for the many small domains.
            let islands = if lost.is_empty() {
                Vec::new()
            } else {
                let mut flags = vec![false; total];
                for &f in &lost {
                    flags[f] = true;
                }
                offboarding::islands(source_files, &flags)
            };
            OrgFigures {
                name: name.clone(),
                role: *role,
                identities: members[o].0,
                active_identities: members[o].1,
                commits: members[o].2,
                files_known: known[o].0,
                active_files_known: known[o].1,
                orphaned_files_if_leaves: lost.len(),
                orphaned_percent_if_leaves: percent(lost.len(), total),
                islands,
                lost_files: lost.iter().map(|&f| source_files[f].clone()).collect(),
            }
        })
        .collect();

    let headline_of = |organisation: String, lost: usize| Headline {
        organisation,
        orphaned_percent: percent(lost, total),
        orphaned_files: lost,
        already_orphaned_percent: percent(already_orphaned, total),
        inhouse_known_percent: percent(inhouse_known, total),
    };
    let mut vendor_names: Vec<&str> = Vec::new();
    for s in specs.iter().filter(|s| s.role == Role::Vendor) {
        if !vendor_names.contains(&s.name.as_str()) {
            vendor_names.push(&s.name);
        }
    }
    let headlines: Vec<Headline> = vendor_names
        .iter()
        .filter_map(|n| organisations.iter().find(|o| o.name == *n))
        .map(|o| headline_of(o.name.clone(), o.orphaned_files_if_leaves))
        .collect();
    let vendor_mask: Vec<bool> = roles.iter().map(|&r| r == Role::Vendor).collect();
    let (headline, islands) = if vendor_names.is_empty() {
        (None, Vec::new())
    } else {
        let lost = offboarding::lost(&known_by, &active, &vendor_mask, &retains);
        let count = lost.iter().filter(|&&l| l).count();
        (
            Some(headline_of(vendor_names.join(" + "), count)),
            offboarding::islands(source_files, &lost),
        )
    };

    let burndown = trend::Burndown {
        vendors: vendor_names
            .iter()
            .filter_map(|n| {
                org_index
                    .get(*n)
                    .map(|&o| (n.to_string(), identity_org.iter().map(|&x| x == o).collect()))
            })
            .collect(),
        retains: &retains,
        elsewhere: &elsewhere,
        window,
        now,
    };
    let trend = trend::trend(history, &roles, &events, &burndown);

    // Sort organisations and point identities at their new positions.
    let mut order: Vec<usize> = (0..organisations.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&organisations[a], &organisations[b]);
        y.commits.cmp(&x.commits).then(x.name.cmp(&y.name))
    });
    let mut position = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    let mut slots: Vec<Option<OrgFigures>> = organisations.drain(..).map(Some).collect();
    let organisations = order.iter().filter_map(|&o| slots[o].take()).collect();

    KnowledgeFacts {
        truck_factor: truck_authors.len() as u32,
        truck_authors,
        inhouse_truck_factor: has_inhouse.then_some(inhouse_truck_authors.len() as u32),
        inhouse_truck_authors,
        source_files: total,
        unknown_files: known_by.iter().filter(|k| k.is_empty()).count(),
        already_orphaned_files: already_orphaned,
        already_orphaned_percent: percent(already_orphaned, total),
        inhouse_known_files: inhouse_known,
        inhouse_known_percent: percent(inhouse_known, total),
        knowers_active_days: options.knower_active_days,
        unknown_is_internal: options.unknown_is_internal,
        identity_status,
        organisations,
        identity_organisations: identity_org.iter().map(|&o| position[o]).collect(),
        islands,
        headline,
        headlines,
        trend,
        files: source_files.iter().cloned().zip(per_file).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::history::testkit::{Fx, Op, Who};
    use crate::facts::history::{HistoryOptions, gather as history};
    use pretty_assertions::assert_eq;

    const T0: i64 = 1_719_792_000; // 2024-07-01T00:00:00Z
    const DAY: i64 = 86_400;
    const VERA: Who = ("Vera", "vera@acme-outsourcing.com");
    const VIC: Who = ("Vic", "vic@acme-outsourcing.com");
    const IDA: Who = ("Ida", "ida@example.com");
    const IAN: Who = ("Ian", "ian@example.com");

    fn specs() -> Vec<OrgSpec> {
        vec![
            OrgSpec {
                name: "acme-outsourcing.com".into(),
                role: Role::Vendor,
                matchers: vec!["@acme-outsourcing.com".into(), "@acme-team".into()],
            },
            OrgSpec {
                name: "example.com".into(),
                role: Role::Internal,
                matchers: vec!["@example.com".into(), "contractor@gmail.com".into()],
            },
        ]
    }

    /// The report clock of the older tests: everyone in them is still active.
    fn opts() -> KnowledgeOptions {
        KnowledgeOptions::at(jiff::Timestamp::from_second(T0 + 320 * DAY).unwrap())
    }

    fn facts_of(fx: &Fx) -> HistoryFacts {
        history(
            fx.path(),
            &HistoryOptions {
                jobs: 1,
                ..HistoryOptions::default()
            },
        )
        .unwrap()
    }

    fn all_files(h: &HistoryFacts) -> Vec<String> {
        h.path_events.keys().cloned().collect()
    }

    fn by_email(h: &HistoryFacts, email: &str) -> usize {
        h.identities.iter().position(|i| i.email == email).unwrap()
    }

    #[test]
    fn creator_stops_knowing_after_twenty_changes_by_someone_else() {
        let fx = Fx::new();
        fx.commit("main", VERA, T0, &[Op::write("f.rs", "0")]);
        for n in 1..=20 {
            fx.commit("main", IDA, T0 + n, &[Op::write("f.rs", &n.to_string())]);
        }
        let h = facts_of(&fx);
        let k = gather(&h, &all_files(&h), &specs(), &opts());
        let rows: Vec<(usize, bool, u32, u32, String, bool)> = k.files["f.rs"]
            .iter()
            .map(|a| (a.identity, a.fa, a.dl, a.ac, format!("{:.3}", a.doa), a.knows))
            .collect();
        let (ida, vera) = (
            by_email(&h, "ida@example.com"),
            by_email(&h, "vera@acme-outsourcing.com"),
        );
        assert_eq!(
            rows,
            vec![
                (ida, false, 20, 0, "6.573".into(), true),
                (vera, true, 0, 20, "3.414".into(), false),
            ]
        );
    }

    #[test]
    fn exact_doa_with_renames_carrying_history() {
        let fx = Fx::new();
        fx.commit("main", VERA, T0, &[Op::write("a.rs", "x\n")]);
        fx.commit("main", IDA, T0 + 1, &[Op::write("a.rs", "x\ny\n")]);
        fx.commit("main", IDA, T0 + 2, &[Op::rename("a.rs", "b.rs")]);
        fx.commit("main", VERA, T0 + 3, &[Op::write("b.rs", "x\ny\nz\n")]);
        let h = facts_of(&fx);
        let k = gather(&h, &["b.rs".to_string()], &specs(), &opts());
        let got: Vec<(bool, u32, u32, String, bool)> = k.files["b.rs"]
            .iter()
            .map(|a| (a.fa, a.dl, a.ac, format!("{:.6}", a.doa), a.knows))
            .collect();
        // Vera: 3.293 + 1.098 + 0.164 − 0.321·ln 3; Ida: 3.293 + 0.328 − 0.321·ln 2, and
        // 3.3985 ÷ 4.2023 = 0.81 > 0.75: both know it.
        assert_eq!(
            got,
            vec![
                (true, 1, 2, "4.202345".into(), true),
                (false, 2, 1, "3.398500".into(), true),
            ]
        );
    }

    /// Vendor Vera knows core/ (4 files), Vic knows lib/v.rs; Ida and Ian know two files each.
    fn estate() -> (Fx, HistoryFacts) {
        let fx = Fx::new();
        let mut t = T0;
        let mut at = |who: Who, path: &str| {
            t += DAY;
            fx.commit("main", who, t, &[Op::write(path, path)]);
        };
        for f in ["core/a.rs", "core/b.rs", "core/c.rs", "core/d.rs"] {
            at(VERA, f);
        }
        at(VIC, "lib/v.rs");
        for f in ["app/a.rs", "app/b.rs"] {
            at(IDA, f);
        }
        for f in ["web/a.rs", "web/b.rs"] {
            at(IAN, f);
        }
        fx.commit_msg(
            "main",
            VIC,
            T0 + 200 * DAY,
            &[Op::write("lib/v.rs", "2")],
            "paired\n\nCo-authored-by: Ida <ida@example.com>",
        );
        let h = facts_of(&fx);
        (fx, h)
    }

    #[test]
    fn truck_factors_offboarding_islands_and_headline() {
        let (_fx, h) = estate();
        let files = all_files(&h);
        let k = gather(&h, &files, &specs(), &opts());
        assert_eq!(k.source_files, 9);
        // Vera (4) leaves: 5 of 9 known; then Ian (2, tie with Ida on files and commits, Ian
        // first by name): 3 of 9 → stop.
        assert_eq!(k.truck_factor, 2);
        let names: Vec<&str> = k.truck_authors.iter().map(|&i| h.identities[i].name.as_str()).collect();
        assert_eq!(names, vec!["Vera", "Ian"]);
        // Without the vendor: 4 of 9 known, under half already.
        assert_eq!(k.inhouse_truck_factor, Some(0));
        let orgs: Vec<(&str, Role, usize, usize, usize, usize, f64)> = k
            .organisations
            .iter()
            .map(|o| {
                (
                    o.name.as_str(),
                    o.role,
                    o.identities,
                    o.commits,
                    o.files_known,
                    o.orphaned_files_if_leaves,
                    o.orphaned_percent_if_leaves,
                )
            })
            .collect();
        assert_eq!(
            orgs,
            vec![
                ("acme-outsourcing.com", Role::Vendor, 2, 6, 5, 5, 55.6),
                ("example.com", Role::Internal, 2, 4, 4, 4, 44.4),
            ]
        );
        let island = Island {
            path: "core".into(),
            files: 4,
            orphaned_files: 4,
        };
        assert_eq!(k.islands, vec![island.clone()]);
        assert_eq!(k.organisations[0].islands, vec![island]);
        let headline = Headline {
            organisation: "acme-outsourcing.com".into(),
            orphaned_percent: 55.6,
            orphaned_files: 5,
            already_orphaned_percent: 0.0,
            inhouse_known_percent: 44.4,
        };
        assert_eq!(k.headline, Some(headline.clone()));
        assert_eq!(k.headlines, vec![headline]);
        let ida = by_email(&h, "ida@example.com");
        assert_eq!(k.organisations[k.identity_organisations[ida]].name, "example.com");
    }

    #[test]
    fn inhouse_truck_factor_counts_only_non_vendor_people() {
        let (fx, _) = estate();
        // Ida and Ian take over most of core/ and lib/: now in-house people know 7 of 9.
        for (n, f) in ["core/a.rs", "core/b.rs", "lib/v.rs"].iter().enumerate() {
            for m in 0..8 {
                fx.commit(
                    "main",
                    IDA,
                    T0 + 300 * DAY + (n * 10 + m) as i64,
                    &[Op::write(f, &m.to_string())],
                );
            }
        }
        let h = facts_of(&fx);
        let k = gather(&h, &all_files(&h), &specs(), &opts());
        // In-house: Ida knows 5, Ian 2: remove Ida → 2 of 9 → 1.
        assert_eq!(k.inhouse_truck_factor, Some(1));
        let no_internal = &specs()[..1];
        assert_eq!(
            gather(&h, &all_files(&h), no_internal, &opts()).inhouse_truck_factor,
            None
        );
    }

    #[test]
    fn bots_know_nothing() {
        let fx = Fx::new();
        let bot: Who = ("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com");
        fx.commit("main", bot, T0, &[Op::write("deps.rs", "1")]);
        fx.commit("main", bot, T0 + 1, &[Op::write("deps.rs", "2")]);
        fx.commit("main", IDA, T0 + 2, &[Op::write("main.rs", "1")]);
        let h = facts_of(&fx);
        let k = gather(&h, &all_files(&h), &[], &opts());
        assert!(k.files["deps.rs"].is_empty());
        assert_eq!(k.unknown_files, 1);
        let bots = k.organisations.iter().find(|o| o.name == "bots").unwrap();
        assert_eq!((bots.role, bots.commits, bots.files_known), (Role::Bots, 2, 0));
        // Without a vendor there is no headline (issue 13: the report says how to configure one).
        assert_eq!(k.headline, None);
        assert!(k.headlines.is_empty());
        assert!(k.islands.is_empty());
    }

    #[test]
    fn ignored_reformatting_counts_for_no_one() {
        let fx = Fx::new();
        fx.commit("main", IDA, T0, &[Op::write("a.rs", "1")]);
        let fmt = fx.commit("main", VERA, T0 + 1, &[Op::write("a.rs", "1 ")]);
        fx.commit(
            "main",
            IDA,
            T0 + 2,
            &[Op::write(".git-blame-ignore-revs", &format!("{fmt}\n"))],
        );
        let h = facts_of(&fx);
        let k = gather(&h, &["a.rs".to_string()], &specs(), &opts());
        let a = &k.files["a.rs"];
        assert_eq!(a.len(), 1);
        assert_eq!(
            (a[0].identity, a[0].fa, a[0].dl, a[0].ac),
            (by_email(&h, "ida@example.com"), true, 0, 0)
        );
    }

    #[test]
    fn trend_shares_and_pairing_per_quarter() {
        let (_fx, h) = estate();
        let k = gather(&h, &all_files(&h), &specs(), &opts());
        type Row = (String, usize, String, String, String, String, Option<f64>);
        let rows: Vec<Row> = k
            .trend
            .iter()
            .map(|q| {
                (
                    q.quarter.clone(),
                    q.commits,
                    format!("{:.2}", q.vendor_commits_share),
                    format!("{:.2}", q.inhouse_commits_share),
                    format!("{:.2}", q.vendor_known_share),
                    format!("{:.2}", q.inhouse_known_share),
                    q.pairing_rate,
                )
            })
            .collect();
        let s = |x: &str| x.to_string();
        assert_eq!(
            rows,
            vec![
                (s("2024-Q3"), 9, s("0.56"), s("0.44"), s("0.56"), s("0.44"), Some(0.0)),
                (s("2024-Q4"), 0, s("0.00"), s("0.00"), s("0.56"), s("0.44"), None),
                (s("2025-Q1"), 1, s("1.00"), s("0.00"), s("0.56"), s("0.44"), Some(1.0)),
            ]
        );
    }

    const NOW: i64 = 1_782_777_600; // 2026-06-30T00:00:00Z
    const VAL: Who = ("Val", "val@acme-outsourcing.com");
    const INA: Who = ("Ina", "ina@example.com");
    const DON: Who = ("Don", "don@example.com");
    const UMA: Who = ("Uma", "uma@other-agency.org");

    /// Issue 13's repository: vendor Val (last commit 50 days ago), Ina in-house and active
    /// (10 days), Don in-house but gone 3 years, Uma from an unconfigured agency (200 days).
    ///
    /// core/a–c: Val only · core/d: Val, Ina · api/a: Uma, Val · api/b: Uma only ·
    /// legacy/a–b: Don only · legacy/c: Don, Val · app/a–e: Ina only. 14 files.
    fn issue_13() -> (Fx, HistoryFacts) {
        let fx = Fx::new();
        let ago = |days: i64| NOW - days * DAY;
        let create = |who: Who, t: i64, paths: &[&str]| {
            let ops: Vec<Op> = paths.iter().map(|p| Op::write(p, p)).collect();
            fx.commit("main", who, t, &ops);
        };
        let change = |who: Who, t: i64, path: &str| fx.commit("main", who, t, &[Op::write(path, "changed")]);
        create(DON, ago(3 * 365), &["legacy/a.rs", "legacy/b.rs", "legacy/c.rs"]);
        create(UMA, ago(200), &["api/a.rs", "api/b.rs"]);
        create(VAL, ago(60), &["core/a.rs", "core/b.rs", "core/c.rs", "core/d.rs"]);
        change(VAL, ago(51), "api/a.rs");
        change(VAL, ago(50), "legacy/c.rs");
        create(
            INA,
            ago(20),
            &["app/a.rs", "app/b.rs", "app/c.rs", "app/d.rs", "app/e.rs"],
        );
        change(INA, ago(10), "core/d.rs");
        let h = facts_of(&fx);
        (fx, h)
    }

    /// (lost_if_leaves %, already orphaned %, in-house known %, in-house truck factor, lost files).
    type Figures = (f64, f64, f64, Option<u32>, Vec<String>);

    fn figures(k: &KnowledgeFacts) -> Figures {
        let acme = k
            .organisations
            .iter()
            .find(|o| o.name == "acme-outsourcing.com")
            .unwrap();
        assert_eq!(k.headlines[0].orphaned_percent, acme.orphaned_percent_if_leaves);
        (
            acme.orphaned_percent_if_leaves,
            k.already_orphaned_percent,
            k.inhouse_known_percent,
            k.inhouse_truck_factor,
            acme.lost_files.clone(),
        )
    }

    fn strings(paths: &[&str]) -> Vec<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    /// See: issue 13, "Tests with known figures".
    #[test]
    fn issue_13_active_and_retained_figures() {
        let (_fx, h) = issue_13();
        let files = all_files(&h);
        let at = |days: u32, unknown_is_internal: bool| KnowledgeOptions {
            knower_active_days: days,
            unknown_is_internal,
            ..KnowledgeOptions::at(jiff::Timestamp::from_second(NOW).unwrap())
        };
        let k = gather(&h, &files, &specs(), &at(365, false));
        assert_eq!(k.source_files, 14);
        // Val alone on core/a–c; Uma (unknown) retains nothing on api/a; Don is gone, so legacy/c
        // is Val's alone. Don's legacy/a–b are lost already; Ina actively knows core/d and app/.
        assert_eq!(
            figures(&k),
            (
                35.7,
                14.3,
                42.9,
                Some(0),
                strings(&["api/a.rs", "core/a.rs", "core/b.rs", "core/c.rs", "legacy/c.rs"])
            )
        );
        let headline = &k.headlines[0];
        assert_eq!(
            (
                headline.organisation.as_str(),
                headline.orphaned_percent,
                headline.already_orphaned_percent,
                headline.inhouse_known_percent
            ),
            ("acme-outsourcing.com", 35.7, 14.3, 42.9)
        );
        assert_eq!(
            k.islands,
            vec![Island {
                path: "core".into(),
                files: 4,
                orphaned_files: 3
            }]
        );
        let status: Vec<(&str, Option<&str>, bool, bool)> = h
            .identities
            .iter()
            .zip(&k.identity_status)
            .map(|(i, s)| (i.name.as_str(), s.last_commit.as_deref(), s.active, s.inhouse))
            .collect();
        assert_eq!(
            status,
            vec![
                ("Don", Some("2023-07-01T00:00:00Z"), false, true),
                ("Ina", Some("2026-06-20T00:00:00Z"), true, true),
                ("Uma", Some("2025-12-12T00:00:00Z"), true, false),
                ("Val", Some("2026-05-11T00:00:00Z"), true, false),
            ]
        );
        assert_eq!((k.already_orphaned_files, k.inhouse_known_files), (2, 6));
        assert_eq!(k.knowers_active_days, 365);
        // Before issue 13 the figure was 3 of 14 (21.4 %): Uma and Don counted as staying.

        // unknown_role = "internal": Uma keeps api/, and Ina and Uma know 8 of 14 together.
        let k = gather(&h, &files, &specs(), &at(365, true));
        assert_eq!(
            figures(&k),
            (
                28.6,
                14.3,
                57.1,
                Some(1),
                strings(&["core/a.rs", "core/b.rs", "core/c.rs", "legacy/c.rs"])
            )
        );
        assert_eq!(
            k.inhouse_truck_authors,
            vec![by_email(&h, "ina@example.com")],
            "Ina leaves first (6 files), then 2 of 14 are known"
        );

        // 2000 days: Don counts again and keeps legacy/.
        let k = gather(&h, &files, &specs(), &at(2000, false));
        assert_eq!(
            figures(&k),
            (
                28.6,
                0.0,
                64.3,
                Some(1),
                strings(&["api/a.rs", "core/a.rs", "core/b.rs", "core/c.rs"])
            )
        );

        // 40 days: Val's last commit is 50 days old, Uma's 200: the vendor takes nothing with it,
        // everything but Ina's files is lost already.
        let k = gather(&h, &files, &specs(), &at(40, false));
        assert_eq!(figures(&k), (0.0, 57.1, 42.9, Some(0), Vec::new()));
        assert!(k.islands.is_empty());
    }

    /// The transfer burndown: the vendor's lost_if_leaves at each quarter's end, with activity
    /// measured back from then.
    #[test]
    fn issue_13_transfer_burndown() {
        let (_fx, h) = issue_13();
        let k = gather(
            &h,
            &all_files(&h),
            &specs(),
            &KnowledgeOptions::at(jiff::Timestamp::from_second(NOW).unwrap()),
        );
        type Quarter<'a> = (&'a str, usize, Vec<(&'a str, f64)>);
        let burndown: Vec<Quarter> = k
            .trend
            .iter()
            .filter(|q| q.commits > 0 || q.quarter == "2026-Q2")
            .map(|q| {
                let lost = q.lost_if_leaves_percent.iter().map(|(o, p)| (o.as_str(), *p)).collect();
                (q.quarter.as_str(), q.commits, lost)
            })
            .collect();
        let acme = |p: f64| vec![("acme-outsourcing.com", p)];
        assert_eq!(
            burndown,
            vec![
                // Don's legacy/, then Uma's api/: nothing of the vendor's yet.
                ("2023-Q3", 1, acme(0.0)),
                ("2025-Q4", 1, acme(0.0)),
                // Val's core/, api/a and legacy/c, measured at the report clock: the headline.
                ("2026-Q2", 5, acme(35.7)),
            ]
        );
        assert_eq!(k.trend.last().unwrap().quarter, "2026-Q2");

        // Ida takes over core/a in 2025-Q1: the burndown drops from 5 to 4 files of 9.
        let (fx, _) = estate();
        for m in 0..8 {
            fx.commit(
                "main",
                IDA,
                T0 + 250 * DAY + m,
                &[Op::write("core/a.rs", &m.to_string())],
            );
        }
        let h = facts_of(&fx);
        let k = gather(&h, &all_files(&h), &specs(), &opts());
        let burndown: Vec<(&str, f64)> = k
            .trend
            .iter()
            .map(|q| (q.quarter.as_str(), q.lost_if_leaves_percent["acme-outsourcing.com"]))
            .collect();
        assert_eq!(burndown, vec![("2024-Q3", 55.6), ("2024-Q4", 55.6), ("2025-Q1", 44.4)]);
        assert_eq!(k.headline.unwrap().orphaned_percent, 44.4);
    }

    #[test]
    fn organisations_without_config() {
        let id = |name: &str, email: &str, is_bot| Identity {
            name: name.into(),
            email: email.into(),
            is_bot,
            commits: 1,
            co_authored: 0,
            first_commit: None,
            last_commit: None,
        };
        let cases = [
            (id("a", "a@Gmail.com", false), "individuals", Role::Unknown),
            (id("a", "a@yahoo.co.uk", false), "individuals", Role::Unknown),
            (
                id("a", "1+a@users.noreply.github.com", false),
                "individuals",
                Role::Unknown,
            ),
            (id("a", "a@corp.io", false), "corp.io", Role::Unknown),
            (id("a", "", false), "unknown", Role::Unknown),
            (id("x[bot]", "x@corp.io", true), "bots", Role::Bots),
            (id("a", "a@eng.example.com", false), "example.com", Role::Internal),
            (id("a", "contractor@gmail.com", false), "example.com", Role::Internal),
            (id("a", "a@notexample.com", false), "notexample.com", Role::Unknown),
        ];
        for (identity, org, role) in cases {
            assert_eq!(
                organisation_of(&identity, &specs()),
                (org.to_string(), role),
                "{}",
                identity.email
            );
        }
    }
}
