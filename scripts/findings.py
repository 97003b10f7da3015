#!/usr/bin/env python3
"""Measure the precision of exitready's stale-document findings on real documentation.

A "finding" is one entry of repositories[].documents[].reasons[] in
`exitready scan --format json` (signal, message, optional path and line). The
labelled sample lives in tests/corpus/findings.tsv (see tests/corpus/FINDINGS.md).
Two verbs:

  findings.py draw CHECKOUTS_DIR BINARY N [--seed 7] [--out tests/corpus/findings.tsv]
      Scan every git checkout CHECKOUTS_DIR/<owner>+<name> with
      `BINARY scan CHECKOUT --format json -q --no-cache --now 2026-11-29`, list every
      finding (one row per reason) and draw a stratified random sample of N findings
      with random.Random(seed): every signal gets min(available, N // 8) findings,
      the rest of N is shared out in proportion to what each signal has left
      (largest remainder). Writes a TSV with empty `label` and `why` columns.
      Refuses to overwrite a file that already holds labels unless --force.

  findings.py score CHECKOUTS_DIR BINARY [--labels tests/corpus/findings.tsv] [--json]
      Scan the labelled repositories again, match every labelled finding with the
      emitted ones (same repository, path and signal; then same line, or same
      target when the label has one; labels with neither match on the signal
      alone), and print per signal: labelled findings still emitted and of those
      justified / false alarm -> precision, labelled justified findings no longer
      emitted (lost recall), labelled false alarms no longer emitted (fixed), and
      emitted findings in the sampled documents that no label matches (need
      labelling, or were simply not drawn). Always exits 0 once it ran.

Standard library only.
"""

import argparse
import csv
import json
import os
import random
import re
import signal as signals
import subprocess
import sys
from collections import Counter, OrderedDict, defaultdict
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_LABELS = os.path.join(ROOT, "tests", "corpus", "findings.tsv")
NOW = "2026-11-29"
HEADER = ["repository", "path", "kind", "signal", "line", "target", "message", "label", "why"]
LABELS = ("justified", "false_alarm")
# Display order; signals the tool emits that are not listed here come after, sorted.
SIGNALS = [
    "age", "drift", "dead_link", "dead_anchor", "dead_path", "overdue_review",
    "front_matter", "adr_status", "adr_superseded", "adr_gap", "hollow",
]
MIN_REPOSITORIES = 6


def warn(msg):
    print("findings: " + msg, file=sys.stderr)


def clean(text):
    """One TSV cell: no tabs, no line breaks."""
    return " ".join(str(text).replace("\t", " ").split())


def signal_order(names):
    names = set(names)
    return [s for s in SIGNALS if s in names] + sorted(names - set(SIGNALS))


# ---------------------------------------------------------------- scanning


def checkouts_in(directory):
    """[(repository 'owner/name', checkout path)] for every git checkout in directory."""
    out = []
    for entry in sorted(os.listdir(directory)):
        path = os.path.join(directory, entry)
        if not os.path.isdir(path) or "+" not in entry:
            continue
        if not (os.path.exists(os.path.join(path, ".git")) or os.path.exists(os.path.join(path, "HEAD"))):
            continue
        out.append((entry.replace("+", "/", 1), path))
    return out


def scan(binary, checkout):
    """Return (list of document dicts, error)."""
    cmd = [binary, "scan", checkout, "--format", "json", "-q", "--no-cache", "--now", NOW]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        return None, "cannot run %s: %s" % (binary, e)
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        return None, "exit %d, no JSON on stdout: %s" % (proc.returncode, proc.stderr.strip()[:300])
    docs = []
    for repo in data.get("repositories") or []:
        docs.extend(repo.get("documents") or [])
    return docs, None


def reason_lines(reason):
    """Every line a reason names: `line`, plus `lines` if a later version groups them."""
    out = []
    if reason.get("line") is not None:
        out.append(str(reason["line"]))
    for n in reason.get("lines") or []:
        if str(n) not in out:
            out.append(str(n))
    return out


