//! Hostile and unlucky inputs on the output side (issue 11): what exitready writes must never be
//! a wrong report in silence, a terminal escape, a live link, a crash or a runaway.
//!
//! `hostile()` builds one repository with every hostile name and content of the issue (newline,
//! tab, quotes, `<script>`, `|`, backticks, ESC/OSC/BEL/CR, U+202E, 250-byte names, invalid
//! UTF-8 in file and folder names) in documents, titles, paths, authors, branch names,
//! CODEOWNERS owners, "Security owner:" lines, waiver reasons and a commit trailer; the tests
//! after it check every output of `scan`, `people`, `explain`, `gate` and GitHub annotations.
//! Then one test (or a few) per numbered item of the issue, each building its input.
//! See: issue 11.

use std::path::Path;
use std::process::Stdio;
use std::sync::LazyLock;

use git2::{Oid, Repository, Signature, Time};

use crate::util::{ALICE, BOB, Repo, check, command, exitready, exitready_at, outcome, scan_json};

/// ESC, OSC (window title, ended by BEL), CSI (clear screen), CR, a one-byte C1 CSI, the
/// right-to-left override and an isolate, Markdown and HTML markup, quotes, `|`, backticks, tab.
const NASTY: &str =
    "ev\u{1b}]0;pwned\u{7}il\u{1b}[2J\r\u{9b}31m\u{202e}dm.exe\u{2066}|`tick`<script>alert(1)</script>\"q'\ttab";

/// A title: everything in `NASTY` a heading line can carry (no CR, which ends a line).
const TITLE: &str = "Run\u{1b}]0;pwned\u{7}book \u{202e}kcabllor \u{1b}[2J";

/// An author whose name and email carry escape sequences (git forbids only `<`, `>` and NUL).
const MALLORY: (&str, &str) = (
    "Mallory \u{1b}]0;owned\u{7}\u{202e}Evil|`x`",
    "mallory\u{1b}[31m@quis.cc",
);

/// A branch name: what `git check-ref-format` allows of `NASTY` (no control characters).
const BRANCH: &str = "mallory/<script>alert(1)</script>\u{202e}`|\"'";

/// The hostile repository's config: a waiver reason and an accountable person with escape
/// sequences (TOML's `\u001b` escapes).
const CONFIG: &str = "[[waiver]]\ncheck = \"freshness.links\"\nreason = \"ok\\u001b]0;waived\\u0007\\u202e \\r fine\"\nexpires = 2027-01-01\n\n[accountability]\nsecurity = \"Mal\\u001b]0;x\\u0007lory\"\n";

/// The hostile runbook's path.
fn runbook_path() -> String {
    format!("docs/runbooks/{}.md", NASTY.replace('/', "_"))
}

/// Commits `files` (raw byte paths, so that names need not be UTF-8) on `reference` with a git2
/// tree builder, the first parent being what `reference` points at; returns the commit.
fn commit_raw(
    repo: &Repository,
    reference: &str,
    author: (&str, &str),
    when: i64,
    files: &[RawFile],
    message: &str,
) -> Oid {
    let parent = repo
        .find_reference(reference)
        .ok()
        .and_then(|r| r.peel_to_commit().ok());
    let base = parent.as_ref().map(|c| c.tree().unwrap());
    let tree = write_tree(repo, base.as_ref(), files);
    let signature = Signature::new(author.0, author.1, &Time::new(when, 0)).unwrap();
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(
        Some(reference),
        &signature,
        &signature,
        message,
        &repo.find_tree(tree).unwrap(),
        &parents,
    )
    .unwrap()
}

/// A tree: `base` with `files` (paths split on `/`) added or replaced.
fn write_tree(repo: &Repository, base: Option<&git2::Tree>, files: &[RawFile]) -> Oid {
    let mut builder = repo.treebuilder(base).unwrap();
    let mut folders: Vec<(Vec<u8>, Vec<RawFile>)> = Vec::new();
    for (path, content) in files {
        match path.iter().position(|b| *b == b'/') {
            None => {
                let blob = repo.blob(content).unwrap();
                builder.insert(path.as_slice(), blob, 0o100644).unwrap();
            }
            Some(at) => {
                let (folder, rest) = (path[..at].to_vec(), path[at + 1..].to_vec());
                match folders.iter_mut().find(|(f, _)| *f == folder) {
                    Some((_, inner)) => inner.push((rest, content.clone())),
                    None => folders.push((folder, vec![(rest, content.clone())])),
                }
            }
        }
    }
    for (folder, inner) in folders {
        let existing = builder
            .get(folder.as_slice())
            .unwrap()
            .and_then(|entry| repo.find_tree(entry.id()).ok());
        let tree = write_tree(repo, existing.as_ref(), &inner);
        builder.insert(folder.as_slice(), tree, 0o040000).unwrap();
    }
    builder.write().unwrap()
}

