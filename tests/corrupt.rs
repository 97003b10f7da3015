//! Corrupt, damaged and unusual inputs (issue 11, the input side): each test builds the bad
//! input and asserts the exact outcome. A wrong report in silence is the failure these tests
//! exist for: what cannot be read is an error (exit 2) or a warning the report carries.
//!
//! See: issue 11 ("Never a wrong report in silence").

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use git2::{Oid, Repository, Signature, Time};
use pretty_assertions::assert_eq;
use serde_json::{Value, json};

use crate::util::{DEV, Repo, command, exitready, outcome, scan_json};

/// 2026-01-02, noon UTC: when the raw-tree commits are made.
const RAW_TIME: i64 = 1_767_355_200;

/// A file as raw bytes: its path (`/` between folders) and contents.
type RawFile<'a> = (&'a [u8], &'a [u8]);

/// A tree holding `files`, written with git2's `TreeBuilder`, which takes any bytes as a name,
/// as a tree made on another system may hold.
fn raw_tree(git: &Repository, files: &[RawFile<'_>]) -> Oid {
    let mut builder = git.treebuilder(None).unwrap();
    let mut folders: Vec<(Vec<u8>, Vec<RawFile<'_>>)> = Vec::new();
    for (path, contents) in files {
        match path.iter().position(|&b| b == b'/') {
            None => {
                let blob = git.blob(contents).unwrap();
                builder.insert(path.to_vec(), blob, 0o100644).unwrap();
            }
            Some(slash) => {
                let (folder, rest) = (&path[..slash], &path[slash + 1..]);
                match folders.iter_mut().find(|(name, _)| name == folder) {
                    Some((_, inner)) => inner.push((rest, contents)),
                    None => folders.push((folder.to_vec(), vec![(rest, contents)])),
                }
            }
        }
    }
    for (folder, inner) in folders {
        let tree = raw_tree(git, &inner);
        builder.insert(folder, tree, 0o040000).unwrap();
    }
    builder.write().unwrap()
}

/// Commits a tree of raw-byte paths on HEAD (no parent), as `DEV`.
fn commit_raw(repo: &mut Repo, files: &[RawFile<'_>]) -> Oid {
    let git = repo.git();
    let tree = git.find_tree(raw_tree(&git, files)).unwrap();
    let who = Signature::new(DEV.0, DEV.1, &Time::new(RAW_TIME, 0)).unwrap();
    git.commit(Some("HEAD"), &who, &who, "raw tree", &tree, &[]).unwrap()
}

/// A small repository: a service with its runbook and some code.
fn small() -> Repo {
    let mut repo = Repo::new();
    repo.commit(
        DEV,
        "2026-01-02",
        &[
            ("README.md", Some("# Shop\n\nHow to run it.\n")),
            (
                "docs/runbooks/pay.md",
                Some("# Pay runbook\n\n## Symptoms\n\nAlerts.\n"),
            ),
            ("services/pay/Dockerfile", Some("FROM scratch\n")),
            ("services/pay/app.py", Some("print('pay')\n")),
            ("lib/util.py", Some("X = 1\n")),
        ],
        "Initial layout",
    );
    repo
}

/// Packs every object of `repo` into one pack (loose objects removed) and returns the pack and
/// its index.
fn pack(repo: &Repo) -> (PathBuf, PathBuf) {
    let status = Command::new("git")
        .args(["repack", "-a", "-d", "-q"])
        .current_dir(repo.path())
        .status()
        .unwrap();
    assert!(status.success(), "git repack failed");
    let folder = repo.path().join(".git/objects/pack");
    let mut packs: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pack"))
        .collect();
    assert_eq!(packs.len(), 1, "one pack expected");
    let pack = packs.remove(0);
    let index = pack.with_extension("idx");
    (pack, index)
}

/// Runs a scan of `path` in JSON and returns exit code, stdout and stderr.
fn scan(path: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["scan", path.to_str().unwrap(), "--format", "json", "-q"];
    args.extend_from_slice(extra);
    outcome(&exitready(path.parent().unwrap(), &args))
}

/// Runs `command`, killing it after `limit` (a hang is a failure, not a stuck test run).
fn run_with_limit(mut command: Command, limit: Duration) -> Output {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(child.wait_with_output()));
    match receive.recv_timeout(limit) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("exitready still running after {limit:?}: it hangs");
        }
    }
}

