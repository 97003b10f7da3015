//! The estate examples (issue 16): the GitHub Actions, GitLab CI and Kubernetes files parse, run
//! the same two scripts (one repository's report per job, then the merge), and those scripts
//! work on real repositories with the real binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use serde_yaml_ng::Value;

use crate::util::{ALICE, BOB, NOW, Repo};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/estate").join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(example(name)).unwrap()
}

/// Every YAML document of a file.
fn documents(name: &str) -> Vec<Value> {
    serde_yaml_ng::Deserializer::from_str(&read(name))
        .map(|d| Value::deserialize(d).unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect()
}

/// The command lines of a script (comments and blank lines left out).
fn commands(script: &str) -> Vec<String> {
    script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_three_engines_run_the_two_scripts() {
    let github = &documents("github-actions.yml")[0];
    let jobs = &github["jobs"];
    assert_eq!(jobs["scan"]["needs"], "list");
    assert_eq!(
        jobs["scan"]["strategy"]["matrix"]["repository"],
        "${{ fromJSON(needs.list.outputs.repositories) }}"
    );
    assert_eq!(jobs["merge"]["needs"], "scan");
    let runs = |job: &str| -> String {
        jobs[job]["steps"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|s| s["run"].as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(runs("scan").contains("sh examples/estate/scan-one.sh \"$REPOSITORY\" reports \"$config\""));
    assert!(runs("merge").contains("sh examples/estate/merge.sh reports estate"));

    let gitlab = &documents("gitlab-ci.yml")[0];
    assert!(gitlab["scan"]["parallel"]["matrix"][0]["REPOSITORY"].is_sequence());
    assert_eq!(gitlab["merge"]["needs"][0]["job"], "scan");
    let script = |job: &str| serde_yaml_ng::to_string(&gitlab[job]["script"]).unwrap();
    assert!(script("scan").contains("sh examples/estate/scan-one.sh \"repo/${REPOSITORY}\" reports \"$config\""));
    assert!(script("merge").contains("sh examples/estate/merge.sh reports estate"));

    let kubernetes = documents("kubernetes.yaml");
    let kinds: Vec<&str> = kubernetes.iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["ConfigMap", "PersistentVolumeClaim", "Job", "Job"]);
    assert_eq!(kubernetes[2]["spec"]["completionMode"], "Indexed");
    let data = &kubernetes[0]["data"];
    for name in ["scan-one.sh", "merge.sh"] {
        assert_eq!(
            commands(data[name].as_str().unwrap()),
            commands(&read(name)),
            "the ConfigMap's {name} differs from examples/estate/{name}"
        );
    }
    // Every engine scans what repositories.txt lists (GitLab's matrix repeats it).
    let listed: Vec<String> = commands(&read("repositories.txt"));
    let matrix: Vec<&str> = gitlab["scan"]["parallel"]["matrix"][0]["REPOSITORY"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(listed, matrix);
}

/// A folder on PATH whose `exitready` is the binary under test at the pinned clock.
fn binary_on_path(dir: &Path) -> String {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let wrapper = bin.join("exitready");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec '{}' --now {NOW} \"$@\"\n",
            env!("CARGO_BIN_EXE_exitready")
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default())
}

fn sh(script: &str, path: &str, args: &[&Path]) -> std::process::Output {
    Command::new("sh")
        .arg(example(script))
        .args(args)
        .env("PATH", path)
        .env(
            "EXITREADY_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("history-cache"),
        )
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap()
}

#[test]
fn each_job_reports_one_repository_and_the_merge_makes_the_estate() {
    let dir = tempfile::tempdir().unwrap();
    let path = binary_on_path(dir.path());
    let mut payments = Repo::at(&dir.path().join("payments"));
    payments.commit(
        ALICE,
        "2026-01-10",
        &[("src/pay.py", Some("pay\n")), ("README.md", Some("# Pay\n"))],
        "pay",
    );
    let mut shop = Repo::at(&dir.path().join("shop"));
    shop.commit(BOB, "2026-02-10", &[("src/shop.py", Some("shop\n"))], "shop");
    let reports = dir.path().join("reports");
    for repo in [&payments, &shop] {
        let out = sh("scan-one.sh", &path, &[repo.path(), &reports]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let mut written: Vec<String> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["payments.json", "shop.json"]);
    let estate = dir.path().join("estate");
    let out = sh("merge.sh", &path, &[&reports, &estate]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let merged: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(estate.join("estate.json")).unwrap()).unwrap();
    let names: Vec<&str> = merged["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["payments", "shop"]);
    assert_eq!(merged["estate"]["source_files"], 2);
    for rendered in ["estate.html", "estate.md"] {
        assert!(
            std::fs::metadata(estate.join(rendered)).unwrap().len() > 0,
            "{rendered}"
        );
    }
}
