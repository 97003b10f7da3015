//! Knowledge figures: who knows the code, and what happens when an organisation leaves
//! (DESIGN §3, §5, §7).
//!
//! Reads [`HistoryFacts`], the caller's list of source files at HEAD (already filtered: no docs,
//! vendored, generated or binary files) and the configured organisations; produces
//! [`KnowledgeFacts`]: degree of authorship per file and author, the truck factor (overall and
//! in-house), per-organisation off-boarding figures with knowledge islands, the headline and the
//! quarterly trend. No I/O and no judgement: thresholds and pass/fail belong to the checks.

pub mod doa;
mod model;
pub mod offboarding;
pub mod trend;
pub mod truck;

use std::collections::HashMap;

use crate::facts::history::{HistoryFacts, Identity};

pub use crate::base::role::Role;
pub use model::{AuthorDoa, Headline, Island, KnowledgeFacts, OrgFigures, OrgSpec, QuarterTrend};

/// Public mail providers: their users are grouped as "individuals", not one organisation.
const PUBLIC_PROVIDERS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.*",
    "hotmail.*",
    "live.*",
    "msn.com",
    "yahoo.*",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.*",
    "pm.me",
    "gmx.*",
    "web.de",
    "mail.ru",
    "yandex.*",
    "qq.com",
    "163.com",
    "126.com",
    "zoho.com",
    "fastmail.*",
    "hey.com",
    "tutanota.com",
    "duck.com",
    "users.noreply.github.com",
    "localhost",
    "*.local",
    "(none)",
];

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
    } else if PUBLIC_PROVIDERS
        .iter()
        .any(|p| crate::facts::history::glob_match(p, domain))
    {
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
pub fn gather(history: &HistoryFacts, source_files: &[String], specs: &[OrgSpec]) -> KnowledgeFacts {
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
    let roles: Vec<Role> = identity_org.iter().map(|&o| orgs[o].1).collect();

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

    let commits: Vec<usize> = ids.iter().map(|i| i.commits).collect();
    let names: Vec<(String, String)> = ids.iter().map(|i| (i.name.clone(), i.email.clone())).collect();
    let order = truck::removal_order(&known_by, &commits, &names);
    let nobody = vec![false; ids.len()];
    let truck_authors = truck::truck_factor(&known_by, total, &order, &nobody);
    let vendor_mask: Vec<bool> = roles.iter().map(|&r| r == Role::Vendor).collect();
    let inhouse_truck_factor = specs
        .iter()
        .any(|s| s.role == Role::Internal)
        .then(|| truck::truck_factor(&known_by, total, &order, &vendor_mask).len() as u32);

    let leave = |mask: &[bool]| {
        let lost = offboarding::orphaned(&known_by, mask);
        let count = lost.iter().filter(|&&l| l).count();
        (count, offboarding::islands(source_files, &lost))
    };
    // One pass over the files: which organisations know each one. A file is orphaned by an
    // organisation leaving when its knowers all belong to it (or it has none).
    let unknown_files = known_by.iter().filter(|k| k.is_empty()).count();
    let mut files_known = vec![0usize; orgs.len()];
    let mut sole = vec![0usize; orgs.len()];
    let mut file_orgs: Vec<usize> = Vec::new();
    for k in &known_by {
        file_orgs.clear();
        file_orgs.extend(k.iter().map(|&a| identity_org[a]));
        file_orgs.sort_unstable();
        file_orgs.dedup();
        for &o in &file_orgs {
            files_known[o] += 1;
        }
        if let [o] = file_orgs[..] {
            sole[o] += 1;
        }
    }
    // Leaving changes nothing for an organisation that is nobody's sole knower: same islands.
    let baseline = offboarding::islands(source_files, &offboarding::orphaned(&known_by, &nobody));
    let mut organisations: Vec<OrgFigures> = orgs
        .iter()
        .enumerate()
        .map(|(o, (name, role))| {
            let mask: Vec<bool> = identity_org.iter().map(|&x| x == o).collect();
            let orphaned = unknown_files + sole[o];
            let islands = if sole[o] == 0 { baseline.clone() } else { leave(&mask).1 };
            OrgFigures {
                name: name.clone(),
                role: *role,
                identities: mask.iter().filter(|&&m| m).count(),
                commits: ids.iter().zip(&mask).filter(|(_, m)| **m).map(|(i, _)| i.commits).sum(),
                files_known: files_known[o],
                orphaned_files_if_leaves: orphaned,
                orphaned_percent_if_leaves: percent(orphaned, total),
                islands,
            }
        })
        .collect();

    let vendors: Vec<&OrgSpec> = specs.iter().filter(|s| s.role == Role::Vendor).collect();
    let (vendor_orphaned, islands) = if vendors.is_empty() {
        (0, Vec::new())
    } else {
        leave(&vendor_mask)
    };
    let all_commits = history.commits.len();
    let headline = if vendors.is_empty() {
        organisations
            .iter()
            .filter(|o| o.role != Role::Bots && o.name != "individuals" && o.name != "unknown")
            .filter(|o| o.commits * 20 >= all_commits && o.commits > 0)
            .max_by(|a, b| a.commits.cmp(&b.commits).then(b.name.cmp(&a.name)))
            .map(|o| Headline {
                organisation: o.name.clone(),
                orphaned_percent: o.orphaned_percent_if_leaves,
            })
    } else {
        let mut names: Vec<&str> = vendors.iter().map(|s| s.name.as_str()).collect();
        names.dedup();
        Some(Headline {
            organisation: names.join(" + "),
            orphaned_percent: percent(vendor_orphaned, total),
        })
    };

    let trend = trend::trend(history, &roles, &events);

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
        inhouse_truck_factor,
        source_files: total,
        unknown_files,
        organisations,
        identity_organisations: identity_org.iter().map(|&o| position[o]).collect(),
        islands,
        headline,
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
        let k = gather(&h, &all_files(&h), &specs());
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
        let k = gather(&h, &["b.rs".to_string()], &specs());
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
        let k = gather(&h, &files, &specs());
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
        assert_eq!(
            k.headline,
            Some(Headline {
                organisation: "acme-outsourcing.com".into(),
                orphaned_percent: 55.6
            })
        );
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
        let k = gather(&h, &all_files(&h), &specs());
        // In-house: Ida knows 5, Ian 2: remove Ida → 2 of 9 → 1.
        assert_eq!(k.inhouse_truck_factor, Some(1));
        let no_internal = &specs()[..1];
        assert_eq!(gather(&h, &all_files(&h), no_internal).inhouse_truck_factor, None);
    }

    #[test]
    fn bots_know_nothing() {
        let fx = Fx::new();
        let bot: Who = ("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com");
        fx.commit("main", bot, T0, &[Op::write("deps.rs", "1")]);
        fx.commit("main", bot, T0 + 1, &[Op::write("deps.rs", "2")]);
        fx.commit("main", IDA, T0 + 2, &[Op::write("main.rs", "1")]);
        let h = facts_of(&fx);
        let k = gather(&h, &all_files(&h), &[]);
        assert!(k.files["deps.rs"].is_empty());
        assert_eq!(k.unknown_files, 1);
        let bots = k.organisations.iter().find(|o| o.name == "bots").unwrap();
        assert_eq!((bots.role, bots.commits, bots.files_known), (Role::Bots, 2, 0));
        // Without config the headline is the largest non-individual domain with ≥ 5 % of commits.
        assert_eq!(
            k.headline,
            Some(Headline {
                organisation: "example.com".into(),
                orphaned_percent: 100.0
            })
        );
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
        let k = gather(&h, &["a.rs".to_string()], &specs());
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
        let k = gather(&h, &all_files(&h), &specs());
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
