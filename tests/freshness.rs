//! Issue 5: stale and hollow documents, on repositories built with dated commits and a clock
//! pinned at `NOW`, 2026-06-30 (the runner passes `--now`).
//! See: /work/scratch/issues/issue5.txt

use std::sync::LazyLock;

use serde_json::Value;

use crate::util::{ALICE, BOB, Repo, check, exitready, scan_json, stdout};

const BOT: (&str, &str) = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com");

const COMPLETE: &str = "# Payments runbook\n\n## Symptoms\n\nAlert `PaymentsDown` fires.\n\n## Diagnosis\n\nCheck `services/payments/main.go` logs.\n\n## Mitigation\n\nRestart.\n\n## Escalation\n\nPage the on-call.\n";

const HOLLOW: &str =
    "# Search runbook\n\n## Alerts\n\nTODO\n\n## Diagnosis\n\n## Mitigation\n\nRestart, then [fill in].\n";

/// Each document's reasons as `signal line: message [path]`.
fn reasons(report: &Value) -> Vec<(String, bool, Vec<String>)> {
    report["repositories"][0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let reasons = d["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let line = r["line"].as_u64().map(|l| format!(":{l}")).unwrap_or_default();
                    let path = r["path"].as_str().map(|p| format!(" [{p}]")).unwrap_or_default();
                    format!(
                        "{}{line}: {}{path}",
                        r["signal"].as_str().unwrap(),
                        r["message"].as_str().unwrap()
                    )
                })
                .collect();
            (
                d["path"].as_str().unwrap().to_string(),
                d["stale"].as_bool().unwrap(),
                reasons,
            )
        })
        .collect()
}

fn of<'a>(all: &'a [(String, bool, Vec<String>)], path: &str) -> (bool, Vec<&'a str>) {
    let (_, stale, reasons) = all
        .iter()
        .find(|(p, _, _)| p == path)
        .unwrap_or_else(|| panic!("no document {path}"));
    (*stale, reasons.iter().map(String::as_str).collect())
}

/// A service whose runbook is old while its code kept changing; a doc moved without change.
fn drifting() -> Repo {
    let mut repo = Repo::new();
    repo.commit(
        ALICE,
        "2025-01-01",
        &[
            ("services/payments/Dockerfile", Some("FROM scratch\n")),
            ("services/payments/main.go", Some("package main\n\nfunc main() {}\n")),
            ("services/payments/RUNBOOK.md", Some(COMPLETE)),
            ("old/guide.md", Some("# Guide\n\nHow we work.\n")),
        ],
        "payments service and its runbook",
    );
    repo.commit(
        BOB,
        "2025-01-20",
        &[(
            "services/payments/main.go",
            Some("package main\n\nfunc main() { a() }\n"),
        )],
        "within the grace",
    );
    repo.commit(
        BOB,
        "2025-03-15",
        &[(
            "services/payments/main.go",
            Some("package main\n\nfunc main() { b() }\n"),
        )],
        "b",
    );
    repo.commit(
        ALICE,
        "2025-04-01",
        &[
            (
                "services/payments/main.go",
                Some("package main\n\nfunc main() { c() }\n"),
            ),
            ("services/payments/go.sum", Some("x v1\n")),
        ],
        "c",
    );
    repo.commit(
        BOT,
        "2025-05-01",
        &[(
            "services/payments/main.go",
            Some("package main\n\nfunc main() { d() }\n"),
        )],
        "bump",
    );
    repo.commit(
        BOB,
        "2026-06-01",
        &[
            ("old/guide.md", None),
            ("docs/guide.md", Some("# Guide\n\nHow we work.\n")),
        ],
        "move the docs",
    );
    repo
}

#[test]
fn an_old_runbook_with_newer_code_beside_it_drifts_and_a_moved_doc_keeps_its_age() {
    let repo = drifting();
    let all = reasons(&scan_json(repo.path(), &[]));
    assert_eq!(
        of(&all, "services/payments/RUNBOOK.md"),
        (
            true,
            vec![
                "age: last content change on 2025-01-01, 544 days ago, over the 180-day limit for runbooks",
                "drift: service payments (services/payments) had 2 non-bot commit(s) more than 30 days after this document last changed on 2025-01-01; the latest on 2025-04-01, 90 days after it [services/payments]",
            ]
        )
    );
    // Moved in June 2026 without a change: still dated by its last content change.
    assert_eq!(
        of(&all, "docs/guide.md"),
        (
            true,
            vec!["age: last content change on 2025-01-01, 544 days ago, over the 365-day limit for documents"]
        )
    );
}

