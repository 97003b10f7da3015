//! Integration tests of the audit deliverables (issue 7): baseline and diff, sign-off, estate
//! scans and merge, the HTML report, the JSON Schema, and escaping of hostile repository content.
//!
//! Fixture repositories are built with git2 in temporary folders, with pinned authors and dates;
//! the real binary is run and its output, files and exit codes asserted.

use std::path::{Path, PathBuf};

use crate::util::{ALICE, Repo, check, exitready, outcome, render_markdown, scan_json};

/// When the fixtures' first version is committed (the Unix time 1 700 000 000).
const V1_DATE: &str = "2023-11-14T22:13:20Z";
/// When their second version is committed (1 710 000 000).
const V2_DATE: &str = "2024-03-09T16:00:00Z";

/// The shop, version 1: a README, a security policy, one source file.
const V1: &[(&str, Option<&str>)] = &[
    ("README.md", Some("# Shop\n\nBuild with make.\n")),
    (
        "SECURITY.md",
        Some("# Security policy\n\nReport vulnerabilities to security@example.com.\n"),
    ),
    ("src/main.rs", Some("fn main() {}\n")),
];

/// The shop's runbook, new in version 2.
const RUNBOOK: &str = "# Shop runbook\n\n## Symptoms\n\nAlerts.\n\n## Diagnosis\n\nLogs.\n\n## Mitigation\n\nRestart.\n\n## Escalation\n\nCall Bob.\n";

/// The shop, version 2: a runbook and the source file; no README, no security policy.
const V2: &[(&str, Option<&str>)] = &[
    ("docs/runbooks/shop.md", Some(RUNBOOK)),
    ("src/main.rs", Some("fn main() {}\n")),
];

/// From version 1 to 2: the runbook added, the README and the security policy removed.
const V1_TO_V2: &[(&str, Option<&str>)] = &[
    ("README.md", None),
    ("SECURITY.md", None),
    ("docs/runbooks/shop.md", Some(RUNBOOK)),
];

/// Two scans of one repository: a runbook added (improvement), the security policy removed
/// (regression); `diff` and `scan --baseline` both say so.
#[test]
fn baseline_diff_names_improvement_and_regression() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = Repo::at(&dir.path().join("shop"));
    repo.commit(ALICE, V1_DATE, V1, "change");
    let old = dir.path().join("old.json");
    let old_report = scan_json(repo.path(), &["-o", old.to_str().unwrap()]);
    repo.commit(ALICE, V2_DATE, V1_TO_V2, "change");
    let new = dir.path().join("new.json");
    let new_report = scan_json(repo.path(), &["-o", new.to_str().unwrap()]);
    assert_eq!(check(&old_report, "documentation.runbooks")["status"], "fail");
    assert_eq!(check(&new_report, "documentation.runbooks")["status"], "pass");
    assert_eq!(check(&old_report, "documentation.onboarding")["status"], "pass");
    assert_eq!(check(&new_report, "documentation.onboarding")["status"], "fail");

    let (code, stdout, _) = outcome(&exitready(
        dir.path(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    ));
    assert_eq!(code, 0);
    let improved = stdout.split("Improved:\n").nth(1).unwrap();
    assert!(
        improved.starts_with("  documentation.runbooks: fail → pass (Runbooks exist)\n"),
        "{stdout}"
    );
    let regressed = stdout.split("Regressed:\n").nth(1).unwrap();
    assert!(
        regressed.starts_with("  documentation.onboarding: pass → fail ("),
        "{stdout}"
    );
    // Issue 15, item 11: every category then and now (the headline then and now: a unit test
    // of report::diff, since this shop names no vendor).
    let categories = stdout.split("Categories:\n").nth(1).unwrap();
    let categories: Vec<&str> = categories.lines().take(5).collect();
    assert_eq!(categories.len(), 5, "{stdout}");
    assert!(categories[0].starts_with("  documentation: "), "{stdout}");
    assert!(
        categories.iter().any(|c| c.contains(" → ") && c.ends_with(')')),
        "{stdout}"
    );

    let (code, stdout, _) = outcome(&exitready(
        dir.path(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "json"],
    ));
    assert_eq!(code, 0);
    let diff: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let moved: Vec<(String, String)> = diff["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["direction"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(moved.contains(&("documentation.runbooks".into(), "improved".into())));
    assert!(moved.contains(&("documentation.onboarding".into(), "regressed".into())));

    let with = dir.path().join("with.json");
    let o = exitready(
        dir.path(),
        &[
            "-q",
            "scan",
            repo.path().to_str().unwrap(),
            "--baseline",
            old.to_str().unwrap(),
            "-o",
            with.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let with: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&with).unwrap()).unwrap();
    assert_eq!(with["baseline"], diff);
}

#[test]
fn bad_baselines_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = Repo::at(&dir.path().join("r"));
    repo.commit(ALICE, V1_DATE, V1, "change");
    let good = dir.path().join("good.json");
    let report = scan_json(repo.path(), &["-o", good.to_str().unwrap()]);
    let full = std::fs::read_to_string(&good).unwrap();
    let truncated = dir.path().join("truncated.json");
    std::fs::write(&truncated, &full[..full.len() / 2]).unwrap();
    let foreign = dir.path().join("foreign.json");
    std::fs::write(&foreign, "{\"version\": \"2.1.0\", \"runs\": []}").unwrap();
    let future = dir.path().join("future.json");
    let mut v2 = report.clone();
    v2["schema_version"] = 2.into();
    std::fs::write(&future, v2.to_string()).unwrap();
    for (bad, says) in [
        (&truncated, "truncated"),
        (&foreign, "not an exitready report"),
        (&future, "schema_version 2 is not supported"),
    ] {
        let (code, _, stderr) = outcome(&exitready(
            dir.path(),
            &["diff", bad.to_str().unwrap(), good.to_str().unwrap()],
        ));
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(bad.to_str().unwrap()) && stderr.contains(says),
            "{stderr}"
        );
        let o = exitready(
            dir.path(),
            &[
                "scan",
                repo.path().to_str().unwrap(),
                "--baseline",
                bad.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(2));
    }
}