/// A file of a raw commit: its path and content, as bytes.
type RawFile = (Vec<u8>, Vec<u8>);

fn bytes(path: &str, content: &str) -> RawFile {
    (path.as_bytes().to_vec(), content.as_bytes().to_vec())
}

/// 2024-01-01 and 2026-06-01, unix seconds.
const OLD: i64 = 1_704_110_400;
const RECENT: i64 = 1_780_315_200;

/// The hostile repository (see the module doc). HEAD is branch `feature`, whose last commit
/// changes the `pay` service's code (with hostile names) without its runbook, so that `gate
/// --changed-since main` fails and names the changed paths; branch `BRANCH` (by Mallory) is in
/// flight. The README, the hostile runbook and the service's hostile file are also on disk, for
/// `explain`.
fn hostile() -> Repo {
    let mut repo = Repo::new();
    let git = repo.git();
    let long_name = format!("docs/{}.md", "n".repeat(247));
    let readme = format!(
        "# {TITLE}\n\nSecurity owner: \u{1b}]0;title\u{7}Mallory \u{202e}Evil\n\nSee [the runbook]({}).\n",
        runbook_path().replace(' ', "%20")
    );
    let runbook = format!(
        "# {TITLE}\n\nWhat to do when the payments service stops taking orders in production: restart it, check the queue drains, and page the on-call engineer when it does not recover within ten minutes.\n\n## Steps\n\n1. Run `kubectl rollout restart deployment/payments` against the production cluster.\n2. Watch the queue depth on the dashboard until it falls.\n3. Read [dead](<missing\u{1b}]0;x\u{7}.md>) and [gone](#no-\u{1b}[2J-anchor) and `docs/gone\u{1b}[31m\u{202e}.md` for the history.\n\nLast reviewed: 2020-01-01\n"
    );
    // Owners with control characters are invalid (their lines are reported as errors, with the
    // owner quoted); the valid ones are shown by `explain`.
    let codeowners = "* @ev\u{1b}]0;x\u{7}il @\u{202e}team\n/docs/ @\"><script>alert(1)</script> bad\u{1b}[2Jowner\nREADME.md @mallory\n";
    let mut files = vec![
        bytes("README.md", &readme),
        bytes(&runbook_path(), &runbook),
        bytes("CODEOWNERS", codeowners),
        bytes(&long_name, &format!("# {TITLE}\n")),
        bytes("docs/new\nline.md", "# New\nline\n"),
        bytes("docs/tab\tand\rcr.md", "# Tab\n"),
        bytes("services/pay/Dockerfile", "FROM scratch\n"),
        bytes("services/pay/app.py", "print('pay')\n"),
        (b"docs/inv\xffalid.md".to_vec(), b"# Invalid \xff\xfe name\n".to_vec()),
        (b"docs/bad-content.md".to_vec(), b"# Bad \xff content\n".to_vec()),
        (
            b"zz\xfe\xff/in.md".to_vec(),
            b"# In a folder with an invalid name\n".to_vec(),
        ),
    ];
    files.push(bytes("exitready.toml", CONFIG));
    commit_raw(
        &git,
        "refs/heads/main",
        MALLORY,
        OLD,
        &files,
        "Hostile\u{1b}]0;commit\u{7} layout",
    );
    let base = git.refname_to_id("refs/heads/main").unwrap();
    git.reference(&format!("refs/heads/{BRANCH}"), base, false, "hostile branch")
        .unwrap();
    commit_raw(
        &git,
        &format!("refs/heads/{BRANCH}"),
        MALLORY,
        OLD + 86_400,
        &[bytes("wip.py", "x = 1\n")],
        "wip",
    );
    git.reference("refs/heads/feature", base, false, "feature").unwrap();
    let pay = format!("services/pay/{}.py", NASTY.replace('/', "_"));
    commit_raw(
        &git,
        "refs/heads/feature",
        MALLORY,
        RECENT,
        &[
            bytes(&pay, "print('evil')\n"),
            bytes("services/pay/app.py", "print('pay v2')\n"),
        ],
        "Change pay\u{1b}]0;x\u{7}",
    );
    git.set_head("refs/heads/feature").unwrap();
    drop(git);
    repo.write(&[
        ("exitready.toml", Some(CONFIG)),
        ("README.md", Some(&readme)),
        (&runbook_path(), Some(&runbook)),
        (&pay, Some("print('evil')\n")),
    ]);
    repo
}

static HOSTILE: LazyLock<Repo> = LazyLock::new(hostile);

/// No byte below 0x20 but `\n` and `\t`, no DEL, no C1 control and no bidirectional control:
/// what a terminal, a Markdown file or a CI log may receive.
fn assert_terminal_safe(what: &str, text: &[u8]) {
    for (at, byte) in text.iter().enumerate() {
        assert!(
            *byte >= 0x20 && *byte != 0x7f || *byte == b'\n' || *byte == b'\t',
            "{what}: byte {byte:#04x} at {at}: {:?}",
            String::from_utf8_lossy(&text[at.saturating_sub(40)..(at + 40).min(text.len())])
        );
    }
    let text = String::from_utf8_lossy(text);
    for c in text.chars() {
        let bidi =
            matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(!bidi && !('\u{80}'..='\u{9f}').contains(&c), "{what}: {c:?} in {text}");
    }
}

