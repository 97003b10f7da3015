//! Rule kind `runbook_updated_with_code`: a service whose code changed in the range has its
//! runbook changed in the same range (the CI gate's rule, issue 6).
//!
//! Reads `changes` (the changed range, filled by `exitready gate` only), `services` and the
//! config's `[gate]` (exempt services; `docs` and `tests` globs, which replace the checklist's
//! `docs`/`tests` parameters). Changed files matching the docs or tests globs, and runbooks
//! themselves, are not code; files outside every service are ignored; a file in nested services
//! counts for the innermost. Statuses: skip without a changed range; pass when no service code
//! changed, when every changed service updated its runbook or is exempt, or when a commit of the
//! range carries `Runbook-Not-Needed: <reason>` (the reason is the check's reason); otherwise the
//! share of changed services that passed (one finding per changed service, located at its first
//! changed file so that CI annotations land in the diff). The built-in item is `required`, so any
//! failing service fails the check.

use serde::Deserialize;

use super::rule::{Context, Evidence, Outcome, Rule};
use crate::facts::RepoFacts;
use crate::facts::services::Service;
use crate::settings::Globs;

/// How many changed files a finding names before "+N more".
const SHOWN_FILES: usize = 3;

/// Parameters: the default docs and tests globs (config `[gate] docs`/`tests` replace them).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunbookUpdatedWithCode {
    /// Globs of documentation changes that need no runbook update.
    #[serde(default)]
    pub docs: Globs,
    /// Globs of test changes that need no runbook update.
    #[serde(default)]
    pub tests: Globs,
}

/// One service with code changes in the range.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedService<'a> {
    /// The service.
    pub service: &'a Service,
    /// Its changed code files, in path order.
    pub code: Vec<&'a str>,
}

impl RunbookUpdatedWithCode {
    /// The services whose code (not docs, tests or runbooks) changed, by service name.
    pub fn changed_services<'a>(&self, facts: &'a RepoFacts, context: &Context) -> Vec<ChangedService<'a>> {
        let Some(range) = &facts.changes else {
            return Vec::new();
        };
        let docs = context.gate.docs.as_ref().unwrap_or(&self.docs);
        let tests = context.gate.tests.as_ref().unwrap_or(&self.tests);
        let runbooks: Vec<&str> = facts.services.iter().filter_map(|s| s.runbook.as_deref()).collect();
        let mut changed: Vec<ChangedService> = Vec::new();
        for path in &range.files {
            if docs.is_match(path) || tests.is_match(path) || runbooks.contains(&path.as_str()) {
                continue;
            }
            let owners: Vec<&Service> = facts.services.iter().filter(|s| s.contains(path)).collect();
            let Some(depth) = owners.iter().map(|s| depth_of(s)).max() else {
                continue;
            };
            for service in owners.into_iter().filter(|s| depth_of(s) == depth) {
                match changed.iter_mut().find(|c| std::ptr::eq(c.service, service)) {
                    Some(entry) => entry.code.push(path),
                    None => changed.push(ChangedService {
                        service,
                        code: vec![path],
                    }),
                }
            }
        }
        changed.sort_by(|a, b| {
            a.service
                .name
                .cmp(&b.service.name)
                .then(a.service.path.cmp(&b.service.path))
        });
        changed
    }
}

fn depth_of(service: &Service) -> usize {
    if service.path == "." {
        0
    } else {
        service.path.matches('/').count() + 1
    }
}

/// `a, b, c (+2 more)`.
pub fn first_files(files: &[&str]) -> String {
    let shown = files.iter().take(SHOWN_FILES).copied().collect::<Vec<_>>().join(", ");
    if files.len() > SHOWN_FILES {
        format!("{shown} (+{} more)", files.len() - SHOWN_FILES)
    } else {
        shown
    }
}

impl Rule for RunbookUpdatedWithCode {
    fn evaluate(&self, facts: &RepoFacts, context: &Context) -> Outcome {
        let Some(range) = &facts.changes else {
            return Outcome::skip(
                "no changed range: only `exitready gate --changed-since REF` knows what a branch changed",
            );
        };
        let changed = self.changed_services(facts, context);
        if changed.is_empty() {
            return Outcome::pass(
                format!(
                    "no service code changed ({} file(s) changed since {}, none of them service code)",
                    range.files.len(),
                    range.since
                ),
                Vec::new(),
            );
        }
        if let Some((commit, reason)) = range.exemption() {
            let evidence = changed
                .iter()
                .map(|c| {
                    Evidence::supporting(
                        c.code.first().copied(),
                        format!(
                            "{}: {} changed; exempt by commit {}",
                            c.service.name,
                            first_files(&c.code),
                            short(&commit.id)
                        ),
                    )
                })
                .collect();
            return Outcome::pass(
                format!(
                    "runbook updates not needed: commit {} says \"{reason}\"",
                    short(&commit.id)
                ),
                evidence,
            );
        }
        let exempt = &context.gate.exempt;
        let mut passed = 0;
        let mut evidence = Vec::new();
        for c in &changed {
            let service = c.service;
            let files = first_files(&c.code);
            let at = c.code.first().copied();
            if exempt.contains(&service.name) {
                passed += 1;
                evidence.push(Evidence::supporting(
                    at,
                    format!("{}: {files} changed; exempt in [gate] exempt", service.name),
                ));
                continue;
            }
            match &service.runbook {
                Some(runbook) if range.files.contains(runbook) => {
                    passed += 1;
                    evidence.push(Evidence::supporting(
                        at,
                        format!("{}: {files} changed with its runbook {runbook}", service.name),
                    ));
                }
                Some(runbook) => evidence.push(Evidence::against(
                    at,
                    format!("{}: {files} changed without its runbook {runbook}", service.name),
                )),
                None => {
                    let expected = if service.path == "." {
                        "RUNBOOK.md".to_string()
                    } else {
                        format!("{}/RUNBOOK.md", service.path)
                    };
                    evidence.push(Evidence::against(
                        at,
                        format!(
                            "{}: {files} changed and the service has no runbook: add one at {expected} or declare [[services]] runbook",
                            service.name
                        ),
                    ));
                }
            }
        }
        let total = changed.len();
        Outcome::partial(
            passed,
            total,
            format!(
                "{passed} of {total} changed service(s) updated their runbook (since {})",
                range.since
            ),
            evidence,
        )
    }
}

