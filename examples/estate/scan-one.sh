#!/bin/sh
# One repository's report, as each job of an estate scan makes it (GitHub Actions matrix,
# GitLab parallel:matrix, Kubernetes Indexed Job): a full-history clone in, one JSON report out.
#
# usage: scan-one.sh REPOSITORY_DIR REPORTS_DIR [CONFIG]
# The report is named after the repository's folder; CONFIG (one exitready.toml for the whole
# estate) is optional. exitready exits 2 on a repository it cannot read: the job fails and says
# why, the other jobs go on, and the merge reports what it received.
set -eu
repository=$1
reports=$2
config=${3:-}
mkdir -p "$reports"
exitready scan "$repository" ${config:+--config "$config"} -q -o "$reports/$(basename "$repository").json"
