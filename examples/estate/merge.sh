#!/bin/sh
# The estate report from every job's JSON report: one JSON (a baseline for next quarter), HTML
# and Markdown. merge refuses reports of another major schema version (exit 2) before writing.
#
# usage: merge.sh REPORTS_DIR OUT_DIR
set -eu
reports=$1
out=$2
mkdir -p "$out"
exitready merge "$reports"/*.json -q -o "$out/estate.json" -o "$out/estate.html" -o "$out/estate.md"