/// Makes a named pipe at `path` with `mkfifo`.
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Whether the tests run as root (who reads every file whatever its mode).
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// The id an unprivileged run uses when the tests run as root (`nobody`).
const NOBODY: u32 = 65534;

/// Hands the fixture folder holding `path` to `nobody` when the tests run as root, so that a
/// run as `nobody` (`unprivileged`) owns it and file modes apply to it.
fn give_to_nobody(folder: &Path) {
    if is_root() {
        let status = Command::new("chown")
            .args(["-R", &format!("{NOBODY}:{NOBODY}")])
            .arg(folder)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

/// The binary, run as `nobody` when the tests run as root (root reads files whatever their
/// mode), else as the current user; its history cache in a folder it may write.
fn unprivileged(cwd: &Path) -> Command {
    use std::os::unix::process::CommandExt;
    let mut command = command();
    command.current_dir(cwd).env(
        "EXITREADY_CACHE_DIR",
        std::env::temp_dir().join("exitready-unprivileged"),
    );
    if is_root() {
        command.uid(NOBODY).gid(NOBODY).env("HOME", "/nonexistent");
    }
    command
}

fn warnings(report: &Value) -> &Vec<Value> {
    report["repositories"][0]["warnings"].as_array().unwrap()
}

// --- 1. Paths that are not UTF-8 -------------------------------------------------------------

/// A folder named with invalid UTF-8 once stopped the tree walk (git2's walk gives up on such
/// a name): the files after it were missing, with no warning.
#[test]
fn a_folder_named_with_invalid_utf8_is_listed_and_the_walk_goes_on() {
    let mut repo = Repo::new();
    commit_raw(
        &mut repo,
        &[
            (b"a/x.py", b"x = 1\n"),
            (b"b/\xff/y.py", b"y = 1\n"),
            (b"c/z.py", b"z = 1\n"),
            (b"d/README.md", b"# D\n\nAbout d.\n"),
        ],
    );
    let report = scan_json(repo.path(), &["--no-cache"]);
    let inventory = &report["repositories"][0]["inventory"];
    assert_eq!(
        (inventory["source"].clone(), inventory["document"].clone()),
        (json!(3), json!(1))
    );
    assert_eq!(
        warnings(&report),
        &vec![json!({
            "kind": "invalid_utf8",
            "path": "b/\u{fffd}/y.py",
            "message": "path is not valid UTF-8: listed with U+FFFD in place of the invalid bytes",
        })]
    );
    // The file after the odd folder is tracked: explain knows it.
    repo.write(&[("c/z.py", Some("z = 1\n"))]);
    let (code, out, err) = outcome(&exitready(repo.path(), &["explain", "c/z.py", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let explanation: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(explanation["path"], "c/z.py");
}

// --- 2. Paths from git are never rewritten -----------------------------------------------------

/// A file named `docs\runbooks\pay.md` (backslashes, in the root folder) is not the runbook
/// `docs/runbooks/pay.md`: the gate once turned `\` into `/` and passed.
#[test]
fn a_backslash_file_name_does_not_pass_for_the_runbook() {
    let mut repo = small();
    repo.branch("feature");
    repo.commit(
        DEV,
        "2026-01-03",
        &[
            ("services/pay/app.py", Some("print('pay v2')\n")),
            ("docs\\runbooks\\pay.md", Some("# Not the runbook\n")),
        ],
        "Change pay",
    );
    let output = exitready(repo.path(), &["gate", "--changed-since", "main"]);
    let (code, out, err) = outcome(&output);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("  pay: services/pay/app.py changed without its runbook docs/runbooks/pay.md\n"),
        "{out}"
    );
}

// --- 3. A `.git` that is there but cannot be opened --------------------------------------------

#[test]
fn a_git_folder_without_objects_is_an_error_not_a_folder_scan() {
    let repo = small();
    std::fs::remove_dir_all(repo.path().join(".git/objects")).unwrap();
    let (code, out, err) = scan(repo.path(), &[]);
    assert_eq!((code, out.as_str()), (2, ""));
    let path = std::fs::canonicalize(repo.path()).unwrap();
    assert_eq!(
        err,
        format!(
            "exitready: {}: not a readable git repository: `.git` is there but cannot be opened: `objects` missing\n",
            path.display()
        )
    );
}

#[test]
fn with_recursive_a_git_folder_without_objects_is_failed_and_the_others_scanned() {
    let estate = tempfile::tempdir().unwrap();
    let mut good = Repo::at(&estate.path().join("good"));
    good.commit(DEV, "2026-01-02", &[("README.md", Some("# Good\n"))], "init");
    let mut bad = Repo::at(&estate.path().join("bad"));
    bad.commit(DEV, "2026-01-02", &[("README.md", Some("# Bad\n"))], "init");
    std::fs::remove_dir_all(bad.path().join(".git/objects")).unwrap();
    let (code, out, err) = outcome(&exitready(
        estate.path(),
        &["scan", "--recursive", ".", "--format", "json", "-q", "--no-cache"],
    ));
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["repositories"][0]["name"], "good");
    assert_eq!(report["repositories"].as_array().unwrap().len(), 1);
    assert_eq!(
        report["failed"][0]["message"],
        "not a readable git repository: `.git` is there but cannot be opened: `objects` missing"
    );
}

/// An objects folder that cannot be read (mode 000) is named as the cause.
#[test]
fn an_unreadable_objects_folder_is_an_error_naming_it() {
    let repo = small();
    let objects = repo.path().join(".git/objects");
    give_to_nobody(repo.path().parent().unwrap());
    set_mode(&objects, 0o000);
    let output = run_with_limit(
        {
            let mut c = unprivileged(repo.path());
            c.args(["scan", ".", "--format", "json", "-q"]);
            c
        },
        Duration::from_secs(60),
    );
    set_mode(&objects, 0o755);
    let (code, out, err) = outcome(&output);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    let path = std::fs::canonicalize(repo.path()).unwrap();
    assert_eq!(
        err,
        format!(
            "exitready: {0}: not a readable git repository: its objects folder {0}/.git/objects cannot be read: Permission denied (os error 13)\n",
            path.display()
        )
    );
}

/// A repository owned by another user: libgit2 refuses it (safe.directory) and the message
/// gives the command to run. Needs root to hand the folder to another user; the mapping of the
/// error to the message is also tested in `discover`.
#[test]
fn a_repository_owned_by_another_user_names_the_safe_directory_fix() {
    if !is_root() {
        eprintln!("skipped: handing a folder to another user needs root");
        return;
    }
    let repo = small();
    let status = Command::new("chown")
        .args(["-R", "1234:1234"])
        .arg(repo.path())
        .status()
        .unwrap();
    assert!(status.success());
    let home = tempfile::tempdir().unwrap();
    let output = command()
        .current_dir(repo.path())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .args(["scan", ".", "--format", "json", "-q"])
        .output()
        .unwrap();
    let (code, out, err) = outcome(&output);
    assert_eq!((code, out.as_str()), (2, ""));
    let path = std::fs::canonicalize(repo.path()).unwrap();
    assert_eq!(
        err,
        format!(
            "exitready: {0}: not a readable git repository: it is owned by another user, and git refuses to read it (safe.directory); if you trust it, run: git config --global --add safe.directory {0}\n",
            path.display()
        )
    );
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

// --- 4. Corrupt repositories are not scored ---------------------------------------------------

/// Asserts that scanning `repo` alone exits 2 with a message saying it is corrupt (and what
/// could not be read), and that next to a sound repository it is `failed` while the other is
/// scanned.
fn assert_corrupt(repo: &Repo, what: &str) {
    let (code, out, err) = scan(repo.path(), &["--no-cache"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    let path = std::fs::canonicalize(repo.path()).unwrap();
    let prefix = format!("exitready: {}: {what}", path.display());
    assert!(err.starts_with(&prefix), "expected `{prefix}…`, got: {err}");
    assert!(
        err.ends_with(
            "; the repository is corrupt or incomplete (`git fsck --full` lists what is wrong): not scanned\n"
        ),
        "{err}"
    );
    let sound = small();
    let (code, out, err) = outcome(&exitready(
        repo.path().parent().unwrap(),
        &[
            "scan",
            repo.path().to_str().unwrap(),
            sound.path().to_str().unwrap(),
            "--format",
            "json",
            "-q",
            "--no-cache",
        ],
    ));
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    let scanned: Vec<&str> = report["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        scanned,
        [std::fs::canonicalize(sound.path()).unwrap().to_str().unwrap()]
    );
    let failed = report["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0]["path"], path.to_str().unwrap());
    assert!(failed[0]["message"].as_str().unwrap().contains(what), "{failed:?}");
}

#[test]
fn a_pack_truncated_to_half_is_an_error() {
    let repo = small();
    let (pack, _) = pack(&repo);
    let size = std::fs::metadata(&pack).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&pack)
        .unwrap()
        .set_len(size / 2)
        .unwrap();
    assert_corrupt(&repo, "cannot read HEAD's commit ");
}

/// Bytes overwritten inside the pack (same size): the object they fall in cannot be inflated.
#[test]
fn a_pack_with_damaged_bytes_is_an_error() {
    let repo = small();
    let (pack, _) = pack(&repo);
    let mut bytes = std::fs::read(&pack).unwrap();
    let middle = bytes.len() * 7 / 10;
    bytes[middle..middle + 4].copy_from_slice(&[0xaa, 0xbb, 0xcc, 0xdd]);
    std::fs::write(&pack, bytes).unwrap();
    assert_corrupt(&repo, "cannot read ");
}

#[test]
fn an_empty_pack_is_an_error() {
    let repo = small();
    let (pack, _) = pack(&repo);
    std::fs::write(&pack, b"").unwrap();
    assert_corrupt(&repo, "cannot read HEAD's commit ");
}

#[test]
fn a_garbage_pack_index_is_an_error() {
    let repo = small();
    let (_, index) = pack(&repo);
    std::fs::write(&index, vec![0x5a; 2048]).unwrap();
    assert_corrupt(&repo, "cannot read HEAD's commit ");
}

#[test]
fn a_branch_pointing_to_a_missing_commit_is_an_error() {
    let repo = small();
    std::fs::write(
        repo.path().join(".git/refs/heads/main"),
        "1111111111111111111111111111111111111111\n",
    )
    .unwrap();
    assert_corrupt(
        &repo,
        "cannot read HEAD's commit 1111111111111111111111111111111111111111: ",
    );
}

#[test]
fn a_missing_blob_at_head_is_an_error() {
    let repo = small();
    let blob = Repository::open(repo.path())
        .unwrap()
        .revparse_single("HEAD:docs/runbooks/pay.md")
        .unwrap()
        .id()
        .to_string();
    std::fs::remove_file(repo.path().join(".git/objects").join(&blob[..2]).join(&blob[2..])).unwrap();
    assert_corrupt(&repo, &format!("cannot read blob {blob} (docs/runbooks/pay.md): "));
}

/// `.git/HEAD` holding garbage is not "an empty repository".
#[test]
fn a_garbage_head_is_an_error_not_an_empty_repository() {
    let repo = small();
    std::fs::write(repo.path().join(".git/HEAD"), "garbage\n").unwrap();
    assert_corrupt(&repo, "cannot read HEAD: ");
}

/// An empty repository is still one: no commits, a warning, exit 0.
#[test]
fn an_empty_repository_is_still_scanned() {
    let repo = Repo::new();
    let report = scan_json(repo.path(), &["--no-cache"]);
    assert_eq!(report["repositories"][0]["kind"], "work_tree");
    assert_eq!(warnings(&report)[0]["kind"], "empty_repository");
}

#[test]
fn an_unreadable_root_folder_is_an_error_not_an_empty_report() {
    let parent = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let wiki = parent.path().join("wiki");
    std::fs::create_dir(&wiki).unwrap();
    std::fs::write(wiki.join("README.md"), "# Wiki\n").unwrap();
    set_mode(parent.path(), 0o755);
    give_to_nobody(parent.path());
    set_mode(&wiki, 0o000);
    let output = run_with_limit(
        {
            let mut c = unprivileged(parent.path());
            c.args(["scan", "wiki", "--format", "json", "-q"]);
            c
        },
        Duration::from_secs(60),
    );
    set_mode(&wiki, 0o755);
    let (code, out, err) = outcome(&output);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            2,
            "",
            "exitready: wiki: cannot be read: Permission denied (os error 13)\n"
        )
    );
}

// --- 9. Only regular files are read -------------------------------------------------------------

/// A named pipe is never opened (a read would wait forever for a writer), whatever its name;
/// each one skipped is a warning.
#[test]
fn named_pipes_in_a_folder_are_skipped_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let wiki = dir.path().join("wiki");
    std::fs::create_dir(&wiki).unwrap();
    std::fs::write(wiki.join("README.md"), "# Wiki\n\nHow to run it.\n").unwrap();
    mkfifo(&wiki.join("a.md"));
    mkfifo(&wiki.join("CODEOWNERS"));
    let output = run_with_limit(
        {
            let mut c = command();
            c.current_dir(dir.path())
                .args(["scan", "wiki", "--format", "json", "-q"]);
            c
        },
        Duration::from_secs(60),
    );
    let (code, out, err) = outcome(&output);
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    let skipped = "a named pipe (FIFO): skipped, only regular files are read";
    assert_eq!(
        warnings(&report),
        &vec![
            json!({"kind": "not_regular", "path": "CODEOWNERS", "message": skipped}),
            json!({"kind": "not_regular", "path": "a.md", "message": skipped}),
        ]
    );
    assert_eq!(report["warning_counts"], json!({"not_regular": 2}));
    assert_eq!(report["repositories"][0]["inventory"], json!({"document": 1}));
}

/// `exitready.toml` as a named pipe is refused before any work, not waited on.
#[test]
fn a_named_pipe_for_the_config_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let wiki = dir.path().join("wiki");
    std::fs::create_dir(&wiki).unwrap();
    std::fs::write(wiki.join("README.md"), "# Wiki\n").unwrap();
    mkfifo(&wiki.join("exitready.toml"));
    let output = run_with_limit(
        {
            let mut c = command();
            c.current_dir(dir.path())
                .args(["scan", "wiki", "--format", "json", "-q"]);
            c
        },
        Duration::from_secs(60),
    );
    let (code, out, err) = outcome(&output);
    let config = std::fs::canonicalize(&wiki).unwrap().join("exitready.toml");
    assert_eq!(
        (code, out.as_str(), err),
        (
            2,
            "",
            format!(
                "exitready: {}: a named pipe (FIFO), not a regular file: not read (move it away to scan this folder)\n",
                config.display()
            )
        )
    );
}

/// A work tree may hold a named pipe git does not track: `.mailmap` as one is not read (libgit2
/// would wait on it forever) and the report says so.
#[test]
fn a_named_pipe_for_the_mailmap_of_a_work_tree_is_not_read() {
    let repo = small();
    mkfifo(&repo.path().join(".mailmap"));
    let output = run_with_limit(
        {
            let mut c = command();
            c.current_dir(repo.path())
                .args(["scan", ".", "--format", "json", "-q", "--no-cache"]);
            c
        },
        Duration::from_secs(60),
    );
    let (code, out, err) = outcome(&output);
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        warnings(&report),
        &vec![json!({
            "kind": "history",
            "message": ".mailmap in the work tree is a named pipe (FIFO): not read",
        })]
    );
}

// --- 5. The history cache is checked ------------------------------------------------------------

/// A repository with some history: two people, a few commits.
fn with_history() -> Repo {
    let mut repo = small();
    repo.commit(
        crate::util::ALICE,
        "2026-02-01",
        &[("services/pay/app.py", Some("print('pay v2')\n"))],
        "Pay v2",
    );
    repo.commit(
        crate::util::BOB,
        "2026-03-01",
        &[("lib/util.py", Some("X = 2\n")), ("lib/more.py", Some("Y = 1\n"))],
        "More util",
    );
    repo
}

/// A scan of `repo` in JSON with the history cache in `cache`.
fn scan_cached(repo: &Repo, cache: &Path, extra: &[&str]) -> Value {
    let output = command()
        .current_dir(repo.path())
        .env("EXITREADY_CACHE_DIR", cache)
        .args(["scan", ".", "--format", "json", "-q"])
        .args(extra)
        .output()
        .unwrap();
    let (code, out, err) = outcome(&output);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn without_warnings(mut report: Value) -> Value {
    report["repositories"][0]["warnings"] = json!([]);
    report["warning_counts"] = json!({});
    report
}

/// Bytes flipped in a cache file once changed the report in silence: the file is checked, and
/// a damaged one is dropped, said, and the history read again.
#[test]
fn a_damaged_history_cache_is_dropped_and_the_report_is_as_without_it() {
    let repo = with_history();
    let cache = tempfile::tempdir().unwrap();
    let first = scan_cached(&repo, cache.path(), &[]);
    assert_eq!(warnings(&first), &Vec::<Value>::new());
    let files: Vec<PathBuf> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let file = &files[0];
    let mut bytes = std::fs::read(file).unwrap();
    let middle = bytes.len() * 2 / 3;
    for b in &mut bytes[middle..middle + 3] {
        *b ^= 0x10;
    }
    std::fs::write(file, &bytes).unwrap();
    let damaged = scan_cached(&repo, cache.path(), &[]);
    assert_eq!(
        warnings(&damaged),
        &vec![json!({
            "kind": "cache",
            "message": format!(
                "history cache {} is damaged (its checksum does not match its contents): dropped, the history was read again",
                file.display()
            ),
        })]
    );
    assert_eq!(damaged["warning_counts"], json!({"cache": 1}));
    let uncached = scan_cached(&repo, cache.path(), &["--no-cache"]);
    assert_eq!(without_warnings(damaged), uncached);
    // Written whole again: the next scan reads it without a word.
    assert_eq!(scan_cached(&repo, cache.path(), &[]), uncached);
}

/// A write killed before its rename leaves `<name>.tmp<pid>`: a later scan removes it once it
/// is old enough that no write can still be going on.
#[test]
fn a_temporary_file_left_by_a_killed_cache_write_is_removed() {
    let repo = small();
    let cache = tempfile::tempdir().unwrap();
    let orphan = cache.path().join("0123456789abcdef0123456789abcdef.tmp4242");
    std::fs::write(&orphan, b"half a cache").unwrap();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&orphan)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    scan_cached(&repo, cache.path(), &[]);
    assert!(!orphan.exists());
}

// --- 17. The cache folder is never inside a scanned repository -----------------------------------

/// The files a scan left in the work tree besides what was committed.
fn untracked(repo: &Repo) -> Vec<String> {
    let git = Repository::open(repo.path()).unwrap();
    let mut options = git2::StatusOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true);
    git.statuses(Some(&mut options))
        .unwrap()
        .iter()
        .map(|s| s.path().unwrap().to_string())
        .collect()
}

