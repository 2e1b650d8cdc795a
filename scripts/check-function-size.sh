#!/usr/bin/env bash
# No function in src/ over 80 lines (issue "Code health"): clang-tidy's readability-function-size on every
# tracked source file, with the compile commands of BUILD_DIR (default build/). Exits 1 on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
[ -f "$build/compile_commands.json" ] || { echo "check-function-size: configure $build first" >&2; exit 1; }
config='{CheckOptions: [{key: readability-function-size.LineThreshold, value: 80}]}'
out=$(git ls-files 'src/*.cpp' 'tools/*.cpp' | xargs -P "$(nproc)" -n 4 \
  clang-tidy -p "$build" --quiet --checks='-*,readability-function-size' --config="$config" 2>/dev/null \
  | grep -E "warning: function .* exceeds recommended size" || true)
if [ -n "$out" ]; then
  echo "$out"
  echo "check-function-size: functions over 80 lines (split them)" >&2
  exit 1
fi
echo "check-function-size: no function in src/ or tools/ is over 80 lines"
