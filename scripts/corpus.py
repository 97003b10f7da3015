#!/usr/bin/env python3
"""Score exitready's document classifier against the hand-labelled corpus.

The corpus lives in tests/corpus/*.tsv (see tests/corpus/README.md). Two verbs:

  corpus.py prepare MIRRORS_DIR CHECKOUTS_DIR
      For every labelled repository, make CHECKOUTS_DIR/<owner>+<name> a clone
      of MIRRORS_DIR/<owner>+<name>/repo checked out at the labelled commit.
      Local only: no network. A checkout already at that commit is left alone.

  corpus.py score CHECKOUTS_DIR [EXITREADY_BINARY] [--errors] [--json] [--repo R]
      Run `EXITREADY scan CHECKOUT --format json -q --no-cache --now 2026-11-29`
      for every labelled repository, join repositories[0].documents[] with the
      labels by path and print per-kind recall/precision (rows labelled
      counted=yes), the share of look-alikes (counted=no) the tool counts, and
      the labelled paths the tool does not list. Always exits 0 once it ran.

Standard library only.
"""

import argparse
import csv
import glob
import json
import os
import signal
import subprocess
import sys
from collections import OrderedDict, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS_DIR = os.path.join(ROOT, "tests", "corpus")
DEFAULT_BINARY = os.path.join(ROOT, "target", "release", "exitready")
NOW = "2026-11-29"
HEADER = ["repository", "commit", "path", "kind", "counted", "why"]
FINDINGS_HEADER = ["repository", "path", "kind", "signal", "line", "target", "message", "label", "why"]
KINDS = [
    "runbook", "adr", "design", "architecture", "onboarding", "operations",
    "security", "access", "handoff", "api", "postmortem", "changelog",
    "license", "other",
]
UNLISTED = "(unlisted)"
NOT_COUNTED = "(not counted)"


def warn(msg):
    print("corpus: " + msg, file=sys.stderr)


# ---------------------------------------------------------------- labels