/// Recent documents with links, review conventions, ADRs and runbooks (no age reasons).
fn documented() -> Repo {
    let mut repo = Repo::new();
    repo.commit(
        ALICE,
        "2024-01-01",
        &[
            ("scripts/old-setup.sh", Some("echo old\n")),
            ("src/main.rs", Some("fn main() {}\n")),
        ],
        "scripts",
    );
    repo.commit(
        BOB,
        "2024-02-01",
        &[("scripts/old-setup.sh", None)],
        "drop the old script",
    );
    let setup = "# Setup\n\n## Install\n\nRead [deploy](deploy.md) and [rollback](deploy.md#roll-back) and [the source](../src/).\nThen [missing](missing.md), [anchor](deploy.md#nope) and [spaced](My%20Notes.md).\nRun `scripts/old-setup.sh` once, then `src/main.rs`; see [up](#install).\n";
    repo.commit(
        BOB,
        "2026-06-01",
        &[
            ("docs/setup.md", Some(setup)),
            ("docs/deploy.md", Some("# Deploy\n\n## Roll back\n\nRevert.\n")),
            ("docs/My Notes.md", Some("# Notes\n\nx\n")),
            ("docs/review/by.md", Some("---\nreview_by: 2026-01-01\n---\n# A\n\nx\n")),
            ("docs/review/interval.md", Some("---\nlast_reviewed: 2025-06-01\nreview_interval: 90d\n---\n# B\n\nx\n")),
            ("docs/review/reviewed.md", Some("---\nreviewed: 2025-01-15\n---\n# C\n\nx\n")),
            ("docs/review/govuk.html.md.erb", Some("---\ntitle: D\nlast_reviewed_on: 2025-10-01\nreview_in: 6 months\n---\n# D\n\nx\n")),
            ("docs/review/mslearn.md", Some("---\ntitle: E\nms.date: 03/15/2025\n---\n# E\n\nx\n")),
            ("docs/review/g3doc.md", Some("# F\n\n<!--* freshness: { owner: 'ops' reviewed: '2025-01-02' } *-->\n\nx\n")),
            ("docs/review/current.md", Some("---\nlast_reviewed_on: 2026-03-01\nreview_in: 6 months\n---\n# G\n\nx\n")),
            ("docs/review/broken.md", Some("---\ntitle: [unclosed\n---\n# H\n\nx\n")),
            ("docs/adr/0001-use-postgres.md", Some("# 1. Use Postgres\n\n## Status\n\nSuperceded by [3. Use CockroachDB](0003-use-cockroachdb.md)\n\n## Context\n\nx\n")),
            ("docs/adr/0002-use-go.md", Some("# 2. Use Go\n\n## Status\n\nAccepted\n\n## Context\n\nWe removed `scripts/old-setup.sh`.\n")),
            ("docs/adr/0003-use-cockroachdb.md", Some("---\nstatus: accepted\n---\n# 3. Use CockroachDB\n\n## Context\n\nx\n")),
            ("docs/adr/0005-use-kafka.md", Some("# 5. Use Kafka\n\n## Context\n\nx\n\n## Decision\n\ny\n")),
            ("docs/runbooks/payments.md", Some(COMPLETE)),
            ("docs/runbooks/search.md", Some(HOLLOW)),
        ],
        "docs",
    );
    repo
}

/// `documented`, built once: its tests only read it.
static DOCUMENTED: LazyLock<Repo> = LazyLock::new(documented);

#[test]
fn dead_links_anchors_and_code_span_paths_are_named_and_live_ones_are_not() {
    let repo = &*DOCUMENTED;
    let all = reasons(&scan_json(repo.path(), &[]));
    assert_eq!(
        of(&all, "docs/setup.md"),
        (
            true,
            vec![
                "dead_link:6: link to missing.md points to docs/missing.md, which does not exist at HEAD [docs/missing.md]",
                "dead_anchor:6: link to deploy.md#nope has no heading with anchor #nope in docs/deploy.md [docs/deploy.md]",
                "dead_path:7: `scripts/old-setup.sh` names scripts/old-setup.sh, which existed in the history but not at HEAD [scripts/old-setup.sh]",
            ]
        )
    );
    // The targets of the live links have nothing against them either.
    for live in ["docs/deploy.md", "docs/My Notes.md"] {
        assert_eq!(of(&all, live), (false, vec![]), "{live}");
    }
}

