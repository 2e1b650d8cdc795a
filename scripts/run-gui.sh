#!/usr/bin/env bash
# Starts the desktop app (`make run`): scripts/run-gui.sh BINARY [ARGS...]
# Without a display (no DISPLAY or WAYLAND_DISPLAY) it runs under xvfb-run, so `make run` also works over ssh
# and in CI. In CI (CI=true, stdin not a terminal) a headless start only checks that the app comes up: it is
# stopped after IMGOPT_RUN_SECONDS (default 10) instead of waiting for a window nobody can close.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BINARY [ARGS...]" >&2
  exit 2
fi
binary=$1
shift
if [ ! -x "$binary" ]; then
  echo "run-gui: $binary is not built (run 'make build')" >&2
  exit 1
fi

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$binary" "$@"
fi

if ! command -v xvfb-run >/dev/null; then
  echo "run-gui: no display and no xvfb-run; install xvfb (scripts/install-deps.sh) or set DISPLAY" >&2
  exit 1
fi

if [ "${CI:-}" = true ] && [ ! -t 0 ]; then
  seconds=${IMGOPT_RUN_SECONDS:-10}
  echo "run-gui: headless CI run, stopping after ${seconds}s"
  status=0
  timeout --preserve-status -s TERM "$seconds" xvfb-run -a -s "-screen 0 1400x900x24" "$binary" "$@" || status=$?
  # 143 = stopped by our timeout, which is the expected end of a smoke start.
  if [ "$status" -ne 0 ] && [ "$status" -ne 143 ]; then
    echo "run-gui: the app exited with status $status" >&2
    exit "$status"
  fi
  exit 0
fi

echo "run-gui: no display; running under Xvfb (nothing will be visible; use a desktop session to see the window)"
exec xvfb-run -a -s "-screen 0 1400x900x24" "$binary" "$@"