ANCHOR = re.compile(r"no heading with anchor (#\S+)")


def target_of(reason):
    """The path a reason points at; for a dead anchor, path#anchor, so that two dead
    anchors into one file are two targets."""
    target = reason.get("path") or ""
    m = ANCHOR.search(reason.get("message") or "")
    if target and m:
        target += m.group(1)
    return target


def findings_of(repository, docs):
    rows = []
    for doc in docs:
        for reason in doc.get("reasons") or []:
            lines = reason_lines(reason)
            rows.append({
                "repository": repository,
                "path": doc.get("path", ""),
                "kind": doc.get("kind") or "",
                "signal": reason.get("signal", ""),
                "line": lines[0] if lines else "",
                "lines": lines,
                "target": target_of(reason),
                "message": clean(reason.get("message", "")),
            })
    return rows


def scan_all(binary, pairs, jobs):
    """pairs: [(repository, checkout)] -> (OrderedDict repository -> findings, [(repo, error)])."""
    results = OrderedDict()
    failed = []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [(repo, pool.submit(scan, binary, path)) for repo, path in pairs]
        for repo, fut in futures:
            docs, err = fut.result()
            if docs is None:
                failed.append((repo, err))
                warn("%s: %s" % (repo, err))
                continue
            results[repo] = findings_of(repo, docs)
    return results, failed


def sort_key(f):
    line = f["line"]
    return (f["repository"], f["path"], f["signal"], int(line) if line.isdigit() else -1,
            f["target"], f["message"])


# ---------------------------------------------------------------- draw


def allocate(available, n):
    """available: {signal: count}. Every signal gets min(count, n // 8); the rest of n is
    shared in proportion to what is left per signal (largest remainder, ties by name)."""
    cap = n // 8
    quota = {s: min(c, cap) for s, c in available.items()}
    rest = n - sum(quota.values())
    left = {s: available[s] - quota[s] for s in available}
    total_left = sum(left.values())
    if rest > 0 and total_left > 0:
        rest = min(rest, total_left)
        shares = {s: rest * left[s] / total_left for s in left}
        floors = {s: int(shares[s]) for s in shares}
        for s in floors:
            quota[s] += floors[s]
        remaining = rest - sum(floors.values())
        order = sorted(shares, key=lambda s: (-(shares[s] - floors[s]), s))
        for s in order[:remaining]:
            quota[s] += 1
    return quota


def existing_labels(path):
    if not os.path.exists(path):
        return 0
    n = 0
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for rec in reader:
            if len(rec) >= 8 and rec[7].strip():
                n += 1
    return n


def cmd_draw(args):
    pairs = checkouts_in(args.checkouts)
    if not pairs:
        warn("no <owner>+<name> git checkouts in %s" % args.checkouts)
        return 1
    if not args.force and existing_labels(args.out):
        warn("%s already holds %d label(s); use --force to overwrite" % (args.out, existing_labels(args.out)))
        return 1
    per_repo, failed = scan_all(args.binary, pairs, args.jobs)
    population = sorted((f for rows in per_repo.values() for f in rows), key=sort_key)
    by_signal = defaultdict(list)
    for f in population:
        by_signal[f["signal"]].append(f)
    available = {s: len(v) for s, v in by_signal.items()}
    quota = allocate(available, args.n)
    rng = random.Random(args.seed)
    sample = []
    for s in signal_order(by_signal):  # fixed order, so the seed alone fixes the draw
        sample.extend(rng.sample(by_signal[s], quota[s]))
    sample.sort(key=sort_key)
    repos = Counter(f["repository"] for f in sample)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write("\t".join(HEADER) + "\n")
        for row in sample:
            f.write("\t".join(clean(row[c]) if c in row else "" for c in HEADER) + "\n")
    print("Scanned %d repositories (%d failed), %d findings; drew %d with seed %d into %s"
          % (len(per_repo), len(failed), len(population), len(sample), args.seed, args.out))
    print("  %-16s %9s %7s" % ("signal", "available", "drawn"))
    for s in signal_order(available):
        print("  %-16s %9d %7d" % (s, available[s], quota[s]))
    print("  %d repositories in the sample: %s" % (len(repos), ", ".join(
        "%s %d" % (r, c) for r, c in sorted(repos.items()))))
    if len(repos) < MIN_REPOSITORIES:
        warn("the sample covers %d repositories, fewer than %d" % (len(repos), MIN_REPOSITORIES))
        return 1
    return 0