#[test]
fn a_relative_exitready_cache_dir_is_refused_before_any_work() {
    let repo = small();
    let output = command()
        .current_dir(repo.path())
        .env("EXITREADY_CACHE_DIR", "cache")
        .args(["scan", ".", "--format", "json", "-q"])
        .output()
        .unwrap();
    assert_eq!(
        outcome(&output),
        (
            2,
            String::new(),
            "exitready: EXITREADY_CACHE_DIR=cache: not an absolute path; give an absolute folder (the history cache is never written inside a scanned repository)\n".to_string()
        )
    );
    assert_eq!(untracked(&repo), Vec::<String>::new());
}

/// The XDG spec: a relative `XDG_CACHE_HOME` is invalid and ignored; `~/.cache` is used.
#[test]
fn a_relative_xdg_cache_home_is_ignored() {
    let repo = small();
    let home = tempfile::tempdir().unwrap();
    let output = command()
        .current_dir(repo.path())
        .env_remove("EXITREADY_CACHE_DIR")
        .env("XDG_CACHE_HOME", "xdg")
        .env("HOME", home.path())
        .args(["scan", ".", "--format", "json", "-q"])
        .output()
        .unwrap();
    let (code, out, err) = outcome(&output);
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(warnings(&report), &Vec::<Value>::new());
    assert_eq!(untracked(&repo), Vec::<String>::new());
    let cached = std::fs::read_dir(home.path().join(".cache/exitready")).unwrap().count();
    assert_eq!(cached, 1);
}

