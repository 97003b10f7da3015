//! Runs the knowledge facts over a real repository, for hand checks (issue 13):
//! `cargo run --release --example knowledge_repo -- REPO CONFIG NOW [LOST_FILES_TO_LIST]`.
//! Prints each vendor's headline sentence, the repository figures, the in-house truck factor,
//! the islands, the knowledge-transfer plan (areas and successors) and the first lost files
//! with each knower's last commit and whether they are active.

use std::path::PathBuf;

use exitready::facts::knowledge::{headline_sentence, plan};
use exitready::facts::{GatherOptions, gather};
use exitready::settings::Settings;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: knowledge_repo REPO CONFIG NOW [LOST_FILES_TO_LIST]";
    let repo = PathBuf::from(args.get(1).expect(usage));
    let settings = Settings::load(&PathBuf::from(args.get(2).expect(usage))).expect("config");
    let now = exitready::base::dates::parse_date(args.get(3).expect(usage)).expect("NOW: YYYY-MM-DD");
    let list: usize = args.get(4).and_then(|n| n.parse().ok()).unwrap_or(10);
    let root = exitready::discover::discover(&[repo]).expect("root").remove(0);
    let options = GatherOptions {
        settings,
        now,
        ..GatherOptions::default()
    };
    let facts = gather(&root, &options).expect("gather");
    let (Some(h), Some(k)) = (&facts.history, &facts.knowledge) else {
        panic!("no history read");
    };
    println!(
        "{} source files, {} commits; active = last commit within {} days of {now}",
        k.source_files,
        h.commits.len(),
        k.knowers_active_days
    );
    for headline in &k.headlines {
        println!("{}", headline_sentence(headline));
    }
    println!(
        "already orphaned {} ({:.1} %), in-house known {} ({:.1} %), unknown (no knower at all) {}",
        k.already_orphaned_files,
        k.already_orphaned_percent,
        k.inhouse_known_files,
        k.inhouse_known_percent,
        k.unknown_files
    );
    let who = |i: usize| format!("{} <{}>", h.identities[i].name, h.identities[i].email);
    println!(
        "truck factor {}; in-house truck factor {:?}: {:?}",
        k.truck_factor,
        k.inhouse_truck_factor,
        k.inhouse_truck_authors.iter().map(|&i| who(i)).collect::<Vec<_>>()
    );
    for o in k
        .organisations
        .iter()
        .filter(|o| o.commits * 20 >= h.commits.len() || o.role.as_str() != "unknown")
    {
        println!(
            "  {:<28} {:<8} {:>5} commits {:>3}/{:<3} active  knows {:>4} (active {:>4})  lost if leaves {:>4} ({:.1} %)",
            o.name,
            o.role.as_str(),
            o.commits,
            o.active_identities,
            o.identities,
            o.files_known,
            o.active_files_known,
            o.orphaned_files_if_leaves,
            o.orphaned_percent_if_leaves
        );
    }
    println!(
        "islands (every vendor leaving): {:?}",
        k.islands.iter().take(8).collect::<Vec<_>>()
    );
    let services: Vec<(String, Vec<String>)> = facts
        .services
        .iter()
        .map(|s| (s.name.clone(), s.paths.clone()))
        .collect();
    for area in plan(k, h, &services, now).iter().take(8) {
        println!(
            "plan: {:?} {} ({} of {} files at risk, {} recent commits): vendor {:?}; successors {:?}",
            area.kind,
            area.name,
            area.files_at_risk.len(),
            area.source_files,
            area.recent_commits,
            area.vendor_knowers.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            area.successors
                .iter()
                .map(|p| format!("{}: {}", p.name, p.why))
                .collect::<Vec<_>>()
        );
    }
    for o in k.organisations.iter().filter(|o| o.role.as_str() == "vendor") {
        let step = (o.lost_files.len() / list.max(1)).max(1);
        println!("{}: {} lost files, every {step}th:", o.name, o.lost_files.len());
        for f in o.lost_files.iter().step_by(step).take(list) {
            let knowers: Vec<String> = k.files[f]
                .iter()
                .filter(|a| a.knows)
                .map(|a| {
                    let s = &k.identity_status[a.identity];
                    format!(
                        "{} [{}] last {} {}",
                        who(a.identity),
                        k.organisations[k.identity_organisations[a.identity]].name,
                        s.last_commit.as_deref().map_or("?", |t| &t[..10]),
                        if s.active { "active" } else { "inactive" }
                    )
                })
                .collect();
            println!("  {f}: {}", knowers.join("; "));
        }
    }
}
