//! The knowledge-transfer plan as data (issue 13, DESIGN §3): where a vendor leaving would take
//! the knowledge with it, who has it today, and which in-house people are best placed to take it
//! over.
//!
//! Reads [`KnowledgeFacts`] (each vendor's lost files and islands, DOA per file and author, who
//! is active and in-house), the history (who changed which file when) and the services. Produces one [`PlanArea`] per vendor island and per service whose source
//! files are more than half lost, ordered by files at risk × (1 + commits there within
//! `knower_active_days`): the active vendor people who know the files at risk, up to three
//! successors and the files at risk. Successors are active in-house people ranked by how near
//! their work is (changed files in the area first, then the nearest directories), then by their
//! summed DOA on those files, then by their recent commits there; each comes with a one-line why.
//! Pure: the report and `exitready plan` render it and add the covering documents.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::model::KnowledgeFacts;
use crate::base::dates::DAY;
use crate::base::role::Role;
use crate::facts::history::HistoryFacts;
use crate::facts::services::Service;
use crate::settings::Globs;

/// How many successors each area proposes.
const SUCCESSORS: usize = 3;

/// What an area of the plan is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    /// A knowledge island: a directory whose source files are mostly lost.
    Island,
    /// A service whose source files are mostly lost.
    Service,
}

/// A person named in the plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanPerson {
    /// Index into the history's identities.
    pub identity: usize,
    /// Display name.
    pub name: String,
    /// Canonical email.
    pub email: String,
    /// Last commit, RFC 3339 UTC.
    pub last_commit: Option<String>,
    /// Vendor people: files at risk they know. Successors: files they changed at their nearest
    /// distance from the area (inside it when `distance` is 0).
    pub files: usize,
    /// Successors: 0 when they changed files in the area, else how many directory levels up
    /// from it their nearest work is. 0 for vendor people.
    pub distance: usize,
    /// Successors: summed DOA on those files. 0 for vendor people.
    pub doa: f64,
    /// One line: why this person.
    pub why: String,
}

/// One area of the plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanArea {
    /// Island or service.
    pub kind: AreaKind,
    /// The island's directory or the service's name.
    pub name: String,
    /// The directory distances are measured from: the island's, or the service globs' common
    /// literal prefix (empty for the repository's top).
    pub path: String,
    /// The vendor organisation whose leaving loses it.
    pub organisation: String,
    /// Source files in the area.
    pub source_files: usize,
    /// Source files lost if the vendor leaves, in path order.
    pub files_at_risk: Vec<String>,
    /// Commits changing the area's source files within `knower_active_days` of the clock.
    pub recent_commits: usize,
    /// files at risk × (1 + recent commits): the plan's order.
    pub priority: usize,
    /// Active vendor people who know files at risk, most files first.
    pub vendor_knowers: Vec<PlanPerson>,
    /// Active in-house people best placed to take over, best first (at most three).
    pub successors: Vec<PlanPerson>,
}

/// The area's member test.
enum Members {
    Under(String),
    Globs(Globs),
}

impl Members {
    fn contains(&self, path: &str) -> bool {
        match self {
            Members::Under(dir) => {
                dir.is_empty() || path.strip_prefix(dir.as_str()).is_some_and(|r| r.starts_with('/'))
            }
            Members::Globs(set) => set.is_match(path),
        }
    }
}

/// The directory part of a glob before its first wildcard (`services/pay/**` → `services/pay`).
fn literal_dir(glob: &str) -> Vec<&str> {
    let parts: Vec<&str> = glob.split('/').collect();
    let literal = parts.iter().take_while(|p| !p.contains(['*', '?', '[', '{'])).count();
    // A glob naming one file (`src/main.rs`) lives in its directory.
    parts[..literal.min(parts.len().saturating_sub(1))]
        .iter()
        .copied()
        .filter(|p| !p.is_empty())
        .collect()
}

fn common_prefix<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<&'a str> {
    a.iter().zip(b).take_while(|(x, y)| x == y).map(|(x, _)| *x).collect()
}

/// Levels up from `root` to the nearest common directory with `file`, at least 1, and the
/// directory under that common one where `file` sits (the "nearby" directory named in a why).
fn distance(root: &[&str], file: &str) -> (usize, String) {
    let dir: Vec<&str> = file
        .rsplit_once('/')
        .map_or(Vec::new(), |(d, _)| d.split('/').collect());
    let common = common_prefix(root, &dir).len();
    let near = dir[..(common + 1).min(dir.len())].join("/");
    ((root.len() - common).max(1), near)
}

/// Per candidate, what they did at each distance from an area.
#[derive(Default)]
struct Level {
    files: usize,
    knows: usize,
    doa: f64,
    dirs: BTreeMap<String, f64>,
}

