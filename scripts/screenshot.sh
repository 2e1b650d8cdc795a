#!/usr/bin/env bash
# Takes the README and AppStream screenshots: scripts/screenshot.sh BUILD_DIR/bin/imgopt-gui-screenshot
# Copies ../shared/corpus to a scratch folder (the corpus stays untouched) and, for each window size, runs the
# app on it under Xvfb with a fresh configuration: it grabs its empty window first, then queues the corpus,
# and grabs itself again once the run has finished. The grabbing is done by imgopt-gui-screenshot
# (tools/screenshot), the app plus a hook that the shipped imgopt-gui does not have:
#   docs/screenshot-empty.png             the empty window at 1280x800 (README, AppStream default screenshot)
#   docs/screenshot-main.png              the window after the run at 1280x800
#   docs/screenshot-metrics.png           the metrics dock after that run
#   docs/screenshot-empty-1920x1080.png   the same two at 1920x1080
#   docs/screenshot-main-1920x1080.png
# IMGOPT_SCREENSHOT_SIZES="1280x800 1920x1080" picks the sizes; the first one gets the unsuffixed names.
set -euo pipefail

binary=${1:?usage: $0 BUILD_DIR/bin/imgopt-gui-screenshot}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${IMGOPT_CORPUS:-$root/../shared/corpus}
out=$root/docs
read -r -a sizes <<<"${IMGOPT_SCREENSHOT_SIZES:-1280x800 1920x1080}"

[ -x "$binary" ] || { echo "screenshot: $binary is not built" >&2; exit 1; }
[ -d "$corpus" ] || { echo "screenshot: no corpus at $corpus" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshot: xvfb-run is missing (scripts/install-deps.sh)" >&2; exit 1; }
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
export VIPS_WARNING=0

# One size: a fresh corpus copy and configuration (default settings, auto-start on, default layout).
shoot() {
  local size=$1 suffix=$2 dir=$work/$1
  mkdir -p "$dir/config"
  cp -r "$corpus" "$dir/corpus"
  chmod -R u+w "$dir/corpus"
  XDG_CONFIG_HOME=$dir/config \
  IMGOPT_SCREENSHOT_EMPTY=$dir/empty.png \
  IMGOPT_SCREENSHOT=$dir/main.png \
  IMGOPT_SCREENSHOT_METRICS=$dir/metrics.png \
  IMGOPT_SCREENSHOT_SIZE=$size \
  IMGOPT_SCREENSHOT_QUIT=1 \
    timeout 300 xvfb-run -a -s "-screen 0 ${size}x24" "$binary" "$dir/corpus"
  for shot in empty main; do
    [ -f "$dir/$shot.png" ] || { echo "screenshot: the app did not write the $shot screenshot at $size" >&2; exit 1; }
    cp "$dir/$shot.png" "$out/screenshot-$shot$suffix.png"
  done
  [ -z "$suffix" ] && [ -f "$dir/metrics.png" ] && cp "$dir/metrics.png" "$out/screenshot-metrics.png"
  return 0
}

first=1
for size in "${sizes[@]}"; do
  if [ $first = 1 ]; then shoot "$size" ""; else shoot "$size" "-$size"; fi
  first=0
done
echo "screenshot: wrote $(cd "$out" && ls screenshot-*.png | tr '\n' ' ')"
