//! Rule kind `rebuild_ready`: an in-house team could build and run the system from the
//! repository alone, without the vendor.
//!
//! Reads `exit.rebuild`. Criteria, each scored 0..1 where it applies: build instructions (a
//! README section, BUILDING, CONTRIBUTING or INSTALL with commands); a lockfile for every
//! package manifest (share locked); a pinned toolchain version (where there is a manifest);
//! base images pinned by tag or digest, not `latest` (share pinned); infrastructure as code
//! (where there is a deployable: a Dockerfile or a service); every environment variable the
//! code reads documented in `.env.example`, Helm values or a document (share documented); a CI
//! pipeline with jobs not on vendor runners. Score: the mean over the criteria that apply; pass
//! at 1, fail at 0, warn between. Evidence per criterion with file and line. Skip without a
//! configured vendor.

use serde::Deserialize;

use super::exit_facts::inventory;
use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;
use crate::facts::exit::ImagePin;

/// Parameters (none yet).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RebuildReady {}

/// How many per-item findings of one criterion are listed (the reason keeps the figures).
const MAX_ITEMS: usize = 20;

impl Rule for RebuildReady {
    fn evaluate(&self, facts: &RepoFacts, _context: &Context) -> Outcome {
        let exit = match inventory(facts) {
            Ok(exit) => exit,
            Err(skip) => return skip,
        };
        let r = &exit.rebuild;
        let mut evidence = Vec::new();
        let mut scores: Vec<(&str, f64)> = Vec::new();

        match r.build_instructions.first() {
            Some(b) => evidence.push(
                Evidence::supporting(
                    Some(&b.path),
                    format!(
                        "build instructions{}",
                        b.heading.as_deref().map_or(String::new(), |h| format!(" in \"{h}\""))
                    ),
                )
                .at_line(Some(b.line)),
            ),
            None => evidence.push(Evidence::against(
                None,
                "no build instructions: no README section, BUILDING, CONTRIBUTING or INSTALL with commands",
            )),
        }
        scores.push((
            "build instructions",
            if r.build_instructions.is_empty() { 0.0 } else { 1.0 },
        ));

        if !r.package_managers.is_empty() {
            let unlocked: Vec<_> = r.package_managers.iter().filter(|p| p.lockfile.is_none()).collect();
            for p in unlocked.iter().take(MAX_ITEMS) {
                evidence.push(Evidence::against(
                    Some(&p.manifest),
                    format!(
                        "{} manifest without a lockfile: dependency versions are not pinned",
                        p.manager
                    ),
                ));
            }
            let total = r.package_managers.len();
            if unlocked.is_empty() {
                evidence.push(Evidence::supporting(
                    None,
                    format!("all {total} package manifest(s) have a lockfile"),
                ));
            }
            scores.push(("lockfiles", (total - unlocked.len()) as f64 / total as f64));
            match r.toolchains.first() {
                Some(t) => evidence.push(
                    Evidence::supporting(Some(&t.path), format!("{} pinned to {}", t.tool, t.version)).at_line(Some(t.line)),
                ),
                None => evidence.push(Evidence::against(
                    None,
                    "no pinned toolchain (rust-toolchain.toml, .tool-versions, .nvmrc, go.mod go line, .python-version)",
                )),
            }
            scores.push(("pinned toolchain", if r.toolchains.is_empty() { 0.0 } else { 1.0 }));
        }

        if !r.base_images.is_empty() {
            let latest: Vec<_> = r.base_images.iter().filter(|b| b.pin == ImagePin::Latest).collect();
            for b in latest.iter().take(MAX_ITEMS) {
                evidence.push(
                    Evidence::against(
                        Some(&b.path),
                        format!("base image {} is not pinned by tag or digest", b.image),
                    )
                    .at_line(Some(b.line)),
                );
            }
            let total = r.base_images.len();
            scores.push(("pinned base images", (total - latest.len()) as f64 / total as f64));
        }

        if !r.base_images.is_empty() || !facts.services.is_empty() {
            match r.iac.first() {
                Some(i) => evidence.push(Evidence::supporting(
                    Some(&i.example),
                    format!("infrastructure as code: {} file(s) of {}", i.files, i.kind),
                )),
                None => evidence.push(Evidence::against(
                    None,
                    "deployables but no infrastructure as code (Terraform, Helm, Kubernetes manifests, compose…)",
                )),
            }
            scores.push(("infrastructure as code", if r.iac.is_empty() { 0.0 } else { 1.0 }));
        }

        if !r.env_vars.is_empty() {
            let undocumented: Vec<_> = r.env_vars.iter().filter(|e| e.documented_in.is_none()).collect();
            for e in undocumented.iter().take(MAX_ITEMS) {
                evidence.push(
                    Evidence::against(
                        Some(&e.read_at.path),
                        format!("reads {}, documented nowhere (.env.example, Helm values, docs)", e.name),
                    )
                    .at_line(Some(e.read_at.line)),
                );
            }
            let total = r.env_vars.len();
            scores.push((
                "documented environment",
                (total - undocumented.len()) as f64 / total as f64,
            ));
        }

        let jobs: usize = r.ci.iter().map(|c| c.jobs).sum();
        let vendor_jobs: usize = r.ci.iter().map(|c| c.vendor_jobs).sum();
        match r.ci.first() {
            None => evidence.push(Evidence::against(
                None,
                "no CI pipeline: builds depend on someone's machine",
            )),
            Some(c) if vendor_jobs >= jobs => evidence.push(Evidence::against(
                Some(&c.path),
                format!("every one of {jobs} CI job(s) runs on the vendor's runners"),
            )),
            Some(c) => evidence.push(Evidence::supporting(
                Some(&c.path),
                format!("{} CI job(s), {vendor_jobs} of them on the vendor's runners", jobs),
            )),
        }
        scores.push((
            "CI not only on vendor runners",
            if r.ci.is_empty() || vendor_jobs >= jobs {
                0.0
            } else {
                1.0
            },
        ));

        let score = scores.iter().map(|(_, s)| s).sum::<f64>() / scores.len() as f64;
        let missing: Vec<&str> = scores.iter().filter(|(_, s)| *s < 1.0).map(|(n, _)| *n).collect();
        let reason = if missing.is_empty() {
            format!("all {} rebuild criteria met", scores.len())
        } else {
            format!(
                "{} of {} rebuild criteria fully met; short: {}",
                scores.len() - missing.len(),
                scores.len(),
                missing.join(", ")
            )
        };
        if missing.is_empty() {
            Outcome::pass(reason, evidence)
        } else if score <= 0.0 {
            Outcome::fail(reason, evidence)
        } else {
            Outcome {
                score,
                ..Outcome::partial(1, 2, reason, evidence)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::checks::exit_facts::testkit::facts;
    use crate::checks::testkit::context;
    use crate::facts::exit::{
        BaseImage, BuildInstructions, CiPipeline, EnvVar, ExitInventory, IacKind, Location, PackageManager,
        RebuildFacts, Toolchain,
    };

    fn ready() -> RebuildFacts {
        RebuildFacts {
            build_instructions: vec![BuildInstructions {
                path: "README.md".into(),
                line: 5,
                heading: Some("Build".into()),
            }],
            package_managers: vec![PackageManager {
                manager: "cargo".into(),
                manifest: "Cargo.toml".into(),
                lockfile: Some("Cargo.lock".into()),
            }],
            toolchains: vec![Toolchain {
                tool: "rust".into(),
                version: "1.91".into(),
                path: "rust-toolchain.toml".into(),
                line: 2,
            }],
            base_images: vec![BaseImage {
                path: "Dockerfile".into(),
                line: 1,
                image: "rust:1.91".into(),
                pin: ImagePin::Tag,
            }],
            iac: vec![IacKind {
                kind: "terraform".into(),
                files: 2,
                example: "infra/main.tf".into(),
            }],
            env_vars: vec![EnvVar {
                name: "PORT".into(),
                read_at: Location::new("src/main.rs", 3),
                documented_in: Some(Location::new(".env.example", 1)),
            }],
            ci: vec![CiPipeline {
                system: "github_actions".into(),
                path: ".github/workflows/ci.yml".into(),
                jobs: 2,
                self_hosted_jobs: 1,
                vendor_jobs: 1,
            }],
        }
    }

    #[test]
    fn all_criteria_pass_and_gaps_score_partially() {
        let exit = ExitInventory {
            rebuild: ready(),
            ..ExitInventory::default()
        };
        let outcome = RebuildReady::default().evaluate(&facts(exit), &context());
        assert_eq!(
            (outcome.status, outcome.reason.as_str()),
            (Status::Pass, "all 7 rebuild criteria met")
        );

        let mut r = ready();
        r.package_managers[0].lockfile = None;
        r.env_vars[0].documented_in = None;
        r.ci[0].vendor_jobs = 2;
        r.base_images[0].pin = ImagePin::Latest;
        let outcome = RebuildReady::default().evaluate(
            &facts(ExitInventory {
                rebuild: r,
                ..ExitInventory::default()
            }),
            &context(),
        );
        assert_eq!(outcome.status, Status::Warn);
        assert!((outcome.score - 3.0 / 7.0).abs() < 1e-9);
        assert_eq!(
            outcome.reason,
            "3 of 7 rebuild criteria fully met; short: lockfiles, pinned base images, documented environment, CI not only on vendor runners"
        );
        let against: Vec<(Option<&str>, Option<usize>)> = outcome
            .evidence
            .iter()
            .filter(|e| e.negative)
            .map(|e| (e.path.as_deref(), e.line))
            .collect();
        assert_eq!(
            against,
            vec![
                (Some("Cargo.toml"), None),
                (Some("Dockerfile"), Some(1)),
                (Some("src/main.rs"), Some(3)),
                (Some(".github/workflows/ci.yml"), None),
            ]
        );
    }

    #[test]
    fn an_empty_repository_fails() {
        let outcome = RebuildReady::default().evaluate(&facts(ExitInventory::default()), &context());
        assert_eq!(
            (outcome.status, outcome.reason.as_str()),
            (
                Status::Fail,
                "0 of 2 rebuild criteria fully met; short: build instructions, CI not only on vendor runners"
            )
        );
    }
}
