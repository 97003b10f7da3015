//! Integration tests of the CI gate (issue 6): `exitready gate`, `scan --fail-under`, waivers,
//! and the machine outputs (SARIF, JUnit, GitHub annotations, GitLab Code Quality).
//!
//! Each test builds a fixture repository with git2 (pinned author, email and dates, so commit
//! ids are stable), runs the real binary on it and asserts exact output and exit codes.

mod ci;
mod common;
mod fail_under;
mod gate_rule;
mod outputs;
mod waivers;
