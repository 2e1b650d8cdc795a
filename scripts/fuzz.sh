#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time: scripts/fuzz.sh BUILD_DIR SECONDS_PER_TARGET.
# Seeds: fuzz/seeds/ (small files kept in the repository) and ../shared/corpus when it is present. What a
# target learns stays in BUILD_DIR/fuzz-corpus/<target> for the next run; a crash leaves its input in
# BUILD_DIR/fuzz-crashes/ and makes this script fail. Findings so far: docs/robustness.md.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-sanitize}
seconds=${2:-60}
shared=../shared/corpus

mkdir -p "$build/fuzz-crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

run() {
  local target=$1 max_len=$2; shift 2
  local corpus=$build/fuzz-corpus/$target
  mkdir -p "$corpus"
  local seeds=("$@")
  [ -d "$shared" ] && seeds+=("$shared") || echo "fuzz: $shared is absent; seeding $target from fuzz/seeds only"
  echo "fuzz: $target for ${seconds}s"
  # -timeout: a single input that takes longer is a finding (a hang), as is more than 3 GB of memory.
  "$build/bin/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=3072 \
    -artifact_prefix="$build/fuzz-crashes/$target-" -print_final_stats=1 "$corpus" "${seeds[@]}" \
    2>"$build/fuzz-$target.log" || { tail -60 "$build/fuzz-$target.log" >&2; echo "fuzz: $target FAILED" >&2; return 1; }
  grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)" "$build/fuzz-$target.log" | sed "s/^/fuzz: $target /"
}

status=0
run fuzz_header 65536 fuzz/seeds/images fuzz/seeds/webp || status=1
run fuzz_webp_decode 65536 fuzz/seeds/webp || status=1
run fuzz_task 16384 fuzz/seeds/images fuzz/seeds/webp || status=1
exit $status
