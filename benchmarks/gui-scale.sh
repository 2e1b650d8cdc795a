#!/usr/bin/env bash
# The desktop app against the CLI on one big set: same default options, each into a fresh throwaway output
# folder, the page cache warmed first. Prints the files, both wall times and their ratio, both peak RSS
# (GNU time's maximum resident set size) and the GUI's longest event-loop stall (imgopt-gui-scale's probe),
# then a JSON line with the stalls over 50 ms and how long sorting and filtering the finished queue took.
#
# usage: benchmarks/gui-scale.sh BUILD_DIR SETDIR [SORT] [GUI_FLAGS...]
#   SORT: the queue column sorted before the drop (none, file, folder, status, saving; default none)
#   GUI_FLAGS: passed to imgopt-gui-scale, e.g. --no-metrics (the queue's share without the metrics panel)
# On a shared machine run it under `nice -n 10`; both runs then get the same priority.
# Needs /usr/bin/time (Debian package `time`) and python3. Results: docs/benchmarks.md, "GUI at 100,000 files".
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 BUILD_DIR SETDIR [SORT] [GUI_FLAGS...]" >&2; exit 2; }
build=$(cd "$1" && pwd)
set_dir=$(cd "$2" && pwd)
sort=${3:-none}
shift $(($# < 3 ? $# : 3))
imgopt=$build/bin/imgopt
gui=$build/bin/imgopt-gui-scale

die() { echo "gui-scale: $*" >&2; exit 1; }
[ -x "$imgopt" ] || die "no $imgopt; build first (make build)"
[ -x "$gui" ] || die "no $gui; build first (make build)"
[ -x /usr/bin/time ] || die "GNU time missing: apt-get install time"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/imgopt-gui-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Both runs read the set from memory, not the first one from disk.
find "$set_dir" -type f -exec cat {} + >/dev/null

cli_rc=0
/usr/bin/time -f '%e %M' -o "$tmp/cli.time" "$imgopt" --output-dir "$tmp/cli-out" "$set_dir" \
  >"$tmp/cli.log" 2>&1 || cli_rc=$?
rm -rf "$tmp/cli-out"

gui_rc=0
/usr/bin/time -f '%e %M' -o "$tmp/gui.time" "$gui" --output-dir "$tmp/gui-out" --sort "$sort" "$@" "$set_dir" \
  >"$tmp/gui.json" 2>"$tmp/gui.log" || gui_rc=$?
rm -rf "$tmp/gui-out"

[ -s "$tmp/gui.json" ] || { cat "$tmp/gui.log" >&2; die "the GUI benchmark printed nothing (exit $gui_rc)"; }

/usr/bin/python3 - "$set_dir" "$sort" "$cli_rc" "$gui_rc" "$tmp/cli.time" "$tmp/gui.time" "$tmp/gui.json" <<'PY'
import json, sys
set_dir, sort, cli_rc, gui_rc, cli_time, gui_time, gui_json = sys.argv[1:]
def time_file(path):
    # GNU time writes "Command exited with non-zero status N" before the figures when the command failed.
    seconds, kb = open(path).read().split()[-2:]
    return float(seconds), int(kb) / 1024
cli_s, cli_mb = time_file(cli_time)
gui_s, gui_mb = time_file(gui_time)
g = json.loads(open(gui_json).read().strip().splitlines()[-1])
row = {
    "set": set_dir, "sort": sort, "files": g["files"],
    # The GUI's time runs from the drop to "finished"; its process also starts a window before and times
    # sorts and filters after, which the CLI has no counterpart of.
    "cli_seconds": round(cli_s, 2), "gui_seconds": round(g["gui_seconds"], 2),
    "gui_process_seconds": round(gui_s, 2), "ratio": round(g["gui_seconds"] / cli_s, 3),
    "cli_peak_rss_mb": round(cli_mb, 1), "gui_peak_rss_mb": round(gui_mb, 1),
    "longest_stall_ms": g["longest_stall_ms"], "stalls_over_50ms": g["stalls_over_50ms"],
    "view_changes": g.get("view_changes", {}),
    # [ms after the drop, stall ms], the ten longest.
    "worst_stalls": sorted(g.get("stalls", []), key=lambda s: -s[1])[:10],
    "cli_exit": int(cli_rc), "gui_exit": int(gui_rc), "gui_finished": g["finished"],
}
cols = ["files", "cli_seconds", "gui_seconds", "ratio", "cli_peak_rss_mb", "gui_peak_rss_mb",
        "longest_stall_ms", "stalls_over_50ms"]
print("set:", set_dir, " sort:", sort)
print("  ".join(cols))
print("  ".join(str(row[c]) for c in cols))
print(json.dumps(row))
PY
