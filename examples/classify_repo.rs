//! Measurement helper: classifies every document at HEAD of a git directory and prints kind
//! counts (and, with `--list`, one `kind<TAB>reason<TAB>path` line per document).
//!
//! Usage: `cargo run --example classify_repo -- GIT_DIR [--list]`. Reads the repository with the
//! `git` command line (ls-tree, cat-file --batch); never writes to it.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use exitready::facts::documents::{SiteContext, classify, doc_format, parse};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(git_dir) = args.first() else {
        eprintln!("usage: classify_repo GIT_DIR [--list]");
        std::process::exit(2);
    };
    let list = args.iter().any(|a| a == "--list");
    let out = Command::new("git")
        .args(["--git-dir", git_dir, "ls-tree", "-r", "-z", "HEAD"])
        .output()
        .expect("git ls-tree");
    let all: Vec<String> = out
        .stdout
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|entry| String::from_utf8_lossy(entry).into_owned())
        // "<mode> <type> <id>\t<path>": symlinks (120000) point at another document.
        .filter(|entry| !entry.starts_with("120000"))
        .filter_map(|entry| entry.split_once('\t').map(|(_, path)| path.to_string()))
        .collect();
    // The docs-site configuration is read once, file by file (only a few candidates).
    let site = SiteContext::from_files(&all, &|path| {
        let out = Command::new("git")
            .args(["--git-dir", git_dir, "show", &format!("HEAD:{path}")])
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    });
    let paths: Vec<String> = all.into_iter().filter(|p| doc_format(p).is_some()).collect();
    // One `cat-file --batch` process for all blobs.
    let mut cat = Command::new("git")
        .args(["--git-dir", git_dir, "cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("git cat-file");
    let mut stdin = cat.stdin.take().expect("stdin");
    let mut reader = BufReader::new(cat.stdout.take().expect("stdout"));
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for path in &paths {
        writeln!(stdin, "HEAD:{path}").expect("write");
        stdin.flush().expect("flush");
        let mut header = String::new();
        reader.read_line(&mut header).expect("header");
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut blob = vec![0; size + 1];
        reader.read_exact(&mut blob).expect("blob");
        blob.pop();
        let text = String::from_utf8_lossy(&blob);
        let format = doc_format(path).expect("filtered above");
        let doc = parse(path, format, &text);
        let c = classify(path, &text, &doc, &[], &site);
        *counts.entry(c.kind.to_string()).or_default() += 1;
        if list {
            println!("{}\t{}\t{}", c.kind, c.reason, path);
        }
    }
    drop(stdin);
    let _ = cat.wait();
    println!("{} documents", paths.len());
    for (kind, n) in counts {
        println!("{kind:>12} {n}");
    }
}
