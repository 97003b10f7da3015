//! Integration tests of the CI gate (issue 6): `exitready gate`, `scan --fail-under`, waivers,
//! and the machine outputs (SARIF, JUnit, GitHub annotations, GitLab Code Quality).
//!
//! Each test builds a fixture repository with git2 (pinned author, email and dates, so commit
//! ids are stable), runs the real binary on it and asserts exact output and exit codes.

use std::sync::LazyLock;

use crate::util::{DEV, Repo};

mod ci;
mod fail_under;
mod gate_rule;
mod outputs;
mod waivers;

/// The standard service layout, committed on 2026-01-02: payments with its runbook, billing
/// without one.
fn services() -> Repo {
    let mut repo = Repo::new();
    repo.commit(
        DEV,
        "2026-01-02",
        &[
            ("README.md", Some("# Shop\n")),
            ("services/payments/Dockerfile", Some("FROM scratch\n")),
            ("services/payments/app.py", Some("print('pay')\n")),
            ("services/payments/db.py", Some("DB = 1\n")),
            ("services/payments/README.md", Some("# Payments\n")),
            ("docs/runbooks/payments.md", Some("# Payments runbook\n\n## Symptoms\n")),
            ("services/billing/Dockerfile", Some("FROM scratch\n")),
            ("services/billing/main.go", Some("package main\n")),
            ("lib/util.py", Some("X = 1\n")),
        ],
        "Initial layout",
    );
    repo
}

/// The lines a failing gate ends with (issue 15): the ways out for the runbook rule, named for
/// the service `name` in `folder`.
fn ways_out(name: &str, folder: &str) -> String {
    format!(
        "ways out: update the runbook on this branch, or\n  \
         - add a commit with the trailer `Runbook-Not-Needed: <reason>` (exempts the whole range; the reason is printed),\n  \
         - exempt the service for good: [gate] exempt = [\"{name}\"] in exitready.toml,\n  \
         - set the finding aside until a date: a [[waiver]] with check = \"documentation.runbook_updated\", path = \"{folder}/**\", reason and expires.\n"
    )
}

/// `services`, built once for the tests that only read it.
static SERVICES: LazyLock<Repo> = LazyLock::new(services);