#[test]
fn each_review_convention_is_read() {
    let repo = &*DOCUMENTED;
    let all = reasons(&scan_json(repo.path(), &[]));
    let cases = [
        (
            "docs/review/by.md",
            "review_by 2026-01-01 made it due on 2026-01-01, 180 days ago",
        ),
        (
            "docs/review/interval.md",
            "last_reviewed 2025-06-01 + review_interval 90d made it due on 2025-08-30, 304 days ago",
        ),
        (
            "docs/review/reviewed.md",
            "reviewed 2025-01-15 + the 365-day limit for documents made it due on 2026-01-15, 166 days ago",
        ),
        (
            "docs/review/govuk.html.md.erb",
            "last_reviewed_on 2025-10-01 + review_in 6 months made it due on 2026-04-01, 90 days ago",
        ),
        (
            "docs/review/mslearn.md",
            "ms.date 03/15/2025 + the 365-day limit for documents made it due on 2026-03-15, 107 days ago",
        ),
        (
            "docs/review/g3doc.md",
            "g3doc freshness reviewed '2025-01-02' (line 3) + the 365-day limit for documents made it due on 2026-01-02, 179 days ago",
        ),
    ];
    for (path, message) in cases {
        assert_eq!(
            of(&all, path),
            (
                true,
                vec![format!("overdue_review: review overdue: {message}").as_str()]
            ),
            "{path}"
        );
    }
    assert_eq!(of(&all, "docs/review/current.md"), (false, vec![]));
    // Malformed front matter is a reason with its line, not a crash, and not staleness.
    assert_eq!(
        of(&all, "docs/review/broken.md"),
        (
            false,
            vec![
                "front_matter:3: front matter not read: invalid YAML front matter: did not find expected ',' or ']', while parsing a flow sequence"
            ]
        )
    );
}

#[test]
fn adrs_superseded_gaps_and_missing_status() {
    let repo = &*DOCUMENTED;
    let report = scan_json(repo.path(), &[]);
    let all = reasons(&report);
    assert_eq!(
        of(&all, "docs/adr/0001-use-postgres.md"),
        (
            false,
            vec!["adr_superseded:3: superseded by 3. Use CockroachDB (0003-use-cockroachdb.md)"]
        )
    );
    // An accepted record may cite a deleted file.
    assert_eq!(of(&all, "docs/adr/0002-use-go.md"), (false, vec![]));
    assert_eq!(of(&all, "docs/adr/0003-use-cockroachdb.md"), (false, vec![]));
    assert_eq!(
        of(&all, "docs/adr/0005-use-kafka.md"),
        (
            false,
            vec![
                "adr_status: no status: no front matter `status`, `## Status` section or `Status:` line",
                "adr_gap: numbering gap: 0004 missing between 0003 and 0005",
            ]
        )
    );
    let check = check(&report, "freshness.adr_status");
    assert_eq!(check["status"], "warn");
    assert_eq!(
        check["reason"],
        "3 of 4 ADR(s) state a settled or current status; 1 numbering gap(s)"
    );
}