# ---------------------------------------------------------------- score


def load_labels(path):
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header != HEADER:
            raise SystemExit("findings: %s: unexpected header %r" % (path, header))
        for n, rec in enumerate(reader, start=2):
            if not rec or all(not c.strip() for c in rec):
                continue
            if len(rec) != len(HEADER):
                warn("%s:%d: %d columns, expected %d; row skipped" % (path, n, len(rec), len(HEADER)))
                continue
            row = dict(zip(HEADER, (c.strip() for c in rec)))
            if row["label"] and row["label"] not in LABELS:
                warn("%s:%d: label must be one of %s, got %r; treated as unlabelled"
                     % (path, n, "/".join(LABELS), row["label"]))
                row["label"] = ""
            row["lineno"] = n
            rows.append(row)
    return rows


def match(labels, emitted):
    """Pair every label row with at most one emitted finding of the same repository, path
    and signal. Returns {label index: emitted index}. Preference: same line and target,
    then same line (targets not contradicting), then same target (a line that moved, or
    duplicates grouped into one finding), then, for labels with neither line nor target,
    any finding of the signal in the document."""
    by_doc = defaultdict(list)
    for j, e in enumerate(emitted):
        by_doc[(e["repository"], e["path"], e["signal"])].append(j)
    pairs = {}
    taken = set()

    def first(cands, test, allow_taken):
        free = [j for j in cands if j not in taken and test(emitted[j])]
        if free:
            return free[0]
        if allow_taken:
            used = [j for j in cands if test(emitted[j])]
            if used:
                return used[0]
        return None

    def bare(x):
        return not x["line"] and not x["target"]

    passes = [
        lambda l: (lambda e: l["line"] and l["line"] in e["lines"] and l["target"] == e["target"]),
        lambda l: (lambda e: l["line"] and l["line"] in e["lines"]
                   and (not l["target"] or not e["target"] or l["target"] == e["target"])),
        lambda l: (lambda e: l["target"] and l["target"] == e["target"]),
        lambda l: (lambda e: bare(l) and bare(e)),
        lambda l: (lambda e: bare(l)),
    ]
    for p, make in enumerate(passes):
        for i, l in enumerate(labels):
            if i in pairs:
                continue
            cands = by_doc.get((l["repository"], l["path"], l["signal"]), [])
            # A grouped finding may stand for several labelled duplicates (lines listed
            # in one finding, or one target), so after the exact pass an emitted finding
            # already paired may be paired again when no free one fits.
            j = first(cands, make(l), allow_taken=(p >= 1))
            if j is not None:
                pairs[i] = j
                taken.add(j)
    return pairs


def ratio(a, b):
    return (a / b) if b else None


def wilson(k, n, z=1.96):
    """95 % Wilson score interval of a proportion k/n, or None without data."""
    if not n:
        return None
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / d
    return [max(0.0, c - h), min(1.0, c + h)]