/// The plan for every vendor in `knowledge`, over its islands and the services.
pub fn plan(
    knowledge: &KnowledgeFacts,
    history: &HistoryFacts,
    services: &[Service],
    now: jiff::Timestamp,
) -> Vec<PlanArea> {
    let window = i64::from(knowledge.knowers_active_days) * DAY;
    let now = now.as_second();
    let recent = |c: usize| history.commits.get(c).is_some_and(|c| now - c.time <= window);
    let status = &knowledge.identity_status;
    let candidates: Vec<bool> = status.iter().map(|s| s.active && s.inhouse).collect();
    let mut areas = Vec::new();
    for (o, org) in knowledge.organisations.iter().enumerate() {
        if org.role != Role::Vendor || org.lost_files.is_empty() {
            continue;
        }
        let lost: HashSet<&str> = org.lost_files.iter().map(String::as_str).collect();
        let mut defined: Vec<(AreaKind, String, Vec<String>, Members)> = org
            .islands
            .iter()
            .map(|i| {
                let root = i.path.split('/').map(str::to_string).collect();
                (AreaKind::Island, i.path.clone(), root, Members::Under(i.path.clone()))
            })
            .collect();
        for service in services {
            let root = service
                .paths
                .iter()
                .map(|g| literal_dir(g))
                .reduce(|a, b| common_prefix(&a, &b))
                .unwrap_or_default();
            let root = root.iter().map(|s| s.to_string()).collect();
            defined.push((
                AreaKind::Service,
                service.name.clone(),
                root,
                Members::Globs(service.matcher.clone()),
            ));
        }
        for (kind, name, root, members) in defined {
            let files: Vec<&String> = knowledge.files.keys().filter(|f| members.contains(f)).collect();
            let at_risk: Vec<String> = files
                .iter()
                .filter(|f| lost.contains(f.as_str()))
                .map(|f| f.to_string())
                .collect();
            if at_risk.is_empty() || at_risk.len() * 2 <= files.len() {
                continue;
            }
            let root: Vec<&str> = root.iter().map(String::as_str).collect();
            areas.push(area(
                knowledge,
                history,
                &recent,
                &candidates,
                o,
                kind,
                name,
                &root,
                &files,
                at_risk,
            ));
        }
    }
    areas.sort_by(|a, b| {
        b.priority
            .cmp(&a.priority)
            .then(b.files_at_risk.len().cmp(&a.files_at_risk.len()))
            .then(a.kind.cmp(&b.kind))
            .then(a.name.cmp(&b.name))
    });
    areas
}

