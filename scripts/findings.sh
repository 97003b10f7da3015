#!/usr/bin/env bash
# Precision of stale-document findings on a labelled sample of real repositories.
#   scripts/findings.sh draw CHECKOUTS_DIR BINARY N [--seed 7] [--out tests/corpus/findings.tsv]
#   scripts/findings.sh score CHECKOUTS_DIR BINARY [--labels tests/corpus/findings.tsv] [--json] [--list]
# See tests/corpus/FINDINGS.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/findings.py" "$@"
