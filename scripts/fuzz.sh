#!/usr/bin/env bash
# Fuzzes every parser of untrusted input for MINUTES (default 10): the property tests of
# tests/fuzz.rs (CODEOWNERS, OWNERS, catalog-info, MAINTAINERS, front matter, Markdown and the
# other document formats, config, checklists, attestations, the report reader and every
# renderer of what it accepts) and the parsers' own property tests in src/ (`::fuzz::`,
# `arbitrary_`), round after round, each round with PROPTEST_CASES cases per property (default
# 2000; `cargo test` runs 256) and fresh random seeds. Stops at the first failure: proptest
# prints the smallest failing input and saves it under proptest-regressions/ (commit it, so that
# `cargo test` replays it).
# Usage: scripts/fuzz.sh [MINUTES]     (PROPTEST_CASES=N scripts/fuzz.sh 60 for a night)
set -euo pipefail
minutes=${1:-10}
cases=${PROPTEST_CASES:-2000}
cd "$(dirname "$0")/.."
cargo test --locked --quiet --no-run --lib --test tests 2>/dev/null
deadline=$(($(date +%s) + minutes * 60))
rounds=0
total=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() { # cargo test arguments → adds the properties that passed times $cases to $total
    if ! PROPTEST_CASES=$cases cargo test --locked --quiet "$@" >"$log" 2>&1; then
        cat "$log"
        echo "fuzz: a property failed after $rounds round(s) and $total case(s); see above" >&2
        exit 1
    fi
    local passed
    passed=$(grep -o 'test result: ok\. [0-9]* passed' "$log" | awk '{s += $4} END {print s + 0}')
    total=$((total + passed * cases))
}
while [ "$(date +%s)" -lt "$deadline" ]; do
    run --lib -- ::fuzz:: arbitrary_
    run --test tests -- fuzz::
    rounds=$((rounds + 1))
    echo "fuzz: round $rounds done, $total case(s) without a failure"
done
echo "fuzz: $rounds round(s), $total case(s) in ${minutes} minute(s), no failure"