fn short(id: &str) -> &str {
    id.get(..7).unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::discover::{Root, RootKind};
    use crate::facts::changes::{ChangedRange, RangeCommit};
    use crate::settings::{GateSettings, Settings};

    fn service(name: &str, path: &str, runbook: Option<&str>) -> Service {
        Service {
            name: name.into(),
            path: path.into(),
            paths: vec![if path == "." { "**".into() } else { format!("{path}/**") }],
            matcher: crate::settings::Globs::new(&[if path == "." {
                "**".to_string()
            } else {
                format!("{path}/**")
            }])
            .unwrap(),
            found_by: "Dockerfile".into(),
            runbook: runbook.map(str::to_string),
            runbook_reason: None,
        }
    }

    fn facts(files: &[&str], trailer: Option<&str>) -> RepoFacts {
        RepoFacts {
            services: vec![
                service("pay", "svc/pay", Some("docs/runbooks/pay.md")),
                service("shop", "svc/shop", None),
                service("r", ".", Some("RUNBOOK.md")),
            ],
            changes: Some(ChangedRange {
                since: "main".into(),
                base: "b".repeat(40),
                head: "h".repeat(40),
                files: files.iter().map(|f| f.to_string()).collect(),
                commits: vec![RangeCommit {
                    id: "c".repeat(40),
                    summary: "s".into(),
                    runbook_not_needed: trailer.map(str::to_string),
                }],
                worktree: false,
            }),
            ..RepoFacts::empty(Root {
                path: "/r".into(),
                name: "r".into(),
                kind: RootKind::WorkTree,
            })
        }
    }

    fn rule() -> RunbookUpdatedWithCode {
        RunbookUpdatedWithCode {
            docs: Globs::new(&["**/*.md"]).unwrap(),
            tests: Globs::new(&["**/tests/**"]).unwrap(),
        }
    }

    fn run(files: &[&str], trailer: Option<&str>, gate: GateSettings) -> Outcome {
        let settings = Settings {
            gate,
            ..Settings::default()
        };
        rule().evaluate(&facts(files, trailer), &crate::checks::testkit::context_with(&settings))
    }

    #[test]
    fn innermost_service_and_runbook_paths() {
        let out = run(
            &[
                "svc/pay/a.py",
                "svc/pay/b.py",
                "svc/pay/c.py",
                "svc/pay/d.py",
                "svc/pay/tests/t.py",
            ],
            None,
            GateSettings::default(),
        );
        assert_eq!(out.status, Status::Fail);
        assert_eq!(
            out.evidence[0].message,
            "pay: svc/pay/a.py, svc/pay/b.py, svc/pay/c.py (+1 more) changed without its runbook docs/runbooks/pay.md"
        );
        assert_eq!(out.evidence[0].path.as_deref(), Some("svc/pay/a.py"));
        let out = run(
            &["svc/pay/a.py", "docs/runbooks/pay.md", "svc/shop/x.go"],
            None,
            GateSettings::default(),
        );
        assert_eq!((out.status, out.score), (Status::Warn, 0.5));
        assert!(
            out.evidence[1]
                .message
                .ends_with("no runbook: add one at svc/shop/RUNBOOK.md or declare [[services]] runbook")
        );
        let out = run(&["main.go"], None, GateSettings::default());
        assert!(
            out.evidence[0]
                .message
                .starts_with("r: main.go changed without its runbook RUNBOOK.md")
        );
    }

    #[test]
    fn docs_tests_trailer_and_exemption_pass() {
        assert_eq!(
            run(
                &["svc/pay/README.md", "svc/pay/tests/x.py"],
                None,
                GateSettings::default()
            )
            .status,
            Status::Pass
        );
        let out = run(&["svc/pay/a.py"], Some("config only"), GateSettings::default());
        assert_eq!(out.status, Status::Pass);
        assert_eq!(
            out.reason,
            "runbook updates not needed: commit ccccccc says \"config only\""
        );
        let exempt = GateSettings {
            exempt: vec!["pay".into()],
            ..GateSettings::default()
        };
        assert_eq!(run(&["svc/pay/a.py"], None, exempt).status, Status::Pass);
        let out = run(&["svc/pay/README.md"], None, GateSettings::default());
        assert_eq!(out.status, Status::Pass);
        let no_docs = GateSettings {
            docs: Some(Globs::default()),
            ..GateSettings::default()
        };
        assert_eq!(run(&["svc/pay/README.md"], None, no_docs).status, Status::Fail);
    }

    #[test]
    fn without_range_skips() {
        let mut f = facts(&[], None);
        f.changes = None;
        assert_eq!(
            rule().evaluate(&f, &crate::checks::testkit::context()).status,
            Status::Skip
        );
    }
}
