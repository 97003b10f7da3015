#!/bin/sh
# Screenshots of an HTML report at three widths, and the report printed to PDF, with headless
# Chromium (issue 15): what a reader sees on a phone (400 px), a tablet (768 px) and a laptop
# (1280 px), and on paper.
#
#   scripts/screenshots.sh REPORT.html [OUT-DIR]
#
# Writes, in OUT-DIR (default: a folder `screenshots` beside the report):
#   NAME-400.png, NAME-768.png, NAME-1280.png            the first screen at each width
#   NAME-400-long.png, NAME-768-long.png, NAME-1280-long.png   the first LONG_HEIGHT pixels
#   NAME.pdf                                              the page printed to PDF (A4, as @page says)
#
# LONG_HEIGHT (default 6000) sets the height of the long screenshots. Chromium comes from
# CHROMIUM when set, else the first of chromium, chromium-browser, google-chrome on PATH; when
# none is found it is installed from the OS packages (`apt-get install -y chromium`). The
# browser runs with a throw-away profile, no network services and no sandbox (containers).
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 REPORT.html [OUT-DIR]" >&2
    exit 2
fi
report=$1
if [ ! -f "$report" ]; then
    echo "$0: $report: no such file" >&2
    exit 2
fi
report_abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
name=$(basename "$report" .html)
out=${2:-$(dirname "$report_abs")/screenshots}
mkdir -p "$out"
out=$(cd "$out" && pwd)
long=${LONG_HEIGHT:-6000}

find_chromium() {
    if [ -n "${CHROMIUM:-}" ]; then
        echo "$CHROMIUM"
        return
    fi
    for candidate in chromium chromium-browser google-chrome; do
        if command -v "$candidate" >/dev/null 2>&1; then
            command -v "$candidate"
            return
        fi
    done
}

browser=$(find_chromium)
if [ -z "$browser" ]; then
    echo "$0: Chromium not found; installing it from the OS packages (apt-get install -y chromium)" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
    browser=$(find_chromium)
    if [ -z "$browser" ]; then
        echo "$0: Chromium is still not on PATH after installing it" >&2
        exit 1
    fi
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT INT TERM

chromium() {
    "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$profile" "$@" "file://$report_abs" >/dev/null 2>&1
}

# The first screen: a phone's, a tablet's, a laptop's.
for size in 400x860 768x1024 1280x900; do
    width=${size%x*}
    height=${size#*x}
    chromium --window-size="$width,$height" --screenshot="$out/$name-$width.png"
    chromium --window-size="$width,$long" --screenshot="$out/$name-$width-long.png"
    echo "$out/$name-$width.png"
    echo "$out/$name-$width-long.png"
done
chromium --no-pdf-header-footer --print-to-pdf="$out/$name.pdf"
echo "$out/$name.pdf"