def figures(labels, emitted, population):
    pairs = match(labels, emitted)
    labelled_docs = {(l["repository"], l["path"]) for l in labels}
    matched_emitted = defaultdict(list)  # emitted index -> labels
    for i, j in pairs.items():
        matched_emitted[j].append(labels[i])
    sig = defaultdict(lambda: Counter())
    for l in labels:
        s = sig[l["signal"]]
        s["labelled"] += 1
        s[l["label"] or "unlabelled_row"] += 1
    lost, fixed = [], []
    for i, l in enumerate(labels):
        if i in pairs:
            continue
        if l["label"] == "justified":
            sig[l["signal"]]["lost"] += 1
            if "duplicate" in l["why"].lower():
                sig[l["signal"]]["lost_dup"] += 1  # grouped away, not missed
            lost.append(l)
        elif l["label"] == "false_alarm":
            sig[l["signal"]]["fixed"] += 1
            fixed.append(l)
    # An emitted finding is counted once, whatever number of labelled duplicates it
    # stands for; it is justified when any of them is.
    for j, ls in matched_emitted.items():
        s = sig[emitted[j]["signal"]]
        got = {l["label"] for l in ls}
        s["emitted"] += 1
        if "justified" in got:
            s["emitted_justified"] += 1
        elif "false_alarm" in got:
            s["emitted_false_alarm"] += 1
        else:
            s["emitted_no_label"] += 1
    unlabelled = []
    for j, e in enumerate(emitted):
        if j in matched_emitted or (e["repository"], e["path"]) not in labelled_docs:
            continue
        sig[e["signal"]]["unlabelled"] += 1
        unlabelled.append(e)
    per_signal = OrderedDict()
    tot = Counter()
    weighted_num = weighted_den = 0.0
    for s in signal_order(list(sig) + list(population)):
        c = sig[s]
        j, fa = c["emitted_justified"], c["emitted_false_alarm"]
        prec = ratio(j, j + fa)
        per_signal[s] = {
            "labelled": c["labelled"],
            "labelled_justified": c["justified"],
            "labelled_false_alarm": c["false_alarm"],
            "emitted": c["emitted"],
            "justified": j,
            "false_alarm": fa,
            "precision": prec,
            "precision_95ci": wilson(j, j + fa),
            "lost_justified": c["lost"],
            "lost_justified_noted_duplicate": c["lost_dup"],
            "fixed_false_alarms": c["fixed"],
            "unlabelled_in_sampled_documents": c["unlabelled"],
            "emitted_in_all_repositories": population.get(s, 0),
        }
        for k in ("labelled", "emitted", "lost", "lost_dup", "fixed", "unlabelled"):
            tot[k] += c[k]
        tot["justified"] += j
        tot["false_alarm"] += fa
        if prec is not None and population.get(s):
            weighted_num += prec * population[s]
            weighted_den += population[s]
    return {
        "per_signal": per_signal,
        "all": {
            "labelled": tot["labelled"],
            "emitted": tot["emitted"],
            "justified": tot["justified"],
            "false_alarm": tot["false_alarm"],
            "precision_in_sample": ratio(tot["justified"], tot["justified"] + tot["false_alarm"]),
            "precision_weighted_by_emitted": ratio(weighted_num, weighted_den),
            "lost_justified": tot["lost"],
            "lost_justified_noted_duplicate": tot["lost_dup"],
            "fixed_false_alarms": tot["fixed"],
            "unlabelled_in_sampled_documents": tot["unlabelled"],
        },
        "lost": [strip(l) for l in lost],
        "fixed": [strip(l) for l in fixed],
        "unlabelled": [strip(e) for e in unlabelled],
    }


def strip(row):
    return {k: row.get(k, "") for k in ("repository", "path", "signal", "line", "target", "label", "why", "message")
            if row.get(k, "") != ""}


def pct(x):
    return "     -" if x is None else "%5.1f%%" % (100.0 * x)


def ci(interval):
    if interval is None:
        return "-"
    return "%.0f–%.0f %%" % (100 * interval[0], 100 * interval[1])


