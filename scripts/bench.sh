#!/usr/bin/env bash
# Benchmark of a whole `exitready scan` against `git log --no-merges --name-only` on the same
# repository, in one run: wall time and peak RSS of each (GNU time -v), and the ratio.
# Usage: scripts/bench.sh REPO [REPO...]   (work trees or bare git dirs; read-only)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/exitready"
out=$(mktemp -d)
measure() { # label, command... → prints a table row, sets $wall (seconds)
    local label=$1; shift
    /usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; return 1; }
    read -r wall rss <"$out/time"
    printf '| %-26s | %7.2f s | %6d MiB |' "$label" "$wall" "$((rss / 1024))"
}
echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1048576)}') GiB; $(git --version); exitready $("$bin" --version | cut -d' ' -f2)"
for repo in "$@"; do
    echo
    echo "## $(basename "$(dirname "$repo")")/$(basename "$repo") ($(git --git-dir="$repo" rev-list --count HEAD 2>/dev/null || git -C "$repo" rev-list --count HEAD) commits reachable from HEAD)"
    echo "| what | wall | peak RSS | ratio |"
    echo "| --- | --- | --- | --- |"
    git -C "$repo" log --no-merges --name-only --format='%H %ae %at' >/dev/null # warm the page cache
    measure "git log --name-only" git -C "$repo" log --no-merges --name-only --format='%H %ae %at'; base=$wall; echo " 1.00× |"
    ratio() { echo " $(echo "$wall / $base" | bc -l | xargs printf '%.2f')× |"; }
    measure "exitready scan --no-cache" "$bin" scan "$repo" -q --no-cache -o "$out/report.json"; ratio
    measure "exitready scan --no-cache --jobs 1" "$bin" scan "$repo" -q --no-cache --jobs 1 -o "$out/report.json"; ratio
    # The history cache goes to a fresh folder: first scan writes it, the second reads it.
    export EXITREADY_CACHE_DIR="$out/cache"
    measure "exitready scan (cold, writes cache)" "$bin" scan "$repo" -q -o "$out/report.json"; ratio
    measure "exitready scan (re-scan, cached)" "$bin" scan "$repo" -q -o "$out/report.json"; ratio
    unset EXITREADY_CACHE_DIR
    rm -rf "$out/cache"
done
rm -rf "$out"
