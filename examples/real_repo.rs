//! Runs the ownership facts over a real repository's HEAD, for hand checks:
//! `cargo run --release --example real_repo -- /path/to/bare.git [github|gitlab]`.
//! Lists tracked files with `git ls-tree`, reads ownership files with `git show`, and prints
//! sources, coverage, specific coverage, dead rules, errors and the gather time.

use std::process::Command;
use std::time::Instant;

use exitready::facts::ownership::{Dialect, OwnershipOptions, gather};

fn git(git_dir: &str, args: &[&str]) -> Option<Vec<u8>> {
    let out = Command::new("git")
        .arg("--git-dir")
        .arg(git_dir)
        .args(args)
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let git_dir = args.get(1).expect("usage: real_repo GIT_DIR [github|gitlab]").clone();
    let dialect = match args.get(2).map(String::as_str) {
        Some("github") => Some(Dialect::Github),
        Some("gitlab") => Some(Dialect::Gitlab),
        _ => None,
    };
    let listing = git(&git_dir, &["ls-tree", "-r", "--name-only", "HEAD"]).expect("git ls-tree failed");
    let mut tracked: Vec<String> = String::from_utf8_lossy(&listing).lines().map(str::to_string).collect();
    tracked.sort();
    let read = |p: &str| git(&git_dir, &["show", &format!("HEAD:{p}")]);
    let start = Instant::now();
    let facts = gather(&tracked, &read, &OwnershipOptions { dialect });
    let elapsed = start.elapsed();
    let s = facts.summary(&tracked);
    println!(
        "files: {}  gather: {:.1} ms (git show included)",
        tracked.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    for src in &facts.sources {
        println!(
            "source: {} {:?} {:?} active={} rules={} sections={} people={}",
            src.path,
            src.kind,
            src.dialect,
            src.active,
            src.rules.len(),
            src.sections.len(),
            src.people.len()
        );
    }
    let catch_all: Vec<String> = facts
        .sources
        .iter()
        .flat_map(|s| {
            s.rules
                .iter()
                .filter(|r| r.catch_all)
                .map(move |r| format!("{}:{} {}", s.path, r.line, r.pattern))
        })
        .collect();
    println!("catch-all rules: {catch_all:?}");
    println!(
        "coverage {}%  specific {}%  unowned {}  explicitly unowned {}",
        s.coverage_percent, s.specific_coverage_percent, s.unowned_files, s.explicitly_unowned_files
    );
    println!(
        "unowned paths ({} in all): {:?}",
        s.unowned_paths_total,
        s.unowned_paths.iter().take(15).collect::<Vec<_>>()
    );
    println!("dead rules: {}", s.dead_rules.len());
    for d in &s.dead_rules {
        println!("  {}:{} {}", d.file, d.line, d.pattern);
    }
    println!("errors: {}", s.errors.len());
    for e in s.errors.iter().take(20) {
        println!("  {}:{}:{:?} {}", e.path, e.line, e.column, e.message);
    }
    println!(
        "maintainers: {:?}",
        facts.maintainers.iter().take(10).collect::<Vec<_>>()
    );
    println!("distinct owners: {}", facts.all_owners().len());
    for probe in args.iter().skip(3) {
        println!("{probe}: {:?}", facts.owners_of(&tracked, probe));
    }
}