/// HTML with no live markup from the repository: well-formed (quick-xml), no `script` element,
/// no `on…` handler, every link to this page or an `https://` web host.
fn assert_inert_html(what: &str, html: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("{what}: not well-formed at {}: {e}", reader.buffer_position()))
        {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_lowercase();
                assert!(
                    !matches!(name.as_str(), "script" | "iframe" | "object" | "embed" | "img"),
                    "{what}: <{name}>"
                );
                for attribute in e.attributes() {
                    let attribute = attribute.unwrap();
                    let key = attribute.key.as_ref().to_lowercase();
                    let value = quick_xml::escape::unescape(&attribute.value).unwrap().into_owned();
                    assert!(!key.starts_with("on"), "{what}: handler {key}={value}");
                    if key == "href" || key == "src" {
                        assert!(
                            value.starts_with('#') || value.starts_with("https://"),
                            "{what}: link {value}"
                        );
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
}

/// XML that parses to its end.
fn assert_well_formed_xml(what: &str, xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{what}: not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
}

/// Issue 11, items 7 and 9-ish of "Done when": every format of `scan` on the hostile repository.
#[test]
fn every_scan_output_of_the_hostile_repository_is_safe_and_json_keeps_exact_values() {
    let repo = &*HOSTILE;
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let files = [
        "r.json",
        "r.md",
        "r.html",
        "r.txt",
        "r.sarif",
        "r.junit.xml",
        "r.codequality.json",
    ];
    let mut args = vec!["scan".to_string(), ".".to_string(), "--color".into(), "never".into()];
    for f in files {
        args.push("-o".into());
        args.push(out(f));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = outcome(&exitready(repo.path(), &args));
    assert_eq!(code, 0, "{stderr}");
    assert_terminal_safe("scan summary (stdout)", stdout.as_bytes());
    assert_terminal_safe("scan stderr", stderr.as_bytes());
    assert!(
        stdout.contains("waiver"),
        "the waiver line is part of the summary: {stdout}"
    );
    for text_format in ["r.md", "r.txt", "r.html"] {
        assert_terminal_safe(text_format, &std::fs::read(out(text_format)).unwrap());
    }
    assert_inert_html("r.html", &std::fs::read_to_string(out("r.html")).unwrap());
    assert_well_formed_xml("r.junit.xml", &std::fs::read_to_string(out("r.junit.xml")).unwrap());

    // JSON keeps the exact values: the path, the title, the author, the waiver's reason.
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out("r.json")).unwrap()).unwrap();
    let repository = &report["repositories"][0];
    let runbook = repository["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == runbook_path())
        .unwrap_or_else(|| panic!("no document {:?}", runbook_path()));
    assert_eq!(runbook["title"], TITLE);
    assert_eq!(report["waivers"][0]["reason"], "ok\u{1b}]0;waived\u{7}\u{202e} \r fine");
    let branches: Vec<&str> = repository["in_flight"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["branch"].as_str().unwrap())
        .collect();
    assert!(branches.contains(&BRANCH), "{branches:?}");
    assert!(
        report.to_string().contains("\\u001b]0;owned\\u0007"),
        "Mallory's name, escaped by JSON"
    );
    for machine in ["r.sarif", "r.codequality.json"] {
        let text = std::fs::read_to_string(out(machine)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{machine}: {e}"));
        assert!(value.is_object() || value.is_array());
    }
    let sarif: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out("r.sarif")).unwrap()).unwrap();
    assert!(
        sarif.to_string().contains("missing\\u001b]0;x\\u0007.md"),
        "the dead link's exact target in SARIF"
    );

    // Markdown and text to stdout, and the annotations of GitHub Actions.
    for format in ["md", "text"] {
        let (code, stdout, stderr) = outcome(&exitready(repo.path(), &["scan", ".", "--format", format]));
        assert_eq!(code, 0, "{stderr}");
        assert_terminal_safe(&format!("scan --format {format}"), stdout.as_bytes());
        assert_terminal_safe(&format!("scan --format {format} (stderr)"), stderr.as_bytes());
        assert!(stdout.contains('\u{FFFD}'), "escape sequences are replaced visibly");
    }
    let output = command()
        .current_dir(repo.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["scan", "."])
        .output()
        .unwrap();
    let (code, stdout, stderr) = outcome(&output);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("::error ") || stdout.contains("::warning "), "{stdout}");
    assert_terminal_safe("GitHub annotations", stdout.as_bytes());
}

