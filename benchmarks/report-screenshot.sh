#!/usr/bin/env bash
# Renders an HTML report in headless Chromium, as a reader's browser would (no network: the report is one
# self-contained file), and saves the page as a PNG; docs/report-html.png is made this way.
# usage: benchmarks/report-screenshot.sh REPORT.html OUT.png [WIDTHxHEIGHT]   (default 1000x1700)
# Needs chromium (IMGOPT_BENCH_DEPS=1 scripts/install-deps.sh).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2; exit 2; }
report=$(realpath "$1")
out=$(realpath -m "$2")
size=${3:-1000x1700}
command -v chromium >/dev/null || { echo "report-screenshot: chromium missing" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# --no-sandbox: CI and containers run as root, where Chromium's sandbox refuses to start.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="${size/x/,}" --screenshot="$out" "file://$report" >/dev/null 2>&1
[ -s "$out" ] || { echo "report-screenshot: no screenshot written" >&2; exit 1; }
echo "report-screenshot: $out"
