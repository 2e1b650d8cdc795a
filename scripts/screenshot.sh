#!/usr/bin/env bash
# Takes the README screenshots: scripts/screenshot.sh BUILD_DIR/bin/imgopt-gui-screenshot
# Copies ../shared/corpus to a scratch folder (the corpus stays untouched), runs the app on it under Xvfb
# with auto-start, and lets the app grab its own window once the run has finished. The grabbing is done by
# imgopt-gui-screenshot (tools/screenshot), the app plus a hook that the shipped imgopt-gui does not have:
#   docs/screenshot-main.png     the whole main window after the run
#   docs/screenshot-metrics.png  the metrics panel
#   docs/screenshot-compare.png  the compare view on photos/garden.jpg after a run with quality auto
# With ImageMagick's `import`, a full-screen capture is also written to docs/screenshot-screen.png.
set -euo pipefail

binary=${1:?usage: $0 BUILD_DIR/bin/imgopt-gui-screenshot}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${IMGOPT_CORPUS:-$root/../shared/corpus}
out=$root/docs
size=1400x900

[ -x "$binary" ] || { echo "screenshot: $binary is not built" >&2; exit 1; }
[ -d "$corpus" ] || { echo "screenshot: no corpus at $corpus" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshot: xvfb-run is missing (scripts/install-deps.sh)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/corpus"
chmod -R u+w "$work/corpus"
mkdir -p "$out" "$work/config"

# A fresh configuration: default settings, auto-start on, default window layout.
export XDG_CONFIG_HOME=$work/config
export IMGOPT_SCREENSHOT=$work/main.png
export IMGOPT_SCREENSHOT_METRICS=$work/metrics.png
export IMGOPT_SCREENSHOT_SIZE=$size
export VIPS_WARNING=0

# Runs inside the Xvfb session: waits for the app's own grab, then captures the whole screen too. A separate
# script because xvfb-run is a /bin/sh script, which drops exported bash functions.
cat >"$work/inside.sh" <<'INSIDE'
#!/usr/bin/env bash
binary=$1 corpus=$2 screen=$3
"$binary" "$corpus" &
pid=$!
for _ in $(seq 1 600); do
  [ -f "$IMGOPT_SCREENSHOT" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if command -v import >/dev/null && [ -f "$IMGOPT_SCREENSHOT" ]; then
  import -window root "$screen" 2>/dev/null || true
fi
wait "$pid"
INSIDE
chmod +x "$work/inside.sh"
IMGOPT_SCREENSHOT_QUIT=1 timeout 300 xvfb-run -a -s "-screen 0 ${size}x24" \
  "$work/inside.sh" "$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")" "$work/corpus" "$work/screen.png"

[ -f "$work/main.png" ] || { echo "screenshot: the app did not write a screenshot" >&2; exit 1; }

# The compare view: a second run, with quality auto, on a fresh copy and configuration.
rm -rf "$work/corpus" "$work/config" && cp -r "$corpus" "$work/corpus" && chmod -R u+w "$work/corpus"
mkdir -p "$work/config"
IMGOPT_SCREENSHOT=$work/main-auto.png IMGOPT_SCREENSHOT_METRICS= IMGOPT_SCREENSHOT_QUALITY=auto \
  IMGOPT_SCREENSHOT_COMPARE=$work/compare.png IMGOPT_SCREENSHOT_COMPARE_ROW=garden.jpg IMGOPT_SCREENSHOT_QUIT=1 \
  timeout 300 xvfb-run -a -s "-screen 0 ${size}x24" \
  "$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")" "$work/corpus/photos"
[ -f "$work/compare.png" ] && cp "$work/compare.png" "$out/screenshot-compare.png"
cp "$work/main.png" "$out/screenshot-main.png"
[ -f "$work/metrics.png" ] && cp "$work/metrics.png" "$out/screenshot-metrics.png"
[ -f "$work/screen.png" ] && cp "$work/screen.png" "$out/screenshot-screen.png"
echo "screenshot: wrote $(cd "$out" && ls screenshot-*.png | tr '\n' ' ')"