/// `people` (text and JSON), `init` and `explain` (a file, a check) on the hostile repository.
#[test]
fn people_explain_and_init_on_the_hostile_repository_are_terminal_safe() {
    let repo = &*HOSTILE;
    let (code, stdout, stderr) = outcome(&exitready(repo.path(), &["people", "."]));
    assert_eq!(code, 0, "{stderr}");
    assert_terminal_safe("people", stdout.as_bytes());
    assert!(
        stdout.contains("Mallory \u{FFFD}]0;owned\u{FFFD}\u{FFFD}Evil|`x`"),
        "{stdout}"
    );
    let (code, stdout, _) = outcome(&exitready(repo.path(), &["people", ".", "--format", "json"]));
    assert_eq!(code, 0);
    let people: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(people["people"][0]["name"], MALLORY.0, "JSON keeps the exact name");

    for target in ["README.md".to_string(), runbook_path()] {
        let (code, stdout, stderr) = outcome(&exitready(repo.path(), &["explain", &target]));
        assert_eq!(code, 0, "{target}: {stderr}");
        assert_terminal_safe(&format!("explain {target}"), stdout.as_bytes());
        assert!(stdout.contains("title: Run\u{FFFD}]0;pwned\u{FFFD}book"), "{stdout}");
    }
    for check in ["exit.named_owners", "ownership.valid_rules", "freshness.links"] {
        let (code, stdout, stderr) = outcome(&exitready(repo.path(), &["explain", check, "--repo", "."]));
        assert_eq!(code, 0, "{stderr}");
        assert_terminal_safe(&format!("explain {check}"), stdout.as_bytes());
        assert!(stdout.contains('\u{FFFD}'), "{check}: {stdout}");
    }
    let (code, stdout, _) = outcome(&exitready(
        repo.path(),
        &["explain", &runbook_path(), "--format", "json"],
    ));
    assert_eq!(code, 0);
    let explained: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(explained["title"], TITLE);

    // A domain with ESC in it: the config `init` writes still loads.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("exitready.toml");
    let (code, _, stderr) = outcome(&exitready(repo.path(), &["init", ".", "-o", config.to_str().unwrap()]));
    assert_eq!(code, 0, "{stderr}");
    assert_terminal_safe("init's config", &std::fs::read(&config).unwrap());
    let (code, _, stderr) = outcome(&exitready(
        repo.path(),
        &["scan", ".", "-q", "--config", config.to_str().unwrap()],
    ));
    assert_eq!(code, 0, "the config init wrote loads: {stderr}");
}

