#!/usr/bin/env bash
# Hand-labelled document corpus: prepare checkouts and score exitready's classifier.
#   scripts/corpus.sh prepare MIRRORS_DIR CHECKOUTS_DIR
#   scripts/corpus.sh score CHECKOUTS_DIR [EXITREADY_BINARY] [--errors] [--json]
# See tests/corpus/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/corpus.py" "$@"
