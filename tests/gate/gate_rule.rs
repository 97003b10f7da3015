//! `exitready gate --changed-since REF`: runbooks change with their service's code.

use pretty_assertions::assert_eq;

use super::{SERVICES, services, ways_out};
use crate::util::{DEV, Repo, code, exitready, stderr, stdout};

fn header(fixture: &Repo, files: usize, commits: usize) -> String {
    let base = fixture.rev("main");
    format!(
        "exitready gate: {files} file(s) changed in {commits} commit(s) since main (merge base {})\n",
        &base[..12]
    )
}

#[test]
fn service_code_without_its_runbook_fails_and_names_the_runbook() {
    let mut fixture = services();
    fixture.branch("feature");
    fixture.commit(
        DEV,
        "2026-01-03",
        &[
            ("services/payments/app.py", Some("print('pay v2')\n")),
            ("services/payments/db.py", Some("DB = 2\n")),
            ("services/payments/queue.py", Some("Q = 1\n")),
            ("services/payments/retry.py", Some("R = 1\n")),
            ("lib/util.py", Some("X = 2\n")),
        ],
        "Retry payments",
    );
    let output = exitready(fixture.path(), &["gate", "--changed-since", "main"]);
    assert_eq!(
        stdout(&output),
        header(&fixture, 5, 1)
            + "FAIL documentation.runbook_updated: 0 of 1 changed service(s) updated their runbook (since main)\n"
            + "  payments: services/payments/app.py, services/payments/db.py, services/payments/queue.py (+1 more) changed without its runbook docs/runbooks/payments.md\n"
            + &ways_out("payments", "services/payments")
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
}

#[test]
fn service_code_with_its_runbook_passes() {
    let mut fixture = services();
    fixture.branch("feature");
    fixture.commit(
        DEV,
        "2026-01-03",
        &[("services/payments/app.py", Some("print('pay v2')\n"))],
        "Change payments",
    );
    fixture.commit(
        DEV,
        "2026-01-04",
        &[(
            "docs/runbooks/payments.md",
            Some("# Payments runbook\n\n## Symptoms\nNew alert.\n"),
        )],
        "Document the new alert",
    );
    let output = exitready(fixture.path(), &["gate", "--changed-since", "main"]);
    assert_eq!(
        stdout(&output),
        header(&fixture, 2, 2)
            + "ok documentation.runbook_updated: 1 of 1 changed service(s) updated their runbook (since main)\n"
    );
    assert_eq!(code(&output), 0);
}

#[test]
fn docs_and_tests_only_changes_need_no_runbook() {
    let mut fixture = services();
    fixture.branch("docs");
    fixture.commit(
        DEV,
        "2026-01-03",
        &[
            ("services/payments/README.md", Some("# Payments\n\nMore.\n")),
            ("services/payments/tests/test_app.py", Some("def test(): pass\n")),
            ("services/billing/main_test.go", Some("package main\n")),
        ],
        "Docs and tests",
    );
    let output = exitready(fixture.path(), &["gate", "--changed-since", "main"]);
    assert_eq!(
        stdout(&output),
        header(&fixture, 3, 1)
            + "ok documentation.runbook_updated: no service code changed (3 file(s) changed since main, none of them service code)\n"
    );
    assert_eq!(code(&output), 0);
}

#[test]
fn a_service_without_any_runbook_fails() {
    let mut fixture = services();
    fixture.branch("billing");
    fixture.commit(
        DEV,
        "2026-01-03",
        &[("services/billing/main.go", Some("package main\n\nfunc main() {}\n"))],
        "Bill",
    );
    let output = exitready(fixture.path(), &["gate", "--changed-since", "main"]);
    assert_eq!(
        stdout(&output),
        header(&fixture, 1, 1)
            + "FAIL documentation.runbook_updated: 0 of 1 changed service(s) updated their runbook (since main)\n"
            + "  billing: services/billing/main.go changed and the service has no runbook: add one at services/billing/RUNBOOK.md or declare [[services]] runbook\n"
            + &ways_out("billing", "services/billing")
    );
    assert_eq!(code(&output), 1);
}

#[test]
fn a_trailer_exempts_the_range_and_is_printed() {
    let mut fixture = services();
    fixture.branch("refactor");
    fixture.commit(
        DEV,
        "2026-01-03",
        &[("services/billing/main.go", Some("package main // v2\n"))],
        "Tidy billing",
    );
    let id = fixture.commit(
        DEV,
        "2026-01-04",
        &[("services/payments/app.py", Some("print('pay')  # tidy\n"))],
        "Tidy payments\n\nNo behaviour change.\n\nRunbook-Not-Needed: formatting only\n",
    );
    let output = exitready(fixture.path(), &["gate", "--changed-since", "main"]);
    assert_eq!(
        stdout(&output),
        header(&fixture, 2, 2)
            + &format!(
                "ok documentation.runbook_updated: runbook updates not needed: commit {} says \"formatting only\"\n",
                &id.to_string()[..7]
            )
    );
    assert_eq!(code(&output), 0);
}

#[test]
fn a_config_exemption_passes_that_service_only() {
    let mut fixture = services();
    fixture.branch("exempt");
    fixture.commit(
        DEV,
        "2026-01-03",
        &[
            ("exitready.toml", Some("[gate]\nexempt = [\"billing\"]\n")),
            ("services/billing/main.go", Some("package main // v2\n")),
        ],
        "Exempt billing",
    );
    let output = exitready(fixture.path(), &["gate", "--changed-since", "main"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    fixture.commit(
        DEV,
        "2026-01-04",
        &[("services/payments/app.py", Some("print(2)\n"))],
        "Pay",
    );
    let output = exitready(fixture.path(), &["gate", "--changed-since", "main", "-q"]);
    assert_eq!(
        stdout(&output),
        "FAIL documentation.runbook_updated: 1 of 2 changed service(s) updated their runbook (since main) (required: no partial credit)\n  payments: services/payments/app.py changed without its runbook docs/runbooks/payments.md\n".to_string()
            + &ways_out("payments", "services/payments")
    );
    assert_eq!(code(&output), 1);
}

#[test]
fn the_base_moving_on_does_not_count_its_changes() {
    let mut fixture = services();
    fixture.branch("feature");
    fixture.commit(DEV, "2026-01-03", &[("lib/util.py", Some("X = 3\n"))], "Util");
    fixture.checkout("main");
    fixture.commit(
        DEV,
        "2026-01-04",
        &[("services/payments/app.py", Some("print('main moved')\n"))],
        "Main moves",
    );
    fixture.checkout("feature");
    let output = exitready(fixture.path(), &["gate", "--changed-since", "main"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert!(stdout(&output).contains("1 file(s) changed in 1 commit(s)"));
}

#[test]
fn uncommitted_changes_count_only_when_asked() {
    let mut fixture = services();
    fixture.branch("wip");
    fixture.write(&[("services/payments/new.py", Some("N = 1\n"))]);
    let output = exitready(fixture.path(), &["gate", "--changed-since", "main"]);
    assert_eq!(code(&output), 0);
    let output = exitready(
        fixture.path(),
        &["gate", "--changed-since", "main", "--include-worktree", "-q"],
    );
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("payments: services/payments/new.py changed without"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn an_unknown_ref_is_a_usage_error() {
    let output = exitready(SERVICES.path(), &["gate", "--changed-since", "no-such-branch"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).starts_with("exitready: --changed-since no-such-branch: unknown revision in "),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn without_the_flag_and_without_origin_head_the_flag_is_asked_for() {
    let output = exitready(SERVICES.path(), &["gate"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("no --changed-since REF given and origin/HEAD does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_plain_folder_is_not_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    let output = exitready(dir.path(), &["gate", "--changed-since", "main"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("not a git repository"), "{}", stderr(&output));
}

#[test]
fn origin_head_is_the_default_base() {
    let mut fixture = services();
    let mut cloned = fixture.git_clone(&[]);
    fixture.commit(DEV, "2026-01-03", &[("lib/util.py", Some("X = 9\n"))], "unrelated");
    let clone = cloned.git();
    assert!(clone.revparse_single("origin/HEAD").is_ok());
    cloned.write(&[("services/payments/app.py", Some("print(3)\n"))]);
    let output = exitready(cloned.path(), &["gate", "--include-worktree", "-q"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(stdout(&output).contains("since origin/HEAD"));
}

#[test]
fn a_shallow_clone_without_the_merge_base_is_a_usage_error_with_the_fix() {
    let mut fixture = services();
    fixture.commit(DEV, "2026-01-03", &[("lib/util.py", Some("X = 2\n"))], "main 2");
    fixture.branch("feature");
    fixture.commit(
        DEV,
        "2026-01-04",
        &[("services/payments/app.py", Some("print(3)\n"))],
        "feature 1",
    );
    fixture.checkout("main");
    fixture.commit(DEV, "2026-01-05", &[("lib/util.py", Some("X = 3\n"))], "main 3");
    let clone = fixture.git_clone(&["--depth", "1", "--no-single-branch", "--branch", "feature"]);
    let output = exitready(clone.path(), &["gate", "--changed-since", "origin/main"]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    let message = stderr(&output);
    assert!(message.contains("shallow clone"), "{message}");
    assert!(message.contains("fetch-depth: 0"), "{message}");
    assert!(message.contains("git fetch --unshallow"), "{message}");
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_default_ci_checkout_without_the_base_branch_names_the_fix() {
    let mut fixture = services();
    fixture.branch("feature");
    fixture.commit(
        DEV,
        "2026-01-03",
        &[("services/payments/app.py", Some("print(3)\n"))],
        "feature 1",
    );
    // What actions/checkout does by default: one commit of one branch.
    let clone = fixture.git_clone(&["--depth", "1", "--branch", "feature"]);
    let output = exitready(clone.path(), &["gate", "--changed-since", "origin/main"]);
    assert_eq!(code(&output), 2);
    let message = stderr(&output);
    assert!(message.contains("unknown revision"), "{message}");
    assert!(
        message.contains("shallow clone") && message.contains("fetch-depth: 0"),
        "{message}"
    );
}

/// Issue 15, item 15: a dev container is not a service, so a one-line change to
/// `.devcontainer/Dockerfile` asks for no `.devcontainer/RUNBOOK.md`.
#[test]
fn dev_container_changes_need_no_runbook() {
    let mut fixture = services();
    fixture.commit(
        DEV,
        "2026-01-02",
        &[(
            ".devcontainer/Dockerfile",
            Some("FROM mcr.microsoft.com/devcontainers/base\n"),
        )],
        "Dev container",
    );
    fixture.branch("feature");
    fixture.commit(
        DEV,
        "2026-01-03",
        &[(
            ".devcontainer/Dockerfile",
            Some("FROM mcr.microsoft.com/devcontainers/base:bookworm\n"),
        )],
        "Pin the dev container",
    );
    let output = exitready(fixture.path(), &["gate", "--changed-since", "main"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert!(!stdout(&output).contains("RUNBOOK"), "{}", stdout(&output));
}
