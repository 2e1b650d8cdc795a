#!/usr/bin/env bash
# Optimizes the bundled samples into a scratch folder with the CLI and prints what happened.
set -euo pipefail
cli=${1:?usage: run-sample.sh path/to/imgopt}
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/imgopt-sample.XXXXXX")
"$cli" "$here/resources/samples" --output-dir "$out" --report "$out/report.html" || status=$?
echo "outputs and report.html are in $out"
exit "${status:-0}"
