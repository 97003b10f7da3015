//! Test fixtures and the runner, one of each for every integration test: `Repo` builds git
//! repositories in temporary folders with pinned authors and dates (`repo.rs`), `exitready`
//! and `scan_json` run the real binary with its clock pinned at `NOW` (`run.rs`); below, reading
//! reports and comparing snapshots.

#![allow(dead_code)]

mod repo;
mod run;

use std::path::{Path, PathBuf};

pub use repo::{ALICE, Author, BOB, CAROL, DEV, Repo};
pub use run::{NOW, code, command, exitready, exitready_at, outcome, scan_json, scan_json_at, stderr, stdout};

/// Alice (vendor) writes src/core (three files) and the README on 2025-01-15: where the
/// knowledge (`handover`) and ownership (`owned`) fixtures start.
pub fn vendor_core() -> Repo {
    let mut repo = Repo::new();
    repo.commit(
        ALICE,
        "2025-01-15",
        &[
            ("src/core/a.rs", Some("a\n")),
            ("src/core/b.rs", Some("b\n")),
            ("src/core/c.rs", Some("c\n")),
            ("README.md", Some("# x\n")),
        ],
        "core",
    );
    repo
}

/// Where snapshot files live.
pub fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name)
}

/// Compares `actual` with a snapshot file; `UPDATE_SNAPSHOTS=1` rewrites it.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = snapshot_path(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no snapshot {name}: run with UPDATE_SNAPSHOTS=1"));
    pretty_assertions::assert_eq!(
        expected,
        actual,
        "snapshot {name} differs (UPDATE_SNAPSHOTS=1 to accept)"
    );
}

/// A path as the Markdown report writes it (escaped), for replacing it in snapshots.
pub fn escaped_path(path: &Path) -> String {
    exitready::report::render::escape_markdown(&std::fs::canonicalize(path).unwrap().display().to_string())
}

/// A check of a report by id (panics naming the id when the report has none).
pub fn check<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}"))
}