/// An absolute cache folder inside the scanned repository is not used, and the report says so.
#[test]
fn a_cache_folder_inside_the_scanned_repository_is_not_used() {
    let repo = small();
    let inside = repo.path().join(".cache/exitready");
    let report = scan_cached(&repo, &inside, &[]);
    let root = std::fs::canonicalize(repo.path()).unwrap();
    assert_eq!(
        warnings(&report),
        &vec![json!({
            "kind": "cache",
            "message": format!(
                "history cache not used: its folder {} lies inside the scanned repository {}",
                inside.display(),
                root.display()
            ),
        })]
    );
    assert!(!repo.path().join(".cache").exists());
}

// --- 18. Inputs that are not what they look like -------------------------------------------------

/// A CODEOWNERS over the 3 MiB limit is not read (GitHub ignores it too): the coverage it would
/// give is unknown, a skip with the reason, not "0 % of files have an owner".
#[test]
fn a_codeowners_over_the_size_limit_skips_the_coverage_checks_with_the_reason() {
    let mut repo = small();
    let big = format!("* @example/platform\n{}", "# padding\n".repeat(320 * 1024));
    repo.commit(DEV, "2026-01-03", &[("CODEOWNERS", Some(&big))], "Owners");
    let report = scan_json(repo.path(), &["--no-cache"]);
    let reason = format!(
        "CODEOWNERS was not read (file is {} bytes, at or over the 3 MiB limit; not loaded): the owners it gives are unknown",
        big.len()
    );
    for id in ["ownership.coverage", "ownership.specific_coverage"] {
        let check = crate::util::check(&report, id);
        assert_eq!(
            (&check["status"], &check["reason"]),
            (&json!("skip"), &json!(reason)),
            "{id}"
        );
    }
}

/// A document stored in git-lfs is a three-line pointer: classed as one and said, never parsed
/// as the document it stands for.
#[test]
fn a_git_lfs_pointer_under_docs_is_reported_as_one_not_read_as_a_document() {
    let mut repo = small();
    let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 48213\n";
    repo.commit(
        DEV,
        "2026-01-03",
        &[
            ("docs/architecture.md", Some(pointer)),
            ("docs/diagram.png", Some(pointer)),
        ],
        "Docs in LFS",
    );
    let report = scan_json(repo.path(), &["--no-cache"]);
    let repository = &report["repositories"][0];
    assert_eq!(repository["inventory"]["lfs_pointer"], 2);
    assert_eq!(
        warnings(&report),
        &vec![json!({
            "kind": "lfs_pointer",
            "path": "docs/architecture.md",
            "message": "a git-lfs pointer: the document is stored outside the repository and was not read",
        })]
    );
    let documents: Vec<&str> = repository["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(documents, ["README.md", "docs/runbooks/pay.md"]);
}