#[test]
fn a_hollow_runbook_is_flagged_and_a_complete_one_is_not() {
    let repo = &*DOCUMENTED;
    let report = scan_json(repo.path(), &[]);
    let all = reasons(&report);
    assert_eq!(of(&all, "docs/runbooks/payments.md"), (false, vec![]));
    assert_eq!(
        of(&all, "docs/runbooks/search.md"),
        (
            false,
            vec![
                "hollow:5: placeholder \"TODO\" left in the text",
                "hollow:11: placeholder \"fill in\" left in the text",
                "hollow:7: section \"Diagnosis\" is empty",
                "hollow: no heading for escalation/contacts (3 of the 4 runbook sections present)",
            ]
        )
    );
    let check = check(&report, "freshness.runbooks");
    assert_eq!(
        (check["status"].as_str(), check["score"].as_f64()),
        (Some("warn"), Some(0.5))
    );
    assert_eq!(check["reason"], "1 of 2 runbook(s) are fresh and complete");
    let evidence: Vec<(&str, Option<u64>)> = check["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["message"].as_str().unwrap(), e["line"].as_u64()))
        .collect();
    assert_eq!(
        evidence,
        vec![
            ("runbook docs/runbooks/payments.md is fresh and complete", None),
            (
                "runbook docs/runbooks/search.md (hollow): placeholder \"TODO\" left in the text",
                Some(5)
            ),
            (
                "runbook docs/runbooks/search.md (hollow): placeholder \"fill in\" left in the text",
                Some(11)
            ),
            (
                "runbook docs/runbooks/search.md (hollow): section \"Diagnosis\" is empty",
                Some(7)
            ),
            (
                "runbook docs/runbooks/search.md (hollow): no heading for escalation/contacts (3 of the 4 runbook sections present)",
                None
            ),
        ]
    );
}

#[test]
fn explain_shows_stale_and_reasons() {
    let repo = &*DOCUMENTED;
    let output = exitready(repo.path(), &["explain", "docs/review/by.md"]);
    assert!(output.status.success());
    assert_eq!(
        stdout(&output),
        "docs/review/by.md (".to_string()
            + &repo.path().file_name().unwrap().to_string_lossy()
            + "): Document\nkind: other (because no signal matched)\ntitle: A\nowners: none\nstale: yes\n  overdue_review: review overdue: review_by 2026-01-01 made it due on 2026-01-01, 180 days ago\n"
    );
}

#[test]
fn plain_folders_date_documents_by_mtime_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs/runbooks/payments.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, COMPLETE).unwrap();
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_735_732_800); // 2025-01-01T12:00Z
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let all = reasons(&scan_json(dir.path(), &[]));
    assert_eq!(
        of(&all, "docs/runbooks/payments.md"),
        (
            true,
            vec![
                "age: last modified (file modification time: no git history) on 2025-01-01, 544 days ago, over the 180-day limit for runbooks"
            ]
        )
    );
}

/// Issue 15: a decision record is never stale by age, whatever its age and status; a proposed
/// one left open past the document age limit is stale as an open decision, and says so. The
/// documents freshness check no longer counts decided records as stale.
/// See: issue 15, item 17.
#[test]
fn adrs_of_any_age_are_not_stale_by_age_and_open_proposals_are() {
    let mut repo = Repo::new();
    let record = |n: u32, title: &str, status: &str| {
        format!("# {n}. {title}\n\n## Status\n\n{status}\n\n## Context\n\nx\n\n## Decision\n\ny\n")
    };
    let files = [
        ("docs/adr/0001-use-postgres.md", record(1, "Use Postgres", "Accepted")),
        (
            "docs/adr/0002-use-go.md",
            record(2, "Use Go", "Superseded by [3. Use Rust](0003-use-rust.md)"),
        ),
        ("docs/adr/0003-use-rust.md", record(3, "Use Rust", "Accepted")),
        ("docs/adr/0004-use-kafka.md", record(4, "Use Kafka", "Rejected")),
        ("docs/adr/0005-use-soap.md", record(5, "Use SOAP", "Deprecated")),
        ("docs/adr/0006-use-grpc.md", record(6, "Use gRPC", "Proposed")),
    ];
    let owned: Vec<(&str, Option<&str>)> = files.iter().map(|(p, t)| (*p, Some(t.as_str()))).collect();
    repo.commit(ALICE, "2020-08-17", &owned, "decisions");
    repo.commit(ALICE, "2026-06-01", &[("src/main.rs", Some("fn main() {}\n"))], "code");
    let report = scan_json(repo.path(), &[]);
    let all = reasons(&report);
    for (path, _) in &files[..5] {
        let (stale, reasons) = of(&all, path);
        assert!(!stale, "{path}: {reasons:?}");
        assert!(reasons.iter().all(|r| !r.starts_with("age")), "{path}: {reasons:?}");
    }
    assert_eq!(
        of(&all, "docs/adr/0006-use-grpc.md"),
        (
            true,
            vec![
                "adr_open:3: proposed since 2020-08-17, never decided (2142 days, over the 365-day limit for documents)"
            ]
        )
    );
    let adr_status = check(&report, "freshness.adr_status");
    assert_eq!(
        adr_status["reason"],
        "5 of 6 ADR(s) state a settled or current status; 0 numbering gap(s)"
    );
}
