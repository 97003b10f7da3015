//! Integration tests of the CI gate (issue 6): `exitready gate`, `scan --fail-under`, waivers,
//! and the machine outputs (SARIF, JUnit, GitHub annotations, GitLab Code Quality).
//!
//! Each test builds a fixture repository with git2 (pinned author, email and dates, so commit
//! ids are stable), runs the real binary on it and asserts exact output and exit codes.

#[path = "gate/ci.rs"]
mod ci;
#[path = "gate/common.rs"]
mod common;
#[path = "gate/fail_under.rs"]
mod fail_under;
#[path = "gate/gate_rule.rs"]
mod gate_rule;
#[path = "gate/outputs.rs"]
mod outputs;
#[path = "gate/waivers.rs"]
mod waivers;