/// The gate's lines: changed paths with escape sequences, and the `Runbook-Not-Needed:` reason.
#[test]
fn gate_lines_and_annotations_of_hostile_changes_are_terminal_safe() {
    let repo = &*HOSTILE;
    let output = command()
        .current_dir(repo.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["gate", "--changed-since", "main"])
        .output()
        .unwrap();
    let (code, stdout, stderr) = outcome(&output);
    assert_eq!(code, 1, "the runbook was not changed: {stdout}{stderr}");
    assert_terminal_safe("gate", stdout.as_bytes());
    assert_terminal_safe("gate (stderr)", stderr.as_bytes());
    assert!(stdout.contains("services/pay/ev\u{FFFD}]0;pwned\u{FFFD}il"), "{stdout}");
    assert!(stdout.contains("::error "), "{stdout}");

    // The same change with a hostile trailer: exempt, and the reason is shown safely.
    let mut repo = Repo::new();
    repo.commit(
        BOB,
        "2026-01-02",
        &[
            ("services/pay/Dockerfile", Some("FROM scratch\n")),
            ("services/pay/app.py", Some("print('pay')\n")),
            ("docs/runbooks/pay.md", Some("# Pay runbook\n\n## Steps\n")),
        ],
        "layout",
    );
    repo.branch("feature");
    repo.commit(
        BOB,
        "2026-01-03",
        &[("services/pay/app.py", Some("print('pay v2')\n"))],
        "Change pay\n\nRunbook-Not-Needed: \u{1b}]0;trust\u{7} me \u{202e}it is fine\n",
    );
    let (code, stdout, stderr) = outcome(&exitready(repo.path(), &["gate", "--changed-since", "main"]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_terminal_safe("gate with a trailer", stdout.as_bytes());
    assert!(
        stdout.contains("\u{FFFD}]0;trust\u{FFFD} me \u{FFFD}it is fine"),
        "{stdout}"
    );
}

// ---- Item 6: one repository twice, and repositories matched by remote. ----

/// A repository with a stale runbook (last changed in 2023), its origin set to `remote`.
fn stale_runbook_repo(name: &str, remote: &str) -> Repo {
    let mut repo = Repo::named(name);
    repo.commit(
        ALICE,
        "2023-01-10",
        &[
            ("docs/runbooks/pay.md", Some("# Pay runbook\n\n## Steps\nRestart.\n")),
            ("src/main.rs", Some("fn main() {}\n")),
        ],
        "layout",
    );
    repo.git().remote("origin", remote).unwrap();
    repo
}

fn write_scan(repo: &Repo, to: &Path) {
    let (code, _, stderr) = outcome(&exitready(
        repo.path(),
        &["scan", ".", "-q", "-o", to.to_str().unwrap()],
    ));
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn merge_refuses_one_repository_twice() {
    let repo = stale_runbook_repo("shop", "git@github.com:acme/shop.git");
    let copy = stale_runbook_repo("shop-copy", "https://user:token@github.com/acme/shop/");
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    write_scan(&repo, &a);
    write_scan(&copy, &b);
    for second in [&a, &b] {
        let (code, _, stderr) = outcome(&exitready(
            dir.path(),
            &[
                "merge",
                a.to_str().unwrap(),
                second.to_str().unwrap(),
                "--format",
                "json",
            ],
        ));
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(&format!(
                "{}: repository {} (github.com/acme/shop at ",
                second.display(),
                if second == &a { "shop" } else { "shop-copy" }
            )) && stderr.contains(&format!("is already in {}", a.display())),
            "{stderr}"
        );
    }
}

#[test]
fn diff_matches_clones_by_remote_and_warns_about_unrelated_repositories() {
    let repo = stale_runbook_repo("shop", "git@github.com:acme/shop.git");
    let clone = stale_runbook_repo("checkout-7", "https://github.com/acme/shop.git");
    let other = stale_runbook_repo("shop", "https://github.com/acme/not-the-shop.git");
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a.json"),
        dir.path().join("b.json"),
        dir.path().join("c.json"),
    );
    write_scan(&repo, &a);
    write_scan(&clone, &b);
    write_scan(&other, &c);
    let (code, stdout, stderr) = outcome(&exitready(
        dir.path(),
        &["diff", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"],
    ));
    assert_eq!(code, 0, "{stderr}");
    let diff: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(diff["new_stale_docs"], serde_json::json!([]), "{diff}");
    assert_eq!(diff["resolved_stale_docs"], serde_json::json!([]), "{diff}");
    assert_eq!(diff["warnings"], serde_json::json!([]));
    assert!(!stderr.contains("warning"), "{stderr}");

    let (code, stdout, stderr) = outcome(&exitready(
        dir.path(),
        &["diff", a.to_str().unwrap(), c.to_str().unwrap(), "--format", "json"],
    ));
    assert_eq!(code, 0);
    let diff: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        diff["resolved_stale_docs"],
        serde_json::json!([]),
        "an unrelated repository resolves nothing"
    );
    assert!(
        stderr.contains(
            "warning: shop: the baseline's repository of this name has another remote (github.com/acme/shop, now github.com/acme/not-the-shop): not compared"
        ),
        "{stderr}"
    );

    // The same through `scan --baseline`.
    let (code, _, stderr) = outcome(&exitready(
        clone.path(),
        &["scan", ".", "--format", "json", "--baseline", a.to_str().unwrap()],
    ));
    assert_eq!(code, 0);
    assert!(!stderr.contains("warning: baseline"), "{stderr}");
}

// ---- Item 8: links read from a report are checked. ----

#[test]
fn render_and_merge_drop_a_web_url_that_scan_would_not_write() {
    let repo = stale_runbook_repo("shop", "git@github.com:acme/shop.git");
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    write_scan(&repo, &good);
    let mut report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&good).unwrap()).unwrap();
    assert_eq!(report["repositories"][0]["web_url"], "https://github.com/acme/shop");
    report["repositories"][0]["web_url"] = "javascript:alert(1)//".into();
    let evil = dir.path().join("evil.json");
    std::fs::write(&evil, report.to_string()).unwrap();
    for command in [
        vec!["render", evil.to_str().unwrap()],
        vec!["merge", evil.to_str().unwrap()],
    ] {
        let html = dir.path().join("out.html");
        let mut args = command.clone();
        args.extend(["-o", html.to_str().unwrap()]);
        let (code, _, stderr) = outcome(&exitready(dir.path(), &args));
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stderr.contains("web_url \"javascript:alert(1)//\" dropped: not the page of a repository"),
            "{stderr}"
        );
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(!page.contains("javascript:"), "{command:?}");
        assert_inert_html("render", &page);
    }
}

// ---- Item 10: evidence is bounded. ----

