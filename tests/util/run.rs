//! The one runner: the real `exitready` binary with its clock pinned, its history cache in the
//! target folder (never the user's), no colour and no CI variables from the environment.

use std::path::Path;
use std::process::{Command, Output};

/// The clock every run is pinned to (`--now`), so that ages and overdue reviews are the same on
/// every day the tests run. A test that needs another clock passes it to `exitready_at` or
/// `scan_json_at` and says why.
pub const NOW: &str = "2026-06-30";

/// The binary at `NOW`, ready for more arguments, an environment and a folder.
pub fn command() -> Command {
    command_at(NOW)
}

/// The binary with its clock at `now`.
pub fn command_at(now: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_exitready"));
    command
        .args(["--now", now])
        .env(
            "EXITREADY_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("history-cache"),
        )
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("RUST_LOG");
    command
}

/// Runs the binary at `NOW` in `cwd`.
pub fn exitready(cwd: &Path, args: &[&str]) -> Output {
    exitready_at(NOW, cwd, args)
}

/// Runs the binary with its clock at `now` in `cwd`.
pub fn exitready_at(now: &str, cwd: &Path, args: &[&str]) -> Output {
    command_at(now).current_dir(cwd).args(args).output().unwrap()
}

/// Runs `scan PATH --format json -q` at `NOW` (with `extra` arguments) and parses the report;
/// the scan must succeed.
pub fn scan_json(path: &Path, extra: &[&str]) -> serde_json::Value {
    scan_json_at(NOW, path, extra)
}

/// `scan_json` with the clock at `now`.
pub fn scan_json_at(now: &str, path: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["scan", path.to_str().unwrap(), "--format", "json", "-q"];
    args.extend_from_slice(extra);
    let output = exitready_at(now, path, &args);
    assert!(output.status.success(), "scan failed: {}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Runs the binary at `NOW` in `cwd` on a pseudo-terminal (util-linux `script`), with `env`
/// set, and returns what the terminal showed (stdout and stderr together); `None` when
/// `script` is not installed.
pub fn on_terminal(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Option<String> {
    let model = command();
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let mut line = quote(&model.get_program().to_string_lossy());
    for arg in model
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .chain(args.iter().map(|a| a.to_string()))
    {
        line.push(' ');
        line.push_str(&quote(&arg));
    }
    let mut script = Command::new("script");
    script.args(["-qfec", &line, "/dev/null"]).current_dir(cwd);
    for (key, value) in model.get_envs() {
        match value {
            Some(value) => script.env(key, value),
            None => script.env_remove(key),
        };
    }
    script.envs(env.iter().copied());
    let output = script.output().ok()?;
    assert!(
        output.status.success(),
        "script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The exit code (a run killed by a signal has none: that panics).
pub fn code(output: &Output) -> i32 {
    output.status.code().expect("the binary exited with a code")
}

/// The stdout, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The stderr, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code, stdout and stderr together, for `let (code, stdout, stderr) = …`.
pub fn outcome(output: &Output) -> (i32, String, String) {
    (code(output), stdout(output), stderr(output))
}