def print_text(fig, binary, labels_path, failed, show):
    print("Labels: %s; binary: %s; --now %s" % (os.path.relpath(labels_path), binary, NOW))
    print()
    print("| signal | labelled | still emitted | justified | false alarm | precision | 95 % CI | lost justified (dup.) | fixed false alarms | unlabelled in sampled docs |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s, v in fig["per_signal"].items():
        print("| %s | %d | %d | %d | %d | %s | %s | %d (%d) | %d | %d |" % (
            s, v["labelled"], v["emitted"], v["justified"], v["false_alarm"], pct(v["precision"]).strip(),
            ci(v["precision_95ci"]),
            v["lost_justified"], v["lost_justified_noted_duplicate"], v["fixed_false_alarms"],
            v["unlabelled_in_sampled_documents"]))
    a = fig["all"]
    print("| **all (sample)** | %d | %d | %d | %d | %s | %s | %d (%d) | %d | %d |" % (
        a["labelled"], a["emitted"], a["justified"], a["false_alarm"], pct(a["precision_in_sample"]).strip(),
        ci(wilson(a["justified"], a["justified"] + a["false_alarm"])),
        a["lost_justified"], a["lost_justified_noted_duplicate"], a["fixed_false_alarms"],
        a["unlabelled_in_sampled_documents"]))
    print()
    print("Precision over all findings, each signal weighted by what it emits in the scanned repositories: %s"
          % pct(a["precision_weighted_by_emitted"]).strip())
    for repo, err in failed:
        print("skipped %s: %s" % (repo, err))
    if show:
        for title, key in (("Lost (labelled justified, no longer emitted)", "lost"),
                           ("Fixed (labelled false alarm, no longer emitted)", "fixed"),
                           ("Unlabelled findings in sampled documents", "unlabelled")):
            print()
            print(title + ":")
            for r in fig[key]:
                print("  " + "\t".join(str(r.get(k, "")) for k in
                                       ("repository", "path", "signal", "line", "target", "why", "message")))


def cmd_score(args):
    labels = load_labels(args.labels)
    repos = OrderedDict()
    for l in labels:
        repos.setdefault(l["repository"], os.path.join(args.checkouts, l["repository"].replace("/", "+", 1)))
    pairs, failed = [], []
    for repo, path in repos.items():
        if os.path.isdir(path):
            pairs.append((repo, path))
        else:
            failed.append((repo, "no checkout at %s" % path))
    per_repo, scan_failed = scan_all(args.binary, pairs, args.jobs)
    failed.extend(scan_failed)
    scanned = set(per_repo)
    labels = [l for l in labels if l["repository"] in scanned]
    emitted = [f for rows in per_repo.values() for f in rows]
    population = Counter(f["signal"] for f in emitted)
    fig = figures(labels, emitted, population)
    fig["binary"] = args.binary
    fig["now"] = NOW
    fig["skipped"] = [{"repository": r, "reason": e} for r, e in failed]
    if args.json:
        if not args.list:
            for k in ("lost", "fixed", "unlabelled"):
                fig.pop(k)
        json.dump(fig, sys.stdout, indent=2)
        print()
    else:
        print_text(fig, args.binary, args.labels, failed, args.list)
    return 0


def main(argv=None):
    if hasattr(signals, "SIGPIPE"):
        signals.signal(signals.SIGPIPE, signals.SIG_DFL)  # quiet when piped into head
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="verb")
    d = sub.add_parser("draw", help="scan the checkouts and draw a stratified sample of findings")
    d.add_argument("checkouts", metavar="CHECKOUTS_DIR")
    d.add_argument("binary", metavar="BINARY")
    d.add_argument("n", metavar="N", type=int)
    d.add_argument("--seed", type=int, default=7)
    d.add_argument("--out", default=DEFAULT_LABELS)
    d.add_argument("--force", action="store_true", help="overwrite a file that already holds labels")
    d.add_argument("-j", "--jobs", type=int, default=4, help="scans run at once (default 4)")
    s = sub.add_parser("score", help="scan again and score the labelled findings")
    s.add_argument("checkouts", metavar="CHECKOUTS_DIR")
    s.add_argument("binary", metavar="BINARY")
    s.add_argument("--labels", default=DEFAULT_LABELS)
    s.add_argument("--json", action="store_true", help="print the figures as JSON")
    s.add_argument("--list", action="store_true", help="also list lost, fixed and unlabelled findings")
    s.add_argument("-j", "--jobs", type=int, default=4, help="scans run at once (default 4)")
    args = ap.parse_args(argv)
    if args.verb == "draw":
        if args.n <= 0:
            ap.error("N must be positive")
        return cmd_draw(args)
    if args.verb == "score":
        return cmd_score(args)
    ap.print_help(sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
