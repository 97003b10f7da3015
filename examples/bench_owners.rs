//! Benchmark of ownership resolution: a synthetic 100,000-file tree with a realistic
//! 200-line CODEOWNERS, then the pathological pattern `**/**/**/**/*a*b*c*d*` against deep
//! paths. Run with `cargo run --release --example bench_owners`; it prints timings only.

use std::collections::HashMap;
use std::time::Instant;

use exitready::facts::ownership::{Dialect, OwnershipOptions, gather};

/// 50 services × 4 areas × 25 modules × 20 files = 100,000 files.
fn synthetic_tree() -> Vec<String> {
    let exts = ["rs", "ts", "md", "yml", "json"];
    let mut files = Vec::with_capacity(100_000);
    for svc in 0..50 {
        for area in ["config", "docs", "src", "tests"] {
            for module in 0..25 {
                for file in 0..20 {
                    files.push(format!(
                        "services/svc{svc:02}/{area}/mod{module:02}/file{file:02}.{}",
                        exts[file % exts.len()]
                    ));
                }
            }
        }
    }
    files
}

/// About 200 lines: defaults, per-service teams, per-module people, globs, comments, dead rules.
fn realistic_codeowners() -> String {
    let mut lines = vec![
        "# Default owners".to_string(),
        "* @acme/platform".into(),
        "*.md @acme/docs".into(),
        "*.yml @acme/sre".into(),
        "/.github/ @acme/devops".into(),
    ];
    for svc in 0..50 {
        lines.push(format!(
            "/services/svc{svc:02}/ @acme/team-{svc:02} svc{svc:02}-lead@example.com"
        ));
        lines.push(format!("/services/svc{svc:02}/config/ @acme/sre"));
    }
    lines.push("**/tests/ @acme/qa".into());
    for svc in 0..45 {
        lines.push(format!("/services/svc{svc:02}/src/mod{:02}/ @dev{svc}", svc % 25));
        lines.push(format!(
            "/services/svc{svc:02}/src/mod{:02}/*.rs @rustacean{svc}",
            (svc + 7) % 25
        ));
    }
    lines.push("/legacy/ @acme/ghosts".into());
    lines.push("/services/svc00/docs/mod00/file00.rs".into());
    lines.truncate(200);
    lines.join("\n") + "\n"
}

fn time_gather(tracked: &[String], codeowners: &str, runs: usize, dialect: Dialect) -> (f64, usize) {
    let files: HashMap<String, Vec<u8>> = [("CODEOWNERS".to_string(), codeowners.as_bytes().to_vec())].into();
    let read = |p: &str| files.get(p).cloned();
    let options = OwnershipOptions { dialect: Some(dialect) };
    let mut best = f64::MAX;
    let mut owned = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let facts = gather(tracked, &read, &options);
        best = best.min(start.elapsed().as_secs_f64());
        owned = facts.files.iter().filter(|f| !f.owners.is_empty()).count();
    }
    (best, owned)
}

fn main() {
    let mut tracked = synthetic_tree();
    tracked.push("CODEOWNERS".into());
    tracked.sort();
    let codeowners = realistic_codeowners();
    for dialect in [Dialect::Github, Dialect::Gitlab] {
        let (secs, owned) = time_gather(&tracked, &codeowners, 5, dialect);
        println!(
            "realistic {dialect:?}: {} files, {} CODEOWNERS lines: gather (parse + resolve + dead rules) best of 5 = {:.1} ms, {owned} owned",
            tracked.len(),
            codeowners.lines().count(),
            secs * 1000.0
        );
    }

    let files: HashMap<String, Vec<u8>> = [("CODEOWNERS".to_string(), codeowners.into_bytes())].into();
    let facts = gather(&tracked, &|p: &str| files.get(p).cloned(), &OwnershipOptions::default());
    let start = Instant::now();
    let summary = facts.summary(&tracked);
    println!(
        "summary: {:.1} ms; coverage {}%, specific {}%, dead rules {}",
        start.elapsed().as_secs_f64() * 1000.0,
        summary.coverage_percent,
        summary.specific_coverage_percent,
        summary.dead_rules.len()
    );

    // Pathological: 10,000 paths 40 components deep of 40 `a`s each (no b, c, d: every
    // `*` restarts), against `**/**/**/**/*a*b*c*d*`.
    let comp = "a".repeat(40);
    let mut deep: Vec<String> = (0..10_000)
        .map(|i| format!("{}/f{i}", vec![comp.as_str(); 40].join("/")))
        .collect();
    deep.push("CODEOWNERS".into());
    deep.sort();
    let (secs, owned) = time_gather(&deep, "**/**/**/**/*a*b*c*d* @x\n", 1, Dialect::Github);
    println!(
        "pathological: 10,000 paths × 41 components vs `**/**/**/**/*a*b*c*d*`: {:.1} ms ({:.1} µs/path), {owned} matched",
        secs * 1000.0,
        secs * 1e6 / 10_000.0
    );
}