const HANDOFF_ITEMS: [&str; 5] = [
    "exit.credentials_revoked",
    "exit.knowledge_transfer_held",
    "exit.open_work_handed_over",
    "exit.repositories_inventoried",
    "exit.runbooks_walked_through",
];

fn attest(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| {
            format!("[[attestation]]\nitem = \"{i}\"\nby = \"Jane Doe, CTO\"\ndate = 2026-06-30\nnote = \"done\"\n\n")
        })
        .collect()
}

fn sha256_of(path: &Path) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Sign-off is refused with the missing items listed, accepted once everything not passing is
/// attested, carries the report's SHA-256, and `--verify` checks it.
#[test]
fn signoff_refused_then_accepted_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = Repo::at(&dir.path().join("shop"));
    repo.commit(ALICE, V2_DATE, V2, "change");
    let report_path = dir.path().join("q3.json");
    let report = scan_json(repo.path(), &["-o", report_path.to_str().unwrap()]);
    let failing: Vec<String> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] != "pass")
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert!(failing.contains(&"documentation.onboarding".to_string()));

    // Only the handoff items attested, plus one unknown item: refused, automated checks missing.
    let partial = dir.path().join("partial.toml");
    let mut text = attest(&HANDOFF_ITEMS);
    text.push_str("[[attestation]]\nitem = \"exit.no_such_item\"\nby = \"Joe\"\ndate = \"2026-06-30\"\n");
    std::fs::write(&partial, &text).unwrap();
    let (code, stdout, stderr) = outcome(&exitready(
        dir.path(),
        &[
            "signoff",
            "--report",
            report_path.to_str().unwrap(),
            "--attestations",
            partial.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(code, 1, "{stderr}");
    let unknown_line = text.lines().position(|l| l.contains("no_such_item")).unwrap(); // 0-based item line
    assert!(
        stderr.contains(&format!(
            "warning: {}:{}: attestation for unknown item `exit.no_such_item`",
            partial.display(),
            unknown_line // the [[attestation]] header is the line before `item`
        )),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["signed_off"], false);
    let missing: Vec<String> = json["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(missing, failing);
    // Issue 15, item 18: failing checks nobody accepted are told apart from unattested items.
    assert!(
        stderr.contains("not signed off: failing checks nobody accepted the risk of: "),
        "{stderr}"
    );
    let failing_now: Vec<&str> = json["failing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let unattested: Vec<&str> = json["unattested"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for id in &failing {
        let status = check(&report, id)["status"].as_str().unwrap().to_string();
        let (list, other) = if status == "skip" {
            (&unattested, &failing_now)
        } else {
            (&failing_now, &unattested)
        };
        assert!(
            list.contains(&id.as_str()) && !other.contains(&id.as_str()),
            "{id} ({status})"
        );
    }
    let states: Vec<(&str, &str)> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["state"].as_str().unwrap()))
        .collect();
    assert!(states.contains(&("documentation.onboarding", "failing")), "{states:?}");
    assert_eq!(json["report_sha256"], sha256_of(&report_path));
    // Per control: covered only when each of its items is passed or attested. The transition
    // control of DORA Art. 28(8) is backed by handoff items (attested here) and checks.
    let control = |id: &str| {
        json["controls"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no control {id}"))
            .clone()
    };
    let transition = control("DORA-28.8.transition");
    let states: Vec<(String, String)> = transition["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(states.contains(&("exit.knowledge_transfer_held".to_string(), "attested".to_string())));
    let any_missing = states
        .iter()
        .any(|(id, state)| (state == "failing" || state == "unattested") && missing.contains(id));
    assert_eq!(transition["state"], if any_missing { "missing" } else { "covered" });

    // Everything attested: accepted; the failing checks are accepted risks by name.
    let all = dir.path().join("all.toml");
    let mut items: Vec<&str> = HANDOFF_ITEMS.to_vec();
    items.extend(failing.iter().map(String::as_str));
    std::fs::write(&all, attest(&items)).unwrap();
    let md = dir.path().join("signoff.md");
    let html = dir.path().join("signoff.html");
    let js = dir.path().join("signoff.json");
    let (code, _, stderr) = outcome(&exitready(
        dir.path(),
        &[
            "signoff",
            "--report",
            report_path.to_str().unwrap(),
            "--attestations",
            all.to_str().unwrap(),
            "-o",
            md.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
            "-o",
            js.to_str().unwrap(),
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&js).unwrap()).unwrap();
    assert_eq!(doc["signed_off"], true);
    assert_eq!(doc["missing"].as_array().unwrap().len(), 0);
    let onboarding = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "documentation.onboarding")
        .unwrap();
    assert_eq!(onboarding["state"], "risk_accepted");
    assert_eq!(onboarding["attested_by"], "Jane Doe, CTO");
    assert_eq!(onboarding["attested_on"], "2026-06-30");
    let sha = sha256_of(&report_path);
    let markdown = std::fs::read_to_string(&md).unwrap();
    assert!(markdown.contains(&format!("Report SHA-256: `{sha}`")), "{markdown}");
    assert!(markdown.contains("| exit.credentials_revoked | Vendor credentials and access are revoked or rotated | handoff | skip | attested | Jane Doe, CTO | 2026-06-30 | done |"), "{markdown}");

    for document in [&md, &html, &js] {
        let (code, stdout, _) = outcome(&exitready(
            dir.path(),
            &[
                "signoff",
                "--verify",
                document.to_str().unwrap(),
                report_path.to_str().unwrap(),
            ],
        ));
        assert_eq!(code, 0);
        assert!(stdout.contains(&sha));
    }
    // Another report: the binding fails.
    let other = dir.path().join("other.json");
    std::fs::write(
        &other,
        std::fs::read_to_string(&report_path)
            .unwrap()
            .replace("Runbooks exist", "Runbooks exist!"),
    )
    .unwrap();
    let (code, _, stderr) = outcome(&exitready(
        dir.path(),
        &["signoff", "--verify", md.to_str().unwrap(), other.to_str().unwrap()],
    ));
    assert_eq!(code, 1);
    assert!(stderr.contains("does not belong to"), "{stderr}");
}

#[test]
fn malformed_attestations_exit_2_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = Repo::at(&dir.path().join("r"));
    repo.commit(ALICE, V1_DATE, V1, "change");
    let report = dir.path().join("r.json");
    scan_json(repo.path(), &["-o", report.to_str().unwrap()]);
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[attestation]]\nitem = \"exit.credentials_revoked\"\nby = \"Jane\"\ndate = \"last week\"\n",
    )
    .unwrap();
    let (code, _, stderr) = outcome(&exitready(
        dir.path(),
        &[
            "signoff",
            "--report",
            report.to_str().unwrap(),
            "--attestations",
            bad.to_str().unwrap(),
        ],
    ));
    assert_eq!(code, 2);
    assert!(
        stderr.contains(&format!("{}:1: attestation: `date`", bad.display())),
        "{stderr}"
    );
    std::fs::write(&bad, "[[attestation]\nitem = 1\n").unwrap();
    let (code, _, stderr) = outcome(&exitready(
        dir.path(),
        &[
            "signoff",
            "--report",
            report.to_str().unwrap(),
            "--attestations",
            bad.to_str().unwrap(),
        ],
    ));
    assert_eq!(code, 2);
    assert!(stderr.contains(&format!("{}:1:", bad.display())), "{stderr}");
}

