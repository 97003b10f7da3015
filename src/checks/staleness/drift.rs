//! Signal 2, drift: the code a document covers kept changing after the document last did. The
//! scopes and their commits are measured by `facts::freshness`; a commit counts here when it
//! came more than `drift_grace_days` after the document's last content change.

use super::judged::Judged;
use crate::base::dates::{DAY, day};
use crate::base::signal::{Reason, Signal};

/// Adds one `drift` reason per covered scope that changed after the grace.
pub(crate) fn judge(judged: &Judged, grace_days: u32, reasons: &mut Vec<Reason>) {
    let Some(changed) = judged.doc.last_changed_second() else {
        return;
    };
    let cutoff = changed + i64::from(grace_days) * DAY;
    for scope in &judged.doc.measures.drift {
        let late: Vec<i64> = scope.commit_times.iter().copied().filter(|&t| t > cutoff).collect();
        let Some(&latest) = late.iter().max() else {
            continue;
        };
        let days = (latest - changed).div_euclid(DAY);
        reasons.push(
            Reason::new(
                Signal::Drift,
                format!(
                    "{} had {} non-bot commit(s) more than {grace_days} days after this document last changed on {}; the latest on {}, {days} days after it",
                    scope.label,
                    late.len(),
                    day(changed),
                    day(latest),
                ),
            )
            .with_path(Some(scope.path.clone())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{doc, inventory, now};
    use super::super::{Verdict, judge};
    use crate::base::dates::DAY;
    use crate::facts::documents::DocKind;
    use crate::facts::freshness::{FreshnessInputs, measure};
    use crate::facts::history::{CommitRecord, HistoryFacts, Identity};
    use crate::facts::services::Service;
    use crate::settings::Thresholds;
    use pretty_assertions::assert_eq;

    const T0: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

    fn history(commits: &[(i64, usize, bool, &[&str])]) -> HistoryFacts {
        let mut facts = HistoryFacts {
            identities: vec![
                Identity {
                    name: "Dev".into(),
                    email: "dev@x".into(),
                    is_bot: false,
                    commits: 0,
                    co_authored: 0,
                    first_commit: None,
                    last_commit: None,
                },
                Identity {
                    name: "bot".into(),
                    email: "bot@x".into(),
                    is_bot: true,
                    commits: 0,
                    co_authored: 0,
                    first_commit: None,
                    last_commit: None,
                },
            ],
            ..HistoryFacts::default()
        };
        for (i, (day_offset, author, ignored, paths)) in commits.iter().enumerate() {
            facts.commits.push(CommitRecord {
                id: format!("{i}"),
                author: *author,
                time: T0 + day_offset * DAY,
                co_authors: vec![],
                ignored: *ignored,
                changes: vec![],
            });
            for p in *paths {
                facts.path_commits.entry(p.to_string()).or_default().push(i);
            }
        }
        facts
    }

    /// Measures a runbook at `path` naming `links` (paths from the root) and judges its drift.
    fn run(path: &str, links: &[&str], services: &[Service], facts: &HistoryFacts) -> Vec<String> {
        let inventory = inventory(&[
            "svc/pay/main.go",
            "svc/pay/go.sum.lock",
            "svc/pay/README.md",
            "svc/pay/runbook.md",
            "lib/util.go",
            "docs/runbooks/pay.md",
            "docs/conf.py",
        ]);
        let text: String = links.iter().map(|l| format!("[x](/{l}) ")).collect();
        let mut docs = vec![doc(
            path,
            DocKind::Runbook,
            &format!("# R\n\n{text}\n"),
            Some("2026-01-01T00:00:00Z"),
        )];
        let inputs = FreshnessInputs {
            inventory: &inventory,
            services,
            history: Some(facts),
        };
        measure(&mut docs, &inputs);
        let Verdict { reasons, .. } = judge(&docs[0], &Thresholds::default(), now());
        reasons
            .into_iter()
            .filter(|r| r.signal == crate::base::signal::Signal::Drift)
            .map(|r| format!("[{}] {}", r.path.unwrap(), r.message))
            .collect()
    }
    #[test]
    fn code_beside_the_doc_changed_after_the_grace() {
        let facts = history(&[
            (10, 0, false, &["svc/pay/main.go"]),                // within the grace: not counted
            (40, 0, false, &["svc/pay/main.go"]),                // counted
            (50, 1, false, &["svc/pay/main.go"]),                // a bot: not counted
            (60, 0, true, &["svc/pay/main.go"]),                 // ignored revision: not counted
            (70, 0, false, &["svc/pay/go.sum.lock"]),            // lock file: not counted
            (80, 0, false, &["svc/pay/README.md"]),              // a document: not counted
            (90, 0, false, &["svc/pay/main.go", "lib/util.go"]), // counted once in svc/pay
        ]);
        assert_eq!(
            run("svc/pay/runbook.md", &[], &[], &facts),
            vec![
                "[svc/pay] svc/pay/ had 2 non-bot commit(s) more than 30 days after this document last changed on 2026-01-01; the latest on 2026-04-01, 90 days after it"
            ]
        );
        // The paths it names count too; a docs folder does not.
        assert_eq!(
            run(
                "docs/runbooks/pay.md",
                &["lib/util.go", "docs/conf.py", "docs"],
                &[],
                &facts
            ),
            vec![
                "[lib/util.go] lib/util.go had 1 non-bot commit(s) more than 30 days after this document last changed on 2026-01-01; the latest on 2026-04-01, 90 days after it"
            ]
        );
    }

    #[test]
    fn the_service_of_a_runbook_and_no_drift_for_a_quiet_service() {
        let services = [Service {
            name: "pay".into(),
            path: "svc/pay".into(),
            paths: vec!["svc/pay/**".into()],
            matcher: crate::settings::Globs::new(&["svc/pay/**"]).unwrap(),
            found_by: "Dockerfile".into(),
            runbook: Some("docs/runbooks/pay.md".into()),
            runbook_reason: None,
        }];
        let facts = history(&[(45, 0, false, &["svc/pay/main.go"])]);
        assert_eq!(
            run("docs/runbooks/pay.md", &["svc/pay/main.go"], &services, &facts),
            vec![
                "[svc/pay] service pay (svc/pay) had 1 non-bot commit(s) more than 30 days after this document last changed on 2026-01-01; the latest on 2026-02-15, 45 days after it"
            ]
        );
        let quiet = history(&[(5, 0, false, &["svc/pay/main.go"])]);
        assert!(run("docs/runbooks/pay.md", &[], &services, &quiet).is_empty());
    }
}