#[test]
fn a_runbook_with_twenty_thousand_dead_links_gives_bounded_evidence_in_every_format() {
    let mut repo = Repo::new();
    let mut text = String::from("# Pay runbook\n\n## Steps\n\n");
    for i in 0..20_000 {
        text.push_str(&format!("[l](m/{i}.md)\n"));
    }
    repo.commit(ALICE, "2026-06-01", &[("docs/runbooks/pay.md", Some(&text))], "links");
    let dir = tempfile::tempdir().unwrap();
    let (json, sarif, junit) = (
        dir.path().join("r.json"),
        dir.path().join("r.sarif"),
        dir.path().join("r.junit.xml"),
    );
    let (code, _, stderr) = outcome(&exitready(
        repo.path(),
        &[
            "scan",
            ".",
            "-q",
            "-o",
            json.to_str().unwrap(),
            "-o",
            sarif.to_str().unwrap(),
            "-o",
            junit.to_str().unwrap(),
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let links = check(&report, "freshness.links");
    let evidence = links["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), 101);
    assert_eq!(
        evidence[100]["message"],
        "and 19900 more finding(s) for docs/runbooks/pay.md not listed: a check lists the first 100 per file"
    );
    assert_eq!(evidence[100]["negative"], true);
    assert_eq!(
        links["reason"], "0 of 1 document(s) have no dead reference (20000 dead reference(s) found)",
        "judged on every finding"
    );
    let reasons = report["repositories"][0]["documents"][0]["reasons"].as_array().unwrap();
    let dead: Vec<&serde_json::Value> = reasons.iter().filter(|r| r["signal"] == "dead_link").collect();
    assert_eq!(dead.len(), 101);
    assert_eq!(
        dead[100]["message"],
        "and 19900 more dead_link reason(s) not listed: the report lists the first 100 of each per document"
    );
    assert!(
        reasons.iter().any(|r| r["signal"] == "hollow"),
        "other signals are still listed"
    );
    let sarif_size = std::fs::metadata(&sarif).unwrap().len();
    assert!(sarif_size < 1_000_000, "SARIF of {sarif_size} bytes");
    let sarif: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() <= 3 * 101, "{} SARIF results", results.len());
    assert!(std::fs::metadata(&junit).unwrap().len() < 1_000_000);
}

// ---- Item 11: --jobs has an upper bound. ----

#[test]
fn jobs_above_256_are_refused_before_any_work() {
    let repo = stale_runbook_repo("shop", "git@github.com:acme/shop.git");
    for jobs in ["10000", "30000", "0"] {
        let (code, _, stderr) = outcome(&exitready(repo.path(), &["scan", ".", "--jobs", jobs]));
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(&format!("{jobs} is not in 1..=256")), "{stderr}");
    }
    assert_eq!(
        outcome(&exitready(repo.path(), &["scan", ".", "-q", "--jobs", "256"])).0,
        0
    );
}

// ---- Item 12: a closed stdout ends quietly. ----

/// Runs the binary with its stdout closed before it writes anything (`| head -0`): the exit code
/// and stderr.
fn with_closed_stdout(cwd: &Path, args: &[&str]) -> (i32, String) {
    let mut child = command()
        .current_dir(cwd)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().expect("exited with a code"),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_code_the_run_earned() {
    let repo = stale_runbook_repo("shop", "git@github.com:acme/shop.git");
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    write_scan(&repo, &report);
    let report = report.to_str().unwrap();
    for args in [
        vec!["people", "."],
        vec!["scan", ".", "--format", "json"],
        vec!["render", report, "--format", "sarif"],
        vec!["man"],
        vec!["completions", "bash"],
        vec!["checklists"],
        vec!["diff", report, report],
        vec!["explain", "docs/runbooks/pay.md"],
    ] {
        let (code, stderr) = with_closed_stdout(repo.path(), &args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    // The code the run earned: the score bar is not met.
    let (code, stderr) = with_closed_stdout(repo.path(), &["scan", ".", "--format", "json", "--fail-under", "100"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

// ---- Item 14: sign-off dates, decision and content. ----

const HANDOFF: [&str; 5] = [
    "exit.credentials_revoked",
    "exit.knowledge_transfer_held",
    "exit.open_work_handed_over",
    "exit.repositories_inventoried",
    "exit.runbooks_walked_through",
];

fn attestations(items: &[String], date: &str) -> String {
    items
        .iter()
        .map(|i| format!("[[attestation]]\nitem = \"{i}\"\nby = \"Jane Doe, CTO\"\ndate = {date}\n\n"))
        .collect()
}

/// A report and every item to attest for it (the handoff items and its failing checks).
fn report_to_sign(dir: &Path) -> (std::path::PathBuf, Vec<String>) {
    let repo = stale_runbook_repo("shop", "git@github.com:acme/shop.git");
    let path = dir.join("q3.json");
    write_scan(&repo, &path);
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut items: Vec<String> = HANDOFF.iter().map(|s| s.to_string()).collect();
    items.extend(
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] != "pass")
            .map(|c| c["id"].as_str().unwrap().to_string()),
    );
    (path, items)
}

#[test]
fn attestations_dated_in_the_future_or_before_the_report_are_refused_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let (report, items) = report_to_sign(dir.path());
    for (date, expected) in [
        (
            "2030-01-01",
            "is in the future (today is 2026-06-30): attest what has been done",
        ),
        (
            "2026-06-29",
            "is before the report was generated (2026-06-30): attest against this report",
        ),
    ] {
        let file = dir.path().join("att.toml");
        let mut text = attestations(&items[1..], "2026-06-30");
        text.push_str(&attestations(&items[..1], date));
        std::fs::write(&file, &text).unwrap();
        let line = text.lines().count() - 4;
        let (code, _, stderr) = outcome(&exitready(
            dir.path(),
            &[
                "signoff",
                "--report",
                report.to_str().unwrap(),
                "--attestations",
                file.to_str().unwrap(),
            ],
        ));
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(&format!(
                "{}:{line}: attestation: `date` {date} of item `{}` {expected}",
                file.display(),
                items[0]
            )),
            "{stderr}"
        );
    }
}

#[test]
fn verify_checks_the_report_the_content_and_the_decision() {
    let dir = tempfile::tempdir().unwrap();
    let (report, items) = report_to_sign(dir.path());
    let sign = |attested: &[String], outputs: &[&Path]| {
        let file = dir.path().join("att.toml");
        std::fs::write(&file, attestations(attested, "2026-06-30")).unwrap();
        let mut args = vec![
            "signoff".to_string(),
            "--report".into(),
            report.to_str().unwrap().into(),
            "--attestations".into(),
            file.to_str().unwrap().into(),
        ];
        for o in outputs {
            args.push("-o".into());
            args.push(o.to_str().unwrap().into());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        outcome(&exitready(dir.path(), &args)).0
    };
    let verify = |document: &Path| {
        outcome(&exitready(
            dir.path(),
            &[
                "signoff",
                "--verify",
                document.to_str().unwrap(),
                report.to_str().unwrap(),
            ],
        ))
    };
    let (md, html, json) = (
        dir.path().join("s.md"),
        dir.path().join("s.html"),
        dir.path().join("s.json"),
    );
    assert_eq!(sign(&items, &[&md, &html, &json]), 0);
    for document in [&md, &html, &json] {
        let (code, stdout, stderr) = verify(document);
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("  report:   belongs to "), "{stdout}");
        assert!(
            stdout.contains("  content:  unedited since it was written (signoff sha256 "),
            "{stdout}"
        );
        assert!(stdout.contains("  decision: signed off"), "{stdout}");
    }

    // An attester's name edited after signing, in every format.
    for document in [&md, &html, &json] {
        let text = std::fs::read_to_string(document).unwrap();
        let edited = dir
            .path()
            .join(format!("edited-{}", document.file_name().unwrap().to_str().unwrap()));
        std::fs::write(&edited, text.replacen("Jane Doe, CTO", "John Roe, CTO", 1)).unwrap();
        let (code, _, stderr) = verify(&edited);
        assert_eq!(code, 1, "{}", edited.display());
        assert!(stderr.contains("was edited after it was written"), "{stderr}");
    }
    // A document that says "not signed off".
    let not_yet = dir.path().join("not-yet.md");
    assert_eq!(sign(&items[..2], &[&not_yet]), 1);
    let (code, stdout, stderr) = verify(&not_yet);
    assert_eq!(code, 1);
    assert!(stdout.contains("  content:  unedited"), "{stdout}");
    assert!(stderr.contains("says: not signed off"), "{stderr}");
    // Flipping the decision by hand is an edit.
    let flipped = dir.path().join("flipped.md");
    std::fs::write(
        &flipped,
        std::fs::read_to_string(&not_yet)
            .unwrap()
            .replace("signed_off=false", "signed_off=true"),
    )
    .unwrap();
    let (code, _, stderr) = verify(&flipped);
    assert_eq!(code, 1);
    assert!(stderr.contains("was edited after it was written"), "{stderr}");
}

// ---- Item 15: branch names and small domains are pseudonymised. ----

#[test]
fn anonymize_hides_people_in_branch_names_and_one_person_domains() {
    const LEO: (&str, &str) = ("Leo Hemsted", "leohemsted@quis.cc");
    let mut repo = Repo::new();
    repo.commit(ALICE, "2026-01-10", &[("src/main.rs", Some("fn main() {}\n"))], "start");
    repo.on_branch("leohemsted-patch-1", |r| {
        r.commit(LEO, "2026-05-01", &[("src/leo.rs", Some("x\n"))], "patch");
    });
    repo.on_branch("feature/leo-hemsted/x", |r| {
        r.commit(LEO, "2026-05-02", &[("src/leo2.rs", Some("x\n"))], "patch");
    });
    let plain = scan_json(repo.path(), &[]).to_string();
    assert!(plain.contains("leohemsted-patch-1") && plain.contains("quis.cc"));
    let anonymous = scan_json(repo.path(), &["--anonymize"]).to_string();
    for leak in ["leohemsted", "leo-hemsted", "Leo Hemsted", "quis.cc", "quis"] {
        assert!(!anonymous.to_lowercase().contains(leak), "{leak} left in {anonymous}");
    }
    assert!(
        anonymous.contains("-patch-1") && anonymous.contains("domain-"),
        "{anonymous}"
    );
    let salted = scan_json(repo.path(), &["--anonymize", "--salt", "s3cret"]).to_string();
    let person = |text: &str| text.split("person-").nth(1).map(|s| s[..6].to_string());
    assert_ne!(person(&anonymous), person(&salted), "the salt changes the pseudonyms");
    let from_env = command()
        .current_dir(repo.path())
        .env("EXITREADY_ANONYMIZE_SALT", "s3cret")
        .args(["scan", ".", "--format", "json", "-q", "--anonymize"])
        .output()
        .unwrap();
    let from_env: serde_json::Value = serde_json::from_slice(&from_env.stdout).unwrap();
    assert_eq!(from_env.to_string(), salted, "EXITREADY_ANONYMIZE_SALT is --salt");
}

// ---- Item 16: numbers are range-checked. ----

fn checklist_item(id: &str, weight: &str, rule: &str, params: &str) -> String {
    format!(
        "[[item]]\nid = \"{id}\"\ntitle = \"t\"\nwhy = \"w\"\nremediation = \"r\"\nweight = {weight}\nrule = \"{rule}\"\nparams = {params}\n\n"
    )
}

#[test]
fn checklist_weights_and_parameters_out_of_range_name_file_line_and_range() {
    let repo = stale_runbook_repo("shop", "git@github.com:acme/shop.git");
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("mine.toml");
    let text = String::from("name = \"mine\"\n\n")
        + &checklist_item("documentation.a", "1e308", "docs_present", "{ kind = \"runbook\" }")
        + &checklist_item("documentation.b", "1e308", "docs_present", "{ kind = \"adr\" }")
        + &checklist_item("documentation.c", "inf", "docs_present", "{ kind = \"adr\" }")
        + &checklist_item("ownership.d", "1", "owners_inhouse", "{ max_percent = 200 }")
        + &checklist_item(
            "knowledge.e",
            "1",
            "vendor_exit",
            "{ max_percent = 60, fail_percent = 50 }",
        );
    std::fs::write(&list, &text).unwrap();
    let (code, _, stderr) = outcome(&exitready(
        repo.path(),
        &["scan", ".", "--checklist", list.to_str().unwrap()],
    ));
    assert_eq!(code, 2, "{stderr}");
    let file = list.display();
    for expected in [
        format!("{file}:4:6: documentation.a: weight 1e308 is out of range: expected 0 to 1000"),
        format!("{file}:13:6: documentation.b: weight 1e308 is out of range: expected 0 to 1000"),
        format!("{file}:22:6: documentation.c: weight inf is out of range: expected 0 to 1000"),
        format!("{file}:37:10: ownership.d: max_percent 200 is out of range: expected 0 to 100"),
        format!(
            "{file}:46:10: knowledge.e: max_percent 60 is above fail_percent 50: the share that passes must be at most the one that fails"
        ),
    ] {
        assert!(stderr.contains(&expected), "{expected}\nnot in\n{stderr}");
    }
    assert!(!stderr.contains("NaN"));
}

#[test]
fn thresholds_out_of_range_and_one_domain_in_two_roles_are_config_errors() {
    let mut repo = stale_runbook_repo("shop", "git@github.com:acme/shop.git");
    repo.write(&[(
        "exitready.toml",
        Some("[organisations]\nvendor = [\"@acme.com\"]\ninternal = [\"@acme.com\"]\n\n[thresholds]\nrunbook_max_age_days = 0\nfail_under = 500\n"),
    )]);
    let (code, _, stderr) = outcome(&exitready(repo.path(), &["scan", "."]));
    assert_eq!(code, 2, "{stderr}");
    let config = std::fs::canonicalize(repo.path()).unwrap().join("exitready.toml");
    for expected in [
        "organisations: @acme.com is listed as vendor and as internal",
        "6:1: thresholds.runbook_max_age_days: runbook_max_age_days 0 is out of range: expected 1 to 36500",
        "7:1: thresholds.fail_under: fail_under 500 is out of range: expected 0 to 100",
    ] {
        assert!(stderr.contains(expected), "{expected}\nnot in\n{stderr}");
    }
    assert!(
        stderr.contains(&config.display().to_string()) || stderr.contains("exitready.toml:"),
        "{stderr}"
    );
}

// ---- Item 18 (part): a date past the clock's end. ----

#[test]
fn a_date_past_the_end_of_the_clock_is_out_of_range_not_malformed() {
    let repo = stale_runbook_repo("shop", "git@github.com:acme/shop.git");
    let (code, _, stderr) = outcome(&exitready_at("9999-12-31", repo.path(), &["scan", "."]));
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr,
        "exitready: --now 9999-12-31: out of range: the clock ends on 9999-12-30\n"
    );
    let (code, _, stderr) = outcome(&exitready(repo.path(), &["scan", ".", "--since", "31/12/2025"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--since 31/12/2025: expected YYYY-MM-DD or an RFC 3339 time"),
        "{stderr}"
    );
}
