//! `scan --fail-under N` and `thresholds.fail_under`: exit 1 under the bar, 0 at or above it,
//! no default bar.

use super::{SERVICES, services};
use crate::util::{DEV, code, exitready, stderr};

/// The fixture's overall score, read from the JSON report.
fn overall(dir: &std::path::Path) -> f64 {
    let output = exitready(dir, &["scan", "--format", "json", "-q"]);
    assert_eq!(code(&output), 0);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["score"]["overall"].as_f64().unwrap()
}

#[test]
fn the_flag_fails_under_the_bar_and_passes_at_or_above_it() {
    let dir = SERVICES.path();
    let score = overall(dir);
    assert!(score > 1.0 && score < 99.0, "fixture score {score}");
    let above = format!("{}", score + 0.1);
    let output = exitready(dir, &["scan", "-q", "--fail-under", &above]);
    assert_eq!(code(&output), 1);
    assert_eq!(
        stderr(&output),
        format!("exitready: score {score:.1} is under the bar of {above}\n")
    );
    for bar in [format!("{score}"), format!("{}", score - 0.1), "0".to_string()] {
        let output = exitready(dir, &["scan", "-q", "--fail-under", &bar]);
        assert_eq!(code(&output), 0, "bar {bar}: {}", stderr(&output));
    }
}

#[test]
fn there_is_no_default_bar() {
    assert_eq!(code(&exitready(SERVICES.path(), &["scan", "-q"])), 0);
}

#[test]
fn the_config_sets_the_bar_and_the_flag_overrides_it() {
    let mut fixture = services();
    fixture.commit(
        DEV,
        "2026-01-03",
        &[("exitready.toml", Some("[thresholds]\nfail_under = 99.5\n"))],
        "Bar",
    );
    let output = exitready(fixture.path(), &["scan", "-q"]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).ends_with("is under the bar of 99.5\n"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        code(&exitready(fixture.path(), &["scan", "-q", "--fail-under", "0"])),
        0
    );
    fixture.commit(
        DEV,
        "2026-01-04",
        &[("exitready.toml", Some("[thresholds]\nfail_under = 0\n"))],
        "Low bar",
    );
    assert_eq!(code(&exitready(fixture.path(), &["scan", "-q"])), 0);
}

#[test]
fn a_bar_outside_0_to_100_is_a_usage_error() {
    let output = exitready(SERVICES.path(), &["scan", "-q", "--fail-under", "101"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "exitready: --fail-under 101: expected a score from 0 to 100\n"
    );
}