/// `--recursive` finds the repositories below a folder (nested ones too), scans them in
/// parallel, and reports the broken one as failed while scanning the others.
#[test]
fn recursive_scan_reports_the_broken_repository_and_scans_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let estate = dir.path().join("estate");
    for name in ["alpha", "group/beta"] {
        Repo::at(&estate.join(name)).commit(ALICE, V1_DATE, V1, "change");
    }
    let broken = estate.join("broken");
    std::fs::create_dir_all(broken.join(".git")).unwrap();
    std::fs::write(broken.join(".git/HEAD"), "garbage\n").unwrap();
    std::fs::write(estate.join("notes.txt"), "not a repository\n").unwrap();
    let out = dir.path().join("estate.json");
    let o = exitready(
        dir.path(),
        &[
            "scan",
            "--recursive",
            estate.to_str().unwrap(),
            "--jobs",
            "2",
            "-o",
            out.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let (code, _, stderr) = outcome(&o);
    assert_eq!(code, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let names: Vec<&str> = report["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alpha", "beta"]);
    let failed = report["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]["path"].as_str().unwrap().ends_with("broken"));
    assert!(
        failed[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("not a readable git repository"),
        "{failed:?}"
    );
    assert_eq!(report["warning_counts"]["failed_repository"], 1);
    assert!(
        stderr.contains("broken: not scanned: not a readable git repository"),
        "{stderr}"
    );
}

/// Commits `files` in a new repository `dir/parent/name` and scans it to `dir/parent-name.json`.
fn scan_named(dir: &Path, parent: &str, name: &str, files: &[(&str, Option<&str>)]) -> PathBuf {
    let mut repo = Repo::at(&dir.join(parent).join(name));
    repo.commit(ALICE, V1_DATE, files, "change");
    let out = dir.join(format!("{parent}-{name}.json"));
    scan_json(repo.path(), &["-o", out.to_str().unwrap()]);
    out
}

/// Two reports merge into one estate report: repositories side by side, same-named ones kept
/// apart, checks combined (worst status), estate scores weighted by source files; the result
/// is a report `diff` accepts as a baseline; another major schema version is refused.
#[test]
fn merge_two_reports_and_two_same_named_repositories() {
    let dir = tempfile::tempdir().unwrap();
    let mut big: Vec<(String, String)> = (0..9)
        .map(|i| (format!("src/m{i}.rs"), "fn f() {}\n".to_string()))
        .collect();
    big.push(("README.md".into(), "# Shop\n".into()));
    let big: Vec<(&str, Option<&str>)> = big.iter().map(|(a, b)| (a.as_str(), Some(b.as_str()))).collect();
    // team-a/shop: 9 source files, onboarding passes; team-b/shop: 1 source file, no README.
    let a = scan_named(dir.path(), "team-a", "shop", &big);
    let b = scan_named(dir.path(), "team-b", "shop", &[("src/main.rs", Some("fn main() {}\n"))]);
    let out = dir.path().join("estate.json");
    let md = dir.path().join("estate.md");
    let (code, _, stderr) = outcome(&exitready(
        dir.path(),
        &[
            "-q",
            "merge",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-o",
            md.to_str().unwrap(),
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    let estate: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let repos = estate["repositories"].as_array().unwrap();
    let names: Vec<&str> = repos.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2);
    assert_ne!(names[0], names[1]);
    assert!(
        names[0].starts_with("shop (") && names[0].contains("team-a"),
        "{names:?}"
    );
    assert!(names[1].contains("team-b"), "{names:?}");
    let onboarding = check(&estate, "documentation.onboarding");
    assert_eq!(onboarding["status"], "fail");
    // Weighted by source files: 9 × 1.0 + 1 × 0.0 over 10.
    assert_eq!(onboarding["score"], 0.9);
    assert!(onboarding["reason"].as_str().unwrap().contains(names[1]));
    let a_doc = repos[0]["score"]["categories"]["documentation"].as_f64().unwrap();
    let b_doc = repos[1]["score"]["categories"]["documentation"].as_f64().unwrap();
    let expected = ((9.0 * a_doc + b_doc) / 10.0 * 10.0_f64).round() / 10.0;
    assert_eq!(
        estate["score"]["categories"]["documentation"].as_f64().unwrap(),
        expected
    );
    assert_eq!(estate["estate"]["source_files"], 10);
    assert_eq!(estate["estate"]["merged_from"].as_array().unwrap().len(), 2);
    assert!(std::fs::read_to_string(&md).unwrap().contains("## Repository shop (")); // nothing to escape

    // The estate report works as a baseline.
    let (code, stdout, _) = outcome(&exitready(
        dir.path(),
        &["diff", out.to_str().unwrap(), out.to_str().unwrap()],
    ));
    assert_eq!(code, 0);
    assert!(stdout.contains("No check changed status."), "{stdout}");

    // Another major version is refused, naming the file.
    let future = dir.path().join("future.json");
    std::fs::write(
        &future,
        std::fs::read_to_string(&a)
            .unwrap()
            .replacen("\"schema_version\": 1", "\"schema_version\": 2", 1),
    )
    .unwrap();
    let (code, _, stderr) = outcome(&exitready(
        dir.path(),
        &["merge", a.to_str().unwrap(), future.to_str().unwrap()],
    ));
    assert_eq!(code, 2);
    assert!(
        stderr.contains(future.to_str().unwrap()) && stderr.contains("schema_version 2"),
        "{stderr}"
    );
}

/// Elements, attributes and text of an XHTML-compatible page, parsed (not grepped).
struct Page {
    /// (element name, attributes) in document order.
    elements: Vec<(String, Vec<(String, String)>)>,
    /// Per element: the index of its last descendant, and its text's range in `text`.
    extents: Vec<(usize, std::ops::Range<usize>)>,
    /// All text, unescaped.
    text: String,
}

fn parse_html(html: &str) -> Page {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut page = Page {
        elements: Vec::new(),
        extents: Vec::new(),
        text: String::new(),
    };
    let mut open: Vec<usize> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("HTML is not well-formed at {}: {e}", reader.buffer_position()));
        let index = page.elements.len();
        match &event {
            Event::Start(_) => open.push(index),
            Event::Empty(_) => page.extents.push((index, page.text.len()..page.text.len())),
            Event::End(_) => {
                let start = open.pop().unwrap();
                page.extents[start] = (index - 1, page.extents[start].1.start..page.text.len());
            }
            _ => {}
        }
        if let Event::Start(_) = &event {
            page.extents.push((index, page.text.len()..page.text.len()));
        }
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let raw = a.value.to_string();
                        (
                            a.key.as_ref().to_string(),
                            quick_xml::escape::unescape(&raw).unwrap().into_owned(),
                        )
                    })
                    .collect();
                page.elements.push((name, attributes));
            }
            Event::Text(t) => {
                let raw = t.html_content().into_owned();
                page.text.push_str(&quick_xml::escape::unescape(&raw).unwrap());
            }
            Event::GeneralRef(r) => {
                let raw = format!("&{};", r.html_content());
                page.text.push_str(&quick_xml::escape::unescape(&raw).unwrap());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    page
}

impl Page {
    fn with(&self, attribute: &str, value: &str) -> Vec<&(String, Vec<(String, String)>)> {
        self.elements
            .iter()
            .filter(|(_, attrs)| {
                attrs
                    .iter()
                    .any(|(k, v)| k == attribute && v.split(' ').any(|p| p == value))
            })
            .collect()
    }
    fn count(&self, name: &str) -> usize {
        self.elements.iter().filter(|(n, _)| n == name).count()
    }
    /// Indices of the elements with `attribute` holding `value` (a class among several).
    fn find(&self, attribute: &str, value: &str) -> Vec<usize> {
        (0..self.elements.len())
            .filter(|i| {
                self.elements[*i]
                    .1
                    .iter()
                    .any(|(k, v)| k == attribute && v.split(' ').any(|p| p == value))
            })
            .collect()
    }
    /// The index of the one element with this id.
    fn id(&self, id: &str) -> usize {
        let found = self.find("id", id);
        assert_eq!(found.len(), 1, "#{id}");
        found[0]
    }
    /// Indices of the descendants of element `i` named `name`.
    fn inside(&self, i: usize, name: &str) -> Vec<usize> {
        (i + 1..=self.extents[i].0)
            .filter(|j| self.elements[*j].0 == name)
            .collect()
    }
    /// The text of element `i`.
    fn text_of(&self, i: usize) -> &str {
        &self.text[self.extents[i].1.clone()]
    }
    /// An attribute of element `i`.
    fn attr(&self, i: usize, key: &str) -> Option<&str> {
        self.elements[i]
            .1
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The fixture report with more: 30 branches in flight (two the vendor's, the oldest), a
/// skipped check and a baseline, rendered to HTML and Markdown.
fn render_crowded(dir: &Path) -> (String, String) {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report-knowledge.json");
    let mut report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
    let branches = report["repositories"][0]["in_flight"].as_array_mut().unwrap();
    branches.clear();
    for i in 0..30 {
        let vendor = i < 2;
        branches.push(serde_json::json!({
            "branch": format!("origin/topic-{i:02}"),
            "last_author": if vendor { "Alice <alice@acme-outsourcing.com>" } else { "Bob <bob@example.com>" },
            "role": if vendor { "vendor" } else { "internal" },
            "last_commit": format!("{i:02}23456789abcdef0123456789abcdef01234567"),
            "last_commit_date": format!("20{:02}-01-15T10:00:00Z", 10 + i),
            "commits_ahead": i + 1,
        }));
    }
    let skipped = report["checks"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["id"] == "exit.named_owners")
        .unwrap();
    skipped["status"] = "skip".into();
    skipped["score"] = 0.0.into();
    skipped["reason"] = "no [organisations] configured: run exitready init".into();
    let input = dir.join("crowded.json");
    std::fs::write(&input, serde_json::to_string(&report).unwrap()).unwrap();
    let (html, md) = (dir.join("crowded.html"), dir.join("crowded.md"));
    let (code, _, stderr) = outcome(&exitready(
        dir,
        &[
            "-q",
            "render",
            input.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
            "-o",
            md.to_str().unwrap(),
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    (
        std::fs::read_to_string(&html).unwrap(),
        std::fs::read_to_string(&md).unwrap(),
    )
}

/// Issue 15, items 1-5: the HTML reads on any screen. Charts scale (a `viewBox`, no pixel
/// width); the page leads with the headline, the score and the top risks with their fix, then
/// the evidence; in-flight lists stop at 20 (the vendor's first) and count the rest in a
/// `<details>` block; a skipped check says "not evaluated", never "score 0%"; an island bar is
/// its share of the track.
#[test]
fn html_report_reads_on_any_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (html, md) = render_crowded(dir.path());
    let page = parse_html(&html);

    for (i, (name, attrs)) in page.elements.iter().enumerate() {
        if name != "svg" {
            continue;
        }
        let view_box = page
            .attr(i, "viewBox")
            .unwrap_or_else(|| panic!("svg without viewBox: {attrs:?}"));
        assert_eq!(view_box.split(' ').count(), 4, "{view_box}");
        assert!(page.attr(i, "width").is_none(), "svg with a fixed width: {attrs:?}");
        assert!(page.attr(i, "style").is_none_or(|s| !s.contains("width")), "{attrs:?}");
    }
    assert!(!html.contains("width=\"560\"") && !html.contains("width=\"720\""));

    // Headline, score, top risks, then the evidence.
    let order: Vec<usize> = ["headline", "score", "top-risks", "checks", "repositories"]
        .iter()
        .map(|id| page.id(id))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let risks = page.id("top-risks");
    let items = page.inside(risks, "li");
    assert!(!items.is_empty() && items.len() <= 5, "{}", items.len());
    for item in &items {
        assert!(page.text_of(*item).contains("Fix: "), "{}", page.text_of(*item));
    }
    assert!(page.text_of(risks).contains("Design decisions are recorded"));

    // In flight: 20 listed, the vendor's first, short ids and dates; 10 counted in <details>.
    let tables = page.find("class", "branches");
    assert_eq!(tables.len(), 2);
    let listed = page.inside(tables[0], "tr");
    assert_eq!(listed.len(), 1 + 20, "a header and 20 branches");
    assert!(page.text_of(listed[1]).contains("origin/topic-01"));
    assert!(page.text_of(listed[2]).contains("origin/topic-00"));
    assert!(page.text_of(listed[3]).contains("origin/topic-29"));
    let last_commit = page.inside(listed[1], "td")[1];
    assert_eq!(
        page.text_of(last_commit),
        "2011-01-150123456789",
        "date, then the short id"
    );
    assert!(!page.text_of(tables[0]).contains("0123456789abcdef"), "full ids listed");
    let details = page.inside(page.id("repo-0"), "details");
    assert_eq!(details.len(), 1);
    assert!(page.attr(details[0], "open").is_none(), "open on screen");
    assert!(page.inside(details[0], "table").contains(&tables[1]));
    assert_eq!(page.inside(tables[1], "tr").len(), 1 + 10);
    let summary = page.inside(details[0], "summary")[0];
    assert_eq!(
        page.text_of(summary),
        "10 more branches: 10 internal; last commits 2012-01-15 to 2021-01-15"
    );
    assert!(html.contains("details.more::details-content { content-visibility: visible; display: block; }"));

    // A skipped check is not evaluated, with why.
    let skipped = page.id("check-exit.named_owners");
    let text = page.text_of(skipped);
    assert!(text.contains("not evaluated"), "{text}");
    assert!(
        text.contains("Not evaluated: no [organisations] configured: run exitready init"),
        "{text}"
    );
    assert!(!text.contains("0%"), "{text}");

    // Island bars: the share of the track, not of the largest island.
    for row in page.inside(page.find("class", "islands")[0], "tr").into_iter().skip(1) {
        let cells = page.inside(row, "td");
        let files: f64 = page.text_of(cells[1]).parse().unwrap();
        let orphaned: f64 = page.text_of(cells[2]).split(' ').next().unwrap().parse().unwrap();
        let bars = page.inside(row, "rect");
        let drawn: f64 = page.attr(bars[1], "width").unwrap().parse().unwrap();
        assert!(
            (drawn - 100.0 * orphaned / files).abs() < 0.1,
            "{drawn} vs {orphaned}/{files}"
        );
    }

    // The Markdown says the same.
    let rendered = render_markdown(&md);
    assert!(
        rendered
            .text
            .contains("exit.named_owners | In-house owners are named for engineering, delivery and security | skip | not evaluated | not evaluated: no [organisations] configured: run exitready init | ")
    , "{}", rendered.text);
    assert!(
        rendered.text.contains("10 more branches: 10 internal"),
        "{}",
        rendered.text
    );
    let listed_md = md.lines().filter(|l| l.starts_with("| origin/topic-")).count();
    assert_eq!(listed_md, 20);
}

/// The HTML report of a report with knowledge figures: one self-contained page with every
/// section and chart, and every hostile string from the repository shown as text.
#[test]
fn html_report_has_its_sections_and_charts_and_escapes_everything() {
    let dir = tempfile::tempdir().unwrap();
    let html_path = dir.path().join("report.html");
    let md_path = dir.path().join("report.md");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report-knowledge.json");
    let (code, _, stderr) = outcome(&exitready(
        dir.path(),
        &[
            "-q",
            "render",
            fixture,
            "-o",
            html_path.to_str().unwrap(),
            "-o",
            md_path.to_str().unwrap(),
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(&html_path).unwrap();
    let page = parse_html(&html);
    for id in ["score", "headline", "repositories", "checks", "repo-0"] {
        assert_eq!(page.with("id", id).len(), 1, "section #{id}");
    }
    for class in [
        "offboarding",
        "islands",
        "trend",
        "services",
        "stale-docs",
        "unowned",
        "in-flight",
    ] {
        assert!(!page.with("class", class).is_empty(), "section .{class}");
    }
    // Charts: the gauge, category bars, off-boarding bars, the trend with axes and a legend.
    assert_eq!(page.with("class", "gauge").len(), 1);
    let trend_lines = page.count("polyline");
    assert_eq!(trend_lines, 5, "one polyline per trend series");
    assert!(
        page.text.contains("calendar quarter (UTC)") && page.text.contains("100%") && page.text.contains("2026-Q2")
    );
    for legend in [
        "vendor share of commits",
        "in-house share of commits",
        "pairing rate",
        "files known in-house",
    ] {
        assert!(page.text.contains(legend), "legend {legend}");
    }
    assert!(
        page.text
            .contains("If acme-outsourcing.com left today, 63.8% of the source files")
    );
    // Failing checks first.
    let statuses: Vec<String> = page
        .with("class", "check")
        .iter()
        .map(|(_, a)| a.iter().find(|(k, _)| k == "id").unwrap().1.clone())
        .collect();
    assert_eq!(
        statuses.first().map(String::as_str),
        Some("check-documentation.decisions")
    );
    assert_eq!(
        statuses.last().map(String::as_str),
        Some("check-documentation.onboarding")
    );
    // Self-contained and inert: no script, image, external resource, or foreign link.
    for (name, attrs) in &page.elements {
        assert!(
            !["script", "img", "link", "iframe", "object", "embed"].contains(&name.as_str()),
            "<{name}>"
        );
        for (key, value) in attrs {
            assert!(!key.starts_with("on") && key != "src", "{name} {key}={value}");
            if key == "href" {
                assert!(
                    value.starts_with('#') || value.starts_with("https://github.com/acme/shop"),
                    "href {value}"
                );
            }
        }
    }
    // Hostile names and titles are text.
    for hostile in [
        "<script>alert(5)</script>",
        "<img src=x onerror=alert(3)>",
        "<img src=x onerror=alert(1)> | `tick` [link](javascript:alert(1))",
        "src/<script>alert(1)<",
    ] {
        assert!(page.text.contains(hostile), "{hostile} shown as text");
    }
    assert!(html.contains(
        "https://github.com/acme/shop/blob/3f2a9c1e5b7d4f60a8e2c9b1d3f5a7c9e1b3d5f7/docs/runbooks/payments.md"
    ));

    let md = std::fs::read_to_string(&md_path).unwrap();
    let rendered = render_markdown(&md);
    assert!(rendered.html.is_empty(), "raw HTML in Markdown: {:?}", rendered.html);
    assert!(
        rendered
            .links
            .iter()
            .all(|l| l.starts_with("https://github.com/acme/shop/")),
        "{:?}",
        rendered.links
    );
    // Issue 15, item 8: files link to the web host, as in the HTML.
    assert!(
        rendered.links.contains(
            &"https://github.com/acme/shop/blob/3f2a9c1e5b7d4f60a8e2c9b1d3f5a7c9e1b3d5f7/docs/runbooks/payments.md"
                .to_string()
        ),
        "{:?}",
        rendered.links
    );
    assert!(
        rendered
            .text
            .contains("<img src=x onerror=alert(1)> | `tick` [link](javascript:alert(1))"),
        "{}",
        rendered.text
    );
}

/// A real scan of a repository with hostile file names and titles writes inert HTML and Markdown.
#[test]
fn scan_of_hostile_repository_escapes_html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = Repo::at(&dir.path().join("evil"));
    repo.commit(
        ALICE,
        V1_DATE,
        &[
            ("README.md", Some("# `<script>alert(1)</script>`\n")),
            (
                "docs/runbooks/<img src=x onerror=alert(2)>.md",
                Some("# <img src=x onerror=alert(3)> | `x`\n"),
            ),
            ("src/main.rs", Some("fn main() {}\n")),
        ],
        "change",
    );
    let html = dir.path().join("r.html");
    let md = dir.path().join("r.md");
    let o = exitready(
        dir.path(),
        &[
            "-q",
            "scan",
            repo.path().to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
            "-o",
            md.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let page = parse_html(&std::fs::read_to_string(&html).unwrap());
    assert_eq!(page.count("script") + page.count("img"), 0);
    assert!(page.text.contains("<script>alert(1)</script>"));
    assert!(page.text.contains("docs/runbooks/<img src=x onerror=alert(2)>.md"));
    let rendered = render_markdown(&std::fs::read_to_string(&md).unwrap());
    assert!(rendered.html.is_empty() && rendered.links.is_empty());
    assert!(rendered.text.contains("<script>alert(1)</script>"), "{}", rendered.text);
    assert!(
        rendered.text.contains("docs/runbooks/<img src=x onerror=alert(2)>.md"),
        "{}",
        rendered.text
    );
}

/// `exitready schema` prints a JSON Schema that every report validates against: the hand-built
/// fixture, a real scan with a baseline, and a merged estate report.
#[test]
fn reports_validate_against_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let (code, schema, _) = outcome(&exitready(dir.path(), &["schema"]));
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut repo = Repo::at(&dir.path().join("shop"));
    repo.commit(ALICE, V1_DATE, V1, "change");
    let old = dir.path().join("old.json");
    scan_json(repo.path(), &["-o", old.to_str().unwrap()]);
    repo.commit(ALICE, V2_DATE, V1_TO_V2, "change");
    let new = dir.path().join("new.json");
    let o = exitready(
        dir.path(),
        &[
            "-q",
            "scan",
            repo.path().to_str().unwrap(),
            "--baseline",
            old.to_str().unwrap(),
            "-o",
            new.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let estate = dir.path().join("estate.json");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report-knowledge.json");
    let (code, _, _) = outcome(&exitready(
        dir.path(),
        &[
            "-q",
            "merge",
            new.to_str().unwrap(),
            fixture,
            "-o",
            estate.to_str().unwrap(),
        ],
    ));
    assert_eq!(code, 0);
    for path in [Path::new(fixture), &old, &new, &estate] {
        let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
    // And a report that breaks the contract does not validate.
    let mut broken: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&new).unwrap()).unwrap();
    broken["checks"][0]["status"] = "maybe".into();
    assert!(!validator.is_valid(&broken));
}

/// `--anonymize` replaces people (named roles) by stable pseudonyms and keeps organisations.
#[test]
fn anonymize_replaces_people_and_keeps_organisations() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = Repo::at(&dir.path().join("shop"));
    repo.commit(
        ALICE,
        V1_DATE,
        &[
            (
                "README.md",
                Some("# Shop\n\nSecurity owner: Jane Doe\n\nMail jane@example.com.\n"),
            ),
            ("src/main.rs", Some("fn main() {}\n")),
        ],
        "change",
    );
    let plain = scan_json(repo.path(), &["-o", dir.path().join("plain.json").to_str().unwrap()]);
    assert!(plain.to_string().contains("Jane Doe"));
    let out = dir.path().join("anon.json");
    let o = exitready(
        dir.path(),
        &[
            "-q",
            "scan",
            repo.path().to_str().unwrap(),
            "--anonymize",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains("Jane Doe") && !text.contains("jane@"), "{text}");
    let o2 = dir.path().join("anon2.json");
    exitready(
        dir.path(),
        &[
            "-q",
            "scan",
            repo.path().to_str().unwrap(),
            "--anonymize",
            "-o",
            o2.to_str().unwrap(),
        ],
    );
    assert_eq!(text, std::fs::read_to_string(&o2).unwrap(), "pseudonyms are stable");
    assert!(text.contains("person-"));
}

#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().unwrap();
    let (code, bash, _) = outcome(&exitready(dir.path(), &["completions", "bash"]));
    assert_eq!(code, 0);
    assert!(bash.contains("signoff") && bash.contains("--baseline"));
    let (code, man, _) = outcome(&exitready(dir.path(), &["man"]));
    assert_eq!(code, 0);
    assert!(man.starts_with(".ie") && man.contains(".TH exitready 1"));
}

/// Issue 15: the README documents every command and every option its `--help` offers (by long
/// name, or short name for `-o`).
#[test]
fn readme_documents_every_command_and_option() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut command = exitready::cli::command();
    command.build();
    let mut missing = Vec::new();
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = sub.get_name();
        if !readme.contains(&format!("`exitready {name}")) && !readme.contains(&format!("`{name}")) {
            missing.push(format!("command {name}"));
        }
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set() && !a.is_positional()) {
            let long = arg.get_long().map(|l| format!("--{l}"));
            let short = arg.get_short().map(|s| format!("-{s}"));
            if matches!(long.as_deref(), Some("--help" | "--version")) {
                continue;
            }
            let documented = long.iter().chain(&short).any(|flag| {
                readme.contains(&format!("`{flag}"))
                    || readme.contains(&format!("{flag} "))
                    || readme.contains(&format!("{flag}/"))
            });
            if !documented {
                missing.push(format!("{name} {}", long.or(short).unwrap()));
            }
        }
    }
    assert!(missing.is_empty(), "not in the README: {missing:?}");
}
