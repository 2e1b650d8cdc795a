#!/usr/bin/env bash
# Runs the unit tests built with AddressSanitizer and UndefinedBehaviorSanitizer (make asan-test):
# scripts/asan-test.sh BUILD_DIR. Any report fails the run. Leak reports from libraries that keep process-wide state on purpose
# (glib's and libvips' type system, fontconfig) are suppressed in scripts/lsan.supp; ours are not.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-sanitize}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export VIPS_WARNING=0 G_MESSAGES_DEBUG=
status=0
for t in imgopt_unit_logic_tests imgopt_unit_image_tests imgopt_unit_engine_tests imgopt_unit_safety_tests; do
  echo "asan-test: $t"
  "$build/bin/$t" --gtest_brief=1 || status=1
done
exit $status
