//! The pipeline's imports only flow down (ARCHITECTURE.md): `scripts/imports.py --check` finds
//! no loop of files, no import from a lower stage to a higher one, and clap only in cli.rs.

use std::path::Path;
use std::process::Command;

fn check(src: &Path) -> (bool, String) {
    let output = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/imports.py"))
        .arg("--check")
        .arg(src)
        .output()
        .expect("python3 runs scripts/imports.py");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn src_imports_only_flow_down() {
    let (ok, out) = check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(ok, "{out}");
}

#[test]
fn the_check_finds_an_upward_import_a_loop_and_clap() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    };
    write("lib.rs", "pub mod checks;\npub mod facts;\n");
    write("facts/mod.rs", "pub mod a;\npub mod b;\nuse crate::checks::Rule;\n");
    write("facts/a.rs", "use super::b::B;\npub struct A;\n");
    write(
        "facts/b.rs",
        "use super::a::A;\npub struct B;\nfn f() { clap::Command::new(\"x\"); }\n",
    );
    write("checks/mod.rs", "pub trait Rule {}\n");
    let (ok, out) = check(dir.path());
    assert!(!ok);
    assert_eq!(
        out,
        "loop of 2 files: facts/a.rs facts/b.rs\nup: facts/mod.rs imports checks/mod.rs\nclap: facts/b.rs names clap (only cli.rs and main.rs may)\n"
    );
}