def load_labels(corpus_dir, only=None):
    """Return OrderedDict repository -> {"commit", "slug", "rows": [row...]}."""
    repos = OrderedDict()
    files = sorted(glob.glob(os.path.join(corpus_dir, "*.tsv")))
    if not files:
        warn("no .tsv files in %s" % corpus_dir)
    for fn in files:
        with open(fn, encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if header == FINDINGS_HEADER:
                continue  # the finding sample (FINDINGS.md), scored by scripts/findings.py
            if header != HEADER:
                warn("%s: unexpected header %r, skipped" % (fn, header))
                continue
            for n, rec in enumerate(reader, start=2):
                if not rec or all(not c.strip() for c in rec):
                    continue
                if len(rec) != len(HEADER):
                    warn("%s:%d: %d columns, expected %d; row skipped" % (fn, n, len(rec), len(HEADER)))
                    continue
                row = dict(zip(HEADER, rec))
                repo = row["repository"].strip()
                if only and repo not in only and repo.replace("/", "+") not in only:
                    continue
                counted = row["counted"].strip().lower()
                if counted not in ("yes", "no"):
                    warn("%s:%d: counted must be yes or no, got %r; row skipped" % (fn, n, counted))
                    continue
                kind = row["kind"].strip()
                if kind not in KINDS:
                    warn("%s:%d: kind %r is not in the closed list" % (fn, n, kind))
                entry = repos.setdefault(repo, {
                    "commit": row["commit"].strip(),
                    "slug": repo.replace("/", "+"),
                    "rows": [],
                    "source": os.path.basename(fn),
                })
                if entry["commit"] != row["commit"].strip():
                    warn("%s:%d: %s labelled at two commits (%s, %s); using the first"
                         % (fn, n, repo, entry["commit"], row["commit"].strip()))
                entry["rows"].append({
                    "path": normalise(row["path"]),
                    "kind": kind,
                    "counted": counted == "yes",
                    "why": row["why"].strip(),
                })
    return repos


def normalise(path):
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


# ---------------------------------------------------------------- git


def git(*args, cwd=None, check=True):
    proc = subprocess.run(["git"] + list(args), cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError("git %s: %s" % (" ".join(args), proc.stderr.strip()))
    return proc


def head_of(checkout):
    proc = git("-C", checkout, "rev-parse", "HEAD", check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def absent_blobs(checkout, commit):
    """After a checkout that failed: if HEAD is at commit and the only differences are
    files whose blobs the mirror lacks (snapshots leave out very large files and LFS
    content), return those paths; otherwise None."""
    if head_of(checkout) != commit:
        return None
    status = git("-C", checkout, "-c", "core.quotepath=false", "status", "--porcelain",
                 "--untracked-files=no", check=False)
    if status.returncode != 0:
        return None
    absent = []
    for line in status.stdout.splitlines():
        code, path = line[:2], line[3:]
        if "D" not in code:
            return None
        if git("-C", checkout, "cat-file", "-e", "%s:%s" % (commit, path), check=False).returncode == 0:
            return None  # the blob is there: a real failure
        absent.append(path)
    return absent


def cmd_prepare(args):
    repos = load_labels(args.corpus, args.repo)
    os.makedirs(args.checkouts, exist_ok=True)
    failed = 0
    for repo, info in repos.items():
        src = os.path.join(args.mirrors, info["slug"], "repo")
        dest = os.path.join(args.checkouts, info["slug"])
        commit = info["commit"]
        try:
            if os.path.isdir(dest):
                if head_of(dest) == commit and absent_blobs(dest, commit) is not None:
                    print("%-55s already at %s" % (repo, commit[:12]))
                    continue
                if head_of(dest) is None:
                    raise RuntimeError("%s exists and is not a git checkout" % dest)
                # Existing clone at another commit: bring the commit in from the mirror.
                if git("-C", dest, "cat-file", "-e", commit + "^{commit}", check=False).returncode != 0:
                    if not os.path.isdir(src):
                        raise RuntimeError("no mirror at %s" % src)
                    git("-C", dest, "fetch", "--quiet", os.path.abspath(src), commit)
            else:
                if not os.path.isdir(src):
                    raise RuntimeError("no mirror at %s" % src)
                git("clone", "--quiet", "--no-checkout", os.path.abspath(src), dest)
            proc = git("-C", dest, "-c", "advice.detachedHead=false", "checkout", "--quiet",
                       "--force", "--detach", commit, check=False)
            note = ""
            if proc.returncode != 0:
                absent = absent_blobs(dest, commit)
                if absent is None:
                    raise RuntimeError("checkout of %s failed: %s" % (commit, proc.stderr.strip()))
                note = " (%d file(s) absent from the mirror left out: %s)" % (
                    len(absent), ", ".join(absent[:3]) + (" …" if len(absent) > 3 else ""))
            print("%-55s checked out %s%s" % (repo, commit[:12], note))
        except RuntimeError as e:
            failed += 1
            warn("%s: %s" % (repo, e))
    return 1 if failed else 0


# ---------------------------------------------------------------- scan


def run_scan(binary, checkout):
    cmd = [binary, "scan", checkout, "--format", "json", "-q", "--no-cache", "--now", NOW]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        return None, "cannot run %s: %s" % (binary, e)
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        return None, "exit %d, no JSON on stdout: %s" % (proc.returncode, proc.stderr.strip()[:300])
    try:
        docs = data["repositories"][0]["documents"]
    except (KeyError, IndexError, TypeError):
        return None, "JSON has no repositories[0].documents"
    out = {}
    for d in docs:
        path = normalise(d.get("path", ""))
        counted = d.get("counted", True)
        if counted is None:
            counted = True
        if d.get("not_counted"):
            counted = False
        out[path] = {"kind": d.get("kind") or "?", "counted": bool(counted),
                     "not_counted": d.get("not_counted")}
    return out, None


# ---------------------------------------------------------------- figures


def ratio(a, b):
    return (a / b) if b else None


def figures(results):
    """results: list of (repo, label_row, tool_doc_or_None)."""
    per_kind = defaultdict(lambda: {"support": 0, "tp": 0, "predicted": 0})
    kinds_seen = set()
    counted_rows = correct = 0
    demoted = 0  # counted=yes rows the tool lists but marks not counted
    look_total = look_counted = look_unlisted = 0
    unlisted = 0
    per_repo = OrderedDict()
    errors = []
    for repo, row, tool in results:
        r = per_repo.setdefault(repo, {"rows": 0, "counted_rows": 0, "correct": 0,
                                       "unlisted": 0, "lookalikes": 0, "lookalikes_counted": 0})
        r["rows"] += 1
        if tool is None:
            unlisted += 1
            r["unlisted"] += 1
        if row["counted"]:
            counted_rows += 1
            r["counted_rows"] += 1
            if tool is None:
                pred = UNLISTED
            elif not tool["counted"]:
                pred = NOT_COUNTED
                demoted += 1
            else:
                pred = tool["kind"]
            per_kind[row["kind"]]["support"] += 1
            kinds_seen.add(row["kind"])
            if pred not in (UNLISTED, NOT_COUNTED):
                per_kind[pred]["predicted"] += 1
                kinds_seen.add(pred)
            if pred == row["kind"]:
                per_kind[row["kind"]]["tp"] += 1
                correct += 1
                r["correct"] += 1
            else:
                errors.append({"repository": repo, "path": row["path"], "label": row["kind"],
                               "counted": "yes", "tool": pred, "why": row["why"]})
        else:
            look_total += 1
            r["lookalikes"] += 1
            if tool is None:
                look_unlisted += 1
            elif tool["counted"] and tool["kind"] != "other":
                look_counted += 1
                r["lookalikes_counted"] += 1
                errors.append({"repository": repo, "path": row["path"], "label": row["kind"],
                               "counted": "no", "tool": tool["kind"] + " (counted)",
                               "why": row["why"]})
    order = [k for k in KINDS if k in kinds_seen] + sorted(k for k in kinds_seen if k not in KINDS)
    kinds = OrderedDict()
    for k in order:
        v = per_kind[k]
        kinds[k] = {"support": v["support"], "predicted": v["predicted"], "correct": v["tp"],
                    "recall": ratio(v["tp"], v["support"]),
                    "precision": ratio(v["tp"], v["predicted"])}
    return {
        "rows": len(results),
        "counted_rows": counted_rows,
        "accuracy": ratio(correct, counted_rows),
        "correct": correct,
        "per_kind": kinds,
        "counted_marked_not_counted": demoted,
        "lookalikes": {"rows": look_total, "counted_by_tool": look_counted,
                       "unlisted": look_unlisted, "share_counted": ratio(look_counted, look_total)},
        "unlisted": unlisted,
        "per_repository": per_repo,
        "errors": errors,
    }


def pct(x):
    return "   -" if x is None else "%5.1f%%" % (100.0 * x)


def print_text(fig, show_errors, skipped):
    print("Labelled rows: %d (counted=yes: %d, look-alikes counted=no: %d)"
          % (fig["rows"], fig["counted_rows"], fig["lookalikes"]["rows"]))
    print()
    print("Per kind, rows labelled counted=yes:")
    print("  %-14s %7s %9s %8s %9s %10s" % ("kind", "support", "predicted", "correct", "recall", "precision"))
    for k, v in fig["per_kind"].items():
        print("  %-14s %7d %9d %8d %9s %10s" % (k, v["support"], v["predicted"], v["correct"],
                                                pct(v["recall"]), pct(v["precision"])))
    print("  %-14s %7d %9s %8d %9s" % ("all", fig["counted_rows"], "", fig["correct"], pct(fig["accuracy"])))
    print()
    lk = fig["lookalikes"]
    print("Look-alikes counted: %s (%d of %d counted=no rows are counted by the tool with a kind other than `other`; %d unlisted)"
          % (pct(lk["share_counted"]).strip(), lk["counted_by_tool"], lk["rows"], lk["unlisted"]))
    print("Counted documents the tool marks not counted: %d" % fig["counted_marked_not_counted"])
    print("Labelled paths the tool does not list: %d" % fig["unlisted"])
    print()
    print("Per repository:")
    print("  %-50s %5s %8s %8s %9s %11s" % ("repository", "rows", "counted", "accuracy", "unlisted", "look-alikes"))
    for repo, r in fig["per_repository"].items():
        print("  %-50s %5d %8d %8s %9d %11s" % (repo, r["rows"], r["counted_rows"],
                                                pct(ratio(r["correct"], r["counted_rows"])), r["unlisted"],
                                                "%d/%d" % (r["lookalikes_counted"], r["lookalikes"])))
    for repo, why in skipped:
        print("  %-50s skipped: %s" % (repo, why))
    if show_errors:
        print()
        print("Mismatches (repository, path, label, tool kind, label why):")
        for e in fig["errors"]:
            label = e["label"] + ("" if e["counted"] == "yes" else " (not counted)")
            print("  %s\t%s\t%s\t%s\t%s" % (e["repository"], e["path"], label, e["tool"], e["why"]))


def cmd_score(args):
    repos = load_labels(args.corpus, args.repo)
    binary = args.binary or DEFAULT_BINARY
    if not os.path.isfile(binary):
        warn("no exitready binary at %s" % binary)
    results = []
    skipped = []
    for repo, info in repos.items():
        checkout = os.path.join(args.checkouts, info["slug"])
        if not os.path.isdir(checkout):
            skipped.append((repo, "no checkout at %s (run prepare)" % checkout))
            continue
        head = head_of(checkout)
        if head != info["commit"]:
            warn("%s: checkout is at %s, labels are for %s (run prepare)" % (repo, head, info["commit"]))
        docs, err = run_scan(binary, checkout)
        if docs is None:
            skipped.append((repo, err))
            continue
        for row in info["rows"]:
            results.append((repo, row, docs.get(row["path"])))
    fig = figures(results)
    fig["skipped"] = [{"repository": r, "reason": w} for r, w in skipped]
    fig["binary"] = binary
    if args.json:
        if not args.errors:
            fig.pop("errors")
        json.dump(fig, sys.stdout, indent=2)
        print()
    else:
        print_text(fig, args.errors, skipped)
    return 0


def main(argv=None):
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=CORPUS_DIR, help="folder of labelled .tsv files (default: tests/corpus)")
    sub = ap.add_subparsers(dest="verb")
    p = sub.add_parser("prepare", help="clone labelled repositories at their labelled commits")
    p.add_argument("mirrors", metavar="MIRRORS_DIR")
    p.add_argument("checkouts", metavar="CHECKOUTS_DIR")
    p.add_argument("--repo", action="append", help="only this repository (owner/name or owner+name); repeatable")
    s = sub.add_parser("score", help="run exitready and compare with the labels")
    s.add_argument("checkouts", metavar="CHECKOUTS_DIR")
    s.add_argument("binary", metavar="EXITREADY_BINARY", nargs="?")
    s.add_argument("--errors", action="store_true", help="list every mismatch")
    s.add_argument("--json", action="store_true", help="print the figures as JSON")
    s.add_argument("--repo", action="append", help="only this repository (owner/name or owner+name); repeatable")
    args = ap.parse_args(argv)
    if args.verb == "prepare":
        return cmd_prepare(args)
    if args.verb == "score":
        return cmd_score(args)
    ap.print_help(sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
