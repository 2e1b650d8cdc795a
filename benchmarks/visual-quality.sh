#!/usr/bin/env bash
# Quality auto against a fixed quality 90 and against the old app's engine (sharp at q90), on the test corpus
# and on the big set: bytes, SSIM by ../shared/bench/quality.py, wall time. Called by `make bench` after
# compare-sharp.sh (which installs sharp into BUILD_DIR/sharp-peer); the figures go to docs/benchmarks.md.
#
# usage: benchmarks/visual-quality.sh BUILD_DIR
# Environment:
#   IMGOPT_BENCH_REPS     alternating repetitions of sharp, fixed q90 and auto (default 3; medians reported)
#   IMGOPT_BENCH_CORPUS   the corpus (default ../shared/corpus)
#   IMGOPT_BENCH_BIG      the big set (default /work/bench-data/big; made by ../shared/bench/big-corpus.sh)
#   IMGOPT_BENCH_SSIM=0   skips quality.py (it takes minutes on the big set)
# Writes BUILD_DIR/bench-results/visual/{runs.tsv,quality-*.json,reports/*.json,results.json,results.md}.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
reps=${IMGOPT_BENCH_REPS:-3}
corpus=${IMGOPT_BENCH_CORPUS:-$repo/../shared/corpus}
big=${IMGOPT_BENCH_BIG:-/work/bench-data/big}
peer=${IMGOPT_BENCH_PEER:-$repo/../shared/bench/peer-sharp.js}
quality=${IMGOPT_BENCH_QUALITY:-$repo/../shared/bench/quality.py}
imgopt=$build/bin/imgopt
results=$build/bench-results/visual
py=/usr/bin/python3
export NODE_PATH=$build/sharp-peer/node_modules

die() { echo "visual-quality: $*" >&2; exit 1; }
[ -x "$imgopt" ] || die "no $imgopt; build first"
[ -d "$corpus" ] || die "no corpus at $corpus"
[ -d "$big" ] || die "no big set at $big (../shared/bench/big-corpus.sh $big)"
node -e 'require("sharp")' 2>/dev/null || die "sharp is not installed in $build/sharp-peer (run compare-sharp.sh first)"

work=$(mktemp -d /tmp/imgopt-visual-XXXXXX)
trap 'rm -rf "$work"' EXIT
rm -rf "$results"
mkdir -p "$results/reports"

# Sets. "corpus": the files both engines take (as in compare-sharp.sh). "corpus-all": every readable corpus file,
# the inputs quality.py would confuse by name (photo.heic/.avif/.tif) each in a folder of its own; quality auto
# only (sharp skips them). "big": the big set. orient6.jpg is also compared against an upright copy of itself,
# because quality.py does not apply the EXIF orientation that ImgOpt does.
mkdir -p "$work/corpus/special" "$work/corpus-all" "$work/big"
cp -r "$corpus/photos" "$corpus/graphics" "$corpus/webp" "$work/corpus/"
for f in orient6.jpg cmyk.jpg rgb16.png gray-alpha.png photo.avif "space name é.jpg"; do
  cp "$corpus/special/$f" "$work/corpus/special/"
done
cp -r "$work/corpus/." "$work/corpus-all/"
for f in photo.heic photo.tif UPPERCASE.TIF png-named.jpg anim.gif; do
  mkdir -p "$work/corpus-all/extra-${f%%.*}-${f##*.}" && cp "$corpus/special/$f" "$work/corpus-all/extra-${f%%.*}-${f##*.}/"
done
cp -r "$big/photos" "$big/graphics" "$big/webp" "$work/big/"
chmod -R u+w "$work"
mkdir -p "$work/upright"
vips autorot "$corpus/special/orient6.jpg" "$work/upright/orient6.jpg[Q=100]"

runs=$results/runs.tsv
printf 'set\tjob\trep\twall\tuser\tsys\tmaxrss_kb\tout_bytes\tphoto_bytes\tload1\n' >"$runs"
bytes_of() { find "$1" -type f ! -name '*.json' -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
photo_bytes() { [ -d "$1" ] && bytes_of "$1" || echo 0; }

# run SET JOB REP cmd...: one timed run into $work/out/SET-JOB.
run() {
  local set=$1 job=$2 rep=$3; shift 3
  local dest=$work/out/$set-$job
  rm -rf "$dest" && mkdir -p "$dest"
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >"$work/log.txt" 2>&1 || { cat "$work/log.txt" >&2; die "$set $job failed"; }
  read -r wall user sys rss <"$work/time.txt"
  local root=$dest; [ "$job" != sharp ] && root=$dest/$set
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$job" "$rep" "$wall" "$user" "$sys" "$rss" \
    "$(bytes_of "$root")" "$(photo_bytes "$root/photos")" "$load" >>"$runs"
  echo "  $set $job #$rep: ${wall}s wall, ${user}s user (load $load)"
}
imgopt_job() {  # SET JOB REP ARGS...
  local set=$1 job=$2 rep=$3; shift 3
  run "$set" "$job" "$rep" "$imgopt" "$work/$set" --output-dir "$work/out/$set-$job" -q \
    --report "$results/reports/$set-$job-$rep.json" "$@"
}

echo "visual-quality: $reps repetitions; load $(cut -d' ' -f1-3 /proc/loadavg)"
for set in corpus big; do
  node "$peer" "$work/$set" "$work/warm" original 90 4 >/dev/null && rm -rf "$work/warm"  # page cache
  for rep in $(seq 1 "$reps"); do
    run "$set" sharp "$rep" node "$peer" "$work/$set" "$work/out/$set-sharp" original 90 4
    imgopt_job "$set" fixed "$rep"
    imgopt_job "$set" high "$rep" --quality auto
  done
  imgopt_job "$set" balanced 1 --quality auto --visual-target balanced
  imgopt_job "$set" small 1 --quality auto --visual-target small
done
imgopt_job corpus-all high 1 --quality auto

if [ "${IMGOPT_BENCH_SSIM:-1}" = 1 ]; then
  echo "visual-quality: SSIM with quality.py (minutes on the big set)"
  for set in corpus big; do
    for job in sharp fixed high balanced small; do
      root=$work/out/$set-$job; [ "$job" != sharp ] && root=$root/$set
      "$py" "$quality" "$work/$set" "$root" --json >"$results/quality-$set-$job.json"
    done
  done
  "$py" "$quality" "$work/corpus-all" "$work/out/corpus-all-high/corpus-all" --json >"$results/quality-corpus-all-high.json"
  for job in fixed high balanced small; do  # sharp writes it sideways: quality.py's own comparison is its fair one
    mkdir -p "$work/o6/$job"
    cp "$work/out/corpus-$job/corpus/special/orient6.jpg" "$work/o6/$job/"
    "$py" "$quality" "$work/upright" "$work/o6/$job" --json >"$results/quality-orient6-upright-$job.json"
  done
fi

"$py" "$repo/benchmarks/visual_summary.py" "$results" "$reps"
echo "visual-quality: results in $results/results.md"