/// One area: its vendor knowers and successors.
#[allow(clippy::too_many_arguments)]
fn area(
    knowledge: &KnowledgeFacts,
    history: &HistoryFacts,
    recent: &dyn Fn(usize) -> bool,
    candidates: &[bool],
    org: usize,
    kind: AreaKind,
    name: String,
    root: &[&str],
    files: &[&String],
    at_risk: Vec<String>,
) -> PlanArea {
    let days = knowledge.knowers_active_days;
    let person = |i: usize, files: usize, distance: usize, doa: f64, why: String| {
        let identity = history.identities.get(i);
        PlanPerson {
            identity: i,
            name: identity.map_or_else(String::new, |p| p.name.clone()),
            email: identity.map_or_else(String::new, |p| p.email.clone()),
            last_commit: knowledge.identity_status.get(i).and_then(|s| s.last_commit.clone()),
            files,
            distance,
            doa,
            why,
        }
    };
    let in_area: BTreeSet<&str> = files.iter().map(|f| f.as_str()).collect();

    // Recent commits in the area, overall and per person.
    let mut commits: BTreeSet<usize> = BTreeSet::new();
    let mut recent_by: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for f in files {
        for &c in history.path_commits.get(f.as_str()).into_iter().flatten() {
            if recent(c) {
                commits.insert(c);
                if let Some(record) = history.commits.get(c) {
                    recent_by.entry(record.author).or_default().insert(c);
                }
            }
        }
    }

    // Vendor people who know what is at risk.
    let mut known: BTreeMap<usize, usize> = BTreeMap::new();
    for f in &at_risk {
        for a in knowledge.files.get(f).into_iter().flatten().filter(|a| a.knows) {
            let active = knowledge.identity_status.get(a.identity).is_some_and(|s| s.active);
            if active && knowledge.identity_organisations.get(a.identity) == Some(&org) {
                *known.entry(a.identity).or_default() += 1;
            }
        }
    }
    let mut vendor_knowers: Vec<PlanPerson> = known
        .into_iter()
        .map(|(i, n)| {
            let last = knowledge.identity_status[i].last_commit.as_deref().unwrap_or("?");
            let why = format!(
                "knows {n} of the {} files at risk; last commit {}",
                at_risk.len(),
                &last[..last.len().min(10)]
            );
            person(i, n, 0, 0.0, why)
        })
        .collect();
    vendor_knowers.sort_by(|a, b| b.files.cmp(&a.files).then(a.name.cmp(&b.name)));

    // In-house people: what they did at each distance from the area.
    let mut levels: BTreeMap<usize, BTreeMap<usize, Level>> = BTreeMap::new();
    for (path, authors) in &knowledge.files {
        let (d, near) = if in_area.contains(path.as_str()) {
            (0, String::new())
        } else {
            distance(root, path)
        };
        for a in authors.iter().filter(|a| candidates.get(a.identity) == Some(&true)) {
            let level = levels.entry(a.identity).or_default().entry(d).or_default();
            level.files += 1;
            level.knows += usize::from(a.knows);
            level.doa += a.doa;
            *level.dirs.entry(near.clone()).or_default() += a.doa;
        }
    }
    let mut ranked: Vec<(usize, usize, &Level, usize)> = levels
        .iter()
        .filter_map(|(&i, by_distance)| {
            let (&d, level) = by_distance.iter().next()?;
            Some((i, d, level, recent_by.get(&i).map_or(0, BTreeSet::len)))
        })
        .collect();
    ranked.sort_by(|a, b| {
        a.1.cmp(&b.1)
            .then(b.2.doa.total_cmp(&a.2.doa))
            .then(b.3.cmp(&a.3))
            .then(history.identities[a.0].name.cmp(&history.identities[b.0].name))
    });
    let successors = ranked
        .into_iter()
        .take(SUCCESSORS)
        .map(|(i, d, level, recent)| {
            let why = if d == 0 {
                format!(
                    "changed {} of the {} source files here (knows {}); {recent} commit{} here in the last {days} days",
                    level.files,
                    files.len(),
                    level.knows,
                    if recent == 1 { "" } else { "s" }
                )
            } else {
                let dir = level
                    .dirs
                    .iter()
                    .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
                    .map_or("", |(d, _)| d.as_str());
                format!(
                    "no change here; nearest work: {} file{} in {} (knows {})",
                    level.files,
                    if level.files == 1 { "" } else { "s" },
                    if dir.is_empty() { "the top directory" } else { dir },
                    level.knows
                )
            };
            person(i, level.files, d, level.doa, why)
        })
        .collect();

    let recent_commits = commits.len();
    PlanArea {
        kind,
        path: root.join("/"),
        name,
        organisation: knowledge.organisations[org].name.clone(),
        source_files: files.len(),
        priority: at_risk.len() * (1 + recent_commits),
        files_at_risk: at_risk,
        recent_commits,
        vendor_knowers,
        successors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::history::testkit::{Fx, Op, Who};
    use crate::facts::history::{HistoryOptions, gather as history};
    use crate::facts::knowledge::{KnowledgeOptions, OrgSpec, gather};
    use pretty_assertions::assert_eq;

    const NOW: i64 = 1_782_777_600; // 2026-06-30T00:00:00Z
    const VAL: Who = ("Val", "val@acme-outsourcing.com");
    const INA: Who = ("Ina", "ina@example.com");
    const JO: Who = ("Jo", "jo@example.com");
    const DON: Who = ("Don", "don@example.com");

    fn specs() -> Vec<OrgSpec> {
        vec![
            OrgSpec {
                name: "acme-outsourcing.com".into(),
                role: Role::Vendor,
                matchers: vec!["@acme-outsourcing.com".into()],
            },
            OrgSpec {
                name: "example.com".into(),
                role: Role::Internal,
                matchers: vec!["@example.com".into()],
            },
        ]
    }

    /// Val (vendor) wrote core/, web/ and services/pay/; Ina changed core/d and wrote app/ and
    /// services/shared/; Jo changed web/d; Don, gone 3 years, created services/pay/a.
    fn estate() -> (Fx, HistoryFacts) {
        let fx = Fx::new();
        let ago = |days: i64| NOW - days * DAY;
        let write = |who: Who, t: i64, paths: &[&str]| {
            let ops: Vec<Op> = paths.iter().map(|p| Op::write(p, &format!("{p} {t}"))).collect();
            fx.commit("main", who, t, &ops);
        };
        write(DON, ago(3 * 365), &["services/pay/a.rs"]);
        write(VAL, ago(90), &["core/a.rs", "core/b.rs", "core/c.rs", "core/d.rs"]);
        write(VAL, ago(80), &["web/a.rs", "web/b.rs", "web/c.rs", "web/d.rs"]);
        write(VAL, ago(70), &["services/pay/b.rs", "services/pay/c.rs"]);
        write(VAL, ago(60), &["services/pay/a.rs"]);
        write(VAL, ago(59), &["services/pay/a.rs"]);
        write(
            INA,
            ago(30),
            &["app/a.rs", "app/b.rs", "app/c.rs", "services/shared/x.rs"],
        );
        write(INA, ago(20), &["core/d.rs"]);
        write(JO, ago(10), &["web/d.rs"]);
        let h = history(
            fx.path(),
            &HistoryOptions {
                jobs: 1,
                ..HistoryOptions::default()
            },
        )
        .unwrap();
        (fx, h)
    }

    type Row = (AreaKind, String, usize, usize, usize, Vec<String>, Vec<(String, usize)>);

    /// See: issue 13, "`plan` on that repository names the right successor for each island".
    #[test]
    fn successors_are_the_nearest_active_inhouse_people() {
        let (_fx, h) = estate();
        let now = jiff::Timestamp::from_second(NOW).unwrap();
        let files: Vec<String> = h.path_events.keys().cloned().collect();
        let k = gather(&h, &files, &specs(), &KnowledgeOptions::at(now));
        let services = vec![Service {
            name: "payments".to_string(),
            path: "services/pay".to_string(),
            paths: vec!["services/pay/**".to_string()],
            matcher: Globs::new(&["services/pay/**"]).unwrap(),
            found_by: "config".to_string(),
            runbook: None,
            runbook_reason: None,
        }];
        let areas = plan(&k, &h, &services, now);
        let rows: Vec<Row> = areas
            .iter()
            .map(|a| {
                (
                    a.kind,
                    a.name.clone(),
                    a.files_at_risk.len(),
                    a.recent_commits,
                    a.priority,
                    a.vendor_knowers.iter().map(|p| p.name.clone()).collect(),
                    a.successors.iter().map(|p| (p.name.clone(), p.distance)).collect(),
                )
            })
            .collect();
        let s = |x: &str| x.to_string();
        assert_eq!(
            rows,
            vec![
                // services/: pay/ is lost (Don is gone), Ina wrote services/shared.
                (
                    AreaKind::Island,
                    s("services"),
                    3,
                    4,
                    15,
                    vec![s("Val")],
                    vec![(s("Ina"), 0), (s("Jo"), 1)]
                ),
                // The payments service: nobody in-house touched it; Ina's shared/ is next door.
                (
                    AreaKind::Service,
                    s("payments"),
                    3,
                    3,
                    12,
                    vec![s("Val")],
                    vec![(s("Ina"), 1), (s("Jo"), 2)]
                ),
                (
                    AreaKind::Island,
                    s("core"),
                    3,
                    2,
                    9,
                    vec![s("Val")],
                    vec![(s("Ina"), 0), (s("Jo"), 1)]
                ),
                (
                    AreaKind::Island,
                    s("web"),
                    3,
                    2,
                    9,
                    vec![s("Val")],
                    vec![(s("Jo"), 0), (s("Ina"), 1)]
                ),
            ]
        );
        assert_eq!(areas[1].path, "services/pay");
        assert_eq!(
            areas[1].files_at_risk,
            vec![s("services/pay/a.rs"), s("services/pay/b.rs"), s("services/pay/c.rs")]
        );
        let whys: Vec<&str> = [
            &areas[1].successors[0],
            &areas[3].successors[0],
            &areas[3].vendor_knowers[0],
        ]
        .iter()
        .map(|p| p.why.as_str())
        .collect();
        assert_eq!(
            whys,
            vec![
                "no change here; nearest work: 1 file in services/shared (knows 1)",
                "changed 1 of the 4 source files here (knows 1); 1 commit here in the last 365 days",
                "knows 3 of the 3 files at risk; last commit 2026-05-02",
            ]
        );
    }

    #[test]
    fn distances_and_literal_prefixes() {
        assert_eq!(literal_dir("services/pay/**"), vec!["services", "pay"]);
        assert_eq!(literal_dir("src/main.rs"), vec!["src"]);
        assert!(literal_dir("**/*.rs").is_empty());
        let root = ["services", "pay"];
        assert_eq!(distance(&root, "services/shared/x.rs"), (1, s("services/shared")));
        assert_eq!(distance(&root, "services/pay/old/y.rs"), (1, s("services/pay/old")));
        assert_eq!(distance(&root, "app/a.rs"), (2, s("app")));
        assert_eq!(distance(&root, "build.rs"), (2, s("")));
        assert_eq!(distance(&[], "app/a.rs"), (1, s("app")));
    }

    fn s(x: &str) -> String {
        x.to_string()
    }
}
