#!/usr/bin/env bash
# Runs the same batch jobs with the old app's engine (sharp, via ../shared/bench/peer-sharp.js, 4 at a time)
# and with ImgOpt, in one run, alternating, several repetitions each, on four folders: the corpus (original
# formats and WebP q80), the big set (../shared/bench/big-corpus.sh: 19 wallpapers of 4K-5K), 10,000 tiny
# images and 2,000 small JPEGs (benchmarks/make-small-sets.py, made from the corpus). Optionally it also
# compares ImgOpt's allocators and JPEG progressive against baseline sizes.
#
# usage: benchmarks/compare-sharp.sh BUILD_DIR            (called by `make bench`)
# Needs: node + npm, /usr/bin/time (Debian package `time`), python3 with scikit-image and PIL, libvips-tools.
# Environment:
#   IMGOPT_BENCH_REPS      repetitions of every measured run (default 3; the median is reported)
#   IMGOPT_BENCH_SECTIONS  which jobs to run (default "default webp80 big tiny small"; add "alloc" and "jpeg"
#                          for the allocator and JPEG interlace comparisons)
#   IMGOPT_BENCH_BIG       the big set (default BUILD_DIR/bench-data/big, fetched by big-corpus.sh once)
#   IMGOPT_BENCH_SETS      the tiny/ and small/ sets (default BUILD_DIR/bench-data/sets, made once)
#   IMGOPT_BENCH_CORPUS    the corpus (default ../shared/corpus beside the repository)
#   IMGOPT_BENCH_PEER      peer-sharp.js (default ../shared/bench/peer-sharp.js)
#   IMGOPT_BENCH_QUALITY   quality.py (default ../shared/bench/quality.py)
#   IMGOPT_BENCH_SSIM=0    skips the SSIM comparison (quality.py takes minutes on the 4096x4096 WebP)
# Writes BUILD_DIR/bench-results/results.json (every run and the summary) and results.md (tables for
# docs/benchmarks.md). sharp is installed with npm into BUILD_DIR/sharp-peer, outside the source tree.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
reps=${IMGOPT_BENCH_REPS:-3}
sections=" ${IMGOPT_BENCH_SECTIONS:-default webp80 big tiny small} "
want() { [[ $sections == *" $1 "* ]]; }
big=${IMGOPT_BENCH_BIG:-$build/bench-data/big}
sets=${IMGOPT_BENCH_SETS:-$build/bench-data/sets}
corpus=${IMGOPT_BENCH_CORPUS:-$repo/../shared/corpus}
peer=${IMGOPT_BENCH_PEER:-$repo/../shared/bench/peer-sharp.js}
quality=${IMGOPT_BENCH_QUALITY:-$repo/../shared/bench/quality.py}
imgopt=$build/bin/imgopt
results=$build/bench-results
py=/usr/bin/python3

die() { echo "compare-sharp: $*" >&2; exit 1; }
[ -x "$imgopt" ] || die "no $imgopt; build first (make build)"
[ -d "$corpus" ] || die "no corpus at $corpus"
[ -f "$peer" ] || die "no peer script at $peer"
[ -f "$quality" ] || die "no quality script at $quality"
[ -x /usr/bin/time ] || die "GNU time missing: apt-get install time"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm missing (IMGOPT_BENCH_DEPS=1 scripts/install-deps.sh)"
command -v vips >/dev/null || die "vips command missing (libvips-tools)"
"$py" -c 'import skimage, PIL, numpy' 2>/dev/null || die "python3-skimage / python3-pil missing"

# --- sharp, outside the source tree ------------------------------------------------------------------------
peer_dir=$build/sharp-peer
if ! NODE_PATH=$peer_dir/node_modules node -e 'require("sharp")' 2>/dev/null; then
  echo "compare-sharp: installing sharp into $peer_dir"
  mkdir -p "$peer_dir"
  [ -f "$peer_dir/package.json" ] || echo '{"name":"imgopt-sharp-peer","private":true}' >"$peer_dir/package.json"
  (cd "$peer_dir" && npm install --no-audit --no-fund --loglevel=error sharp >/dev/null)
fi
export NODE_PATH=$peer_dir/node_modules  # peer-sharp.js lives elsewhere; this is how it finds sharp
sharp_versions=$(node -e 'const s=require("sharp");console.log(JSON.stringify({sharp:s.versions.sharp,vips:s.versions.vips,mozjpeg:s.versions.mozjpeg||null}))')

# --- allocators --------------------------------------------------------------------------------------------
jemalloc_so=$(ldconfig -p | awk '/libjemalloc\.so\.2 /{print $NF; exit}')
if ldd "$imgopt" | grep -q libjemalloc; then
  linked=jemalloc
  glibc_bin=""
  if want alloc; then
    # A second, small build of the CLI only, without jemalloc, for the glibc figures.
    glibc_build=$build/bench-glibc
    echo "compare-sharp: building a glibc-malloc imgopt in $glibc_build"
    cmake -S "$repo" -B "$glibc_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIMGOPT_USE_JEMALLOC=OFF \
      -DIMGOPT_BUILD_GUI=OFF -DIMGOPT_BUILD_TESTS=OFF -DIMGOPT_BUILD_BENCHMARKS=OFF >/dev/null
    cmake --build "$glibc_build" --target imgopt -j 2 >/dev/null
    glibc_bin=$glibc_build/bin/imgopt
  fi
  imgopt_main=(env "$imgopt")
  imgopt_jemalloc=(env "$imgopt")
else
  linked=glibc
  glibc_bin=$imgopt
  [ -n "$jemalloc_so" ] || die "libjemalloc.so.2 not found (libjemalloc2)"
  # The main jobs run the build as shipped; only the allocator section preloads jemalloc.
  imgopt_main=(env "$imgopt")
  imgopt_jemalloc=(env LD_PRELOAD="$jemalloc_so" "$imgopt")
fi

# --- the corpus subset both engines can do the same job on -------------------------------------------------
# photos/, graphics/, webp/ and the special files sharp reads by extension. Left out: bad/ (fail in both),
# .tif/.heic/.gif (peer-sharp.js skips them), png-named.jpg (sharp would write JPEG by its name, ImgOpt PNG
# by its content: not the same job).
work=$(mktemp -d /tmp/imgopt-compare-XXXXXX)
# ImgOpt's run state (what earlier runs wrote) stays with this comparison, never the user's.
export XDG_STATE_HOME="$work/state"
trap 'rm -rf "$work"' EXIT
src=$work/corpus
mkdir -p "$src/special"
cp -r "$corpus/photos" "$corpus/graphics" "$corpus/webp" "$src/"
for f in orient6.jpg cmyk.jpg rgb16.png gray-alpha.png photo.avif "space name é.jpg"; do
  [ -f "$corpus/special/$f" ] && cp "$corpus/special/$f" "$src/special/"
done
nfiles=$(find "$src" -type f | wc -l)
rm -rf "$results"  # a fresh run never mixes with an older one
mkdir -p "$results"
runs=$results/runs.tsv
printf 'section\tengine\tvariant\trep\twall\tmaxrss_kb\tuser\tsys\tout_bytes\tload1\treport\n' >"$runs"

load1() { cut -d' ' -f1 /proc/loadavg; }
out_bytes() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }

# run SECTION ENGINE VARIANT REP DEST cmd... : one timed run into a fresh DEST, appended to runs.tsv.
run() {
  local section=$1 engine=$2 variant=$3 rep=$4 dest=$5; shift 5
  rm -rf "$dest" "$dest.json"
  mkdir -p "$dest"
  local l=$(load1)
  /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" ||
    { cat "$work/stderr.txt" >&2; die "$engine $variant failed"; }
  read -r wall rss user sys <"$work/time.txt"
  local report=""
  [ -f "$dest.json" ] && { report=$results/$section-$engine-$variant-$rep.json; cp "$dest.json" "$report"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$section" "$engine" "$variant" "$rep" "$wall" "$rss" \
    "$user" "$sys" "$(out_bytes "$dest")" "$l" "$report" >>"$runs"
  echo "  $section $engine $variant #$rep: ${wall}s, $((rss / 1024)) MB peak RSS (load $l)"
}

sharp_job() { node "$peer" "$src" "$1" "$2" "$3" 4; }

echo "compare-sharp: $nfiles files, $reps repetitions; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up (page cache, sharp's module load), not recorded.
node "$peer" "$src" "$work/warm-s" original 90 4 >/dev/null
"${imgopt_main[@]}" "$src" --output-dir "$work/warm-i" -q
rm -rf "$work/warm-s" "$work/warm-i"

# compare SECTION SRC FORMAT QUALITY: sharp and ImgOpt on the same job, alternating, `reps` times each.
compare() {
  local section=$1 from=$2 format=$3 quality=$4
  local flags=()
  [ "$format" = original ] || flags=(--format "$format")
  for rep in $(seq 1 "$reps"); do
    run "$section" sharp "$format" "$rep" "$work/$section-sharp" node "$peer" "$from" "$work/$section-sharp" \
      "$format" "$quality" 4
    run "$section" imgopt "$format" "$rep" "$work/$section-imgopt" "${imgopt_main[@]}" "$from" \
      --output-dir "$work/$section-imgopt" -q --quality "$quality" "${flags[@]}" --report "$work/$section-imgopt.json"
  done
}
want default && compare default "$src" original 90
want webp80 && compare webp80 "$src" webp 80
if want big; then
  [ -d "$big" ] || "$repo/../shared/bench/big-corpus.sh" "$big" >/dev/null
  compare big "$big" original 90
fi
if want tiny || want small; then
  [ -d "$sets/tiny" ] && [ -d "$sets/small" ] || "$py" "$repo/benchmarks/make-small-sets.py" "$corpus" "$sets"
  want tiny && compare tiny "$sets/tiny" original 90
  want small && compare small "$sets/small" original 90
fi

# SSIM and bytes of the last repetition's outputs. ImgOpt mirrors the dropped folder under --output-dir.
if [ "${IMGOPT_BENCH_SSIM:-1}" = 1 ] && want default && want webp80; then
echo "compare-sharp: SSIM (quality.py; several minutes: the 4096x4096 WebP dominates)"
  "$py" "$quality" "$src" "$work/default-sharp" --json >"$results/quality-default-sharp.json"
  "$py" "$quality" "$src" "$work/default-imgopt/corpus" --json >"$results/quality-default-imgopt.json"
  "$py" "$quality" "$src" "$work/webp80-sharp" --json >"$results/quality-webp80-sharp.json"
  "$py" "$quality" "$src" "$work/webp80-imgopt/corpus" --json >"$results/quality-webp80-imgopt.json"
fi

# Allocators, default job: jemalloc, glibc malloc with its default arena count (8 per core), glibc with two
# arenas and huge pages (what the executables set up by themselves), and the same with 4 KiB pages.
if want alloc && [ -n "$glibc_bin" ]; then
  echo "compare-sharp: allocators (ImgOpt linked with $linked)"
  for rep in $(seq 1 "$reps"); do
    run alloc imgopt jemalloc "$rep" "$work/alloc" "${imgopt_jemalloc[@]}" "$src" --output-dir "$work/alloc" -q \
      --report "$work/alloc.json"
    run alloc imgopt glibc "$rep" "$work/alloc" env MALLOC_ARENA_MAX=$((8 * $(nproc))) "$glibc_bin" "$src" \
      --output-dir "$work/alloc" -q --report "$work/alloc.json"
    run alloc imgopt glibc-arena2 "$rep" "$work/alloc" env MALLOC_ARENA_MAX=2 "$glibc_bin" "$src" \
      --output-dir "$work/alloc" -q --report "$work/alloc.json"
    run alloc imgopt glibc-arena2-4k "$rep" "$work/alloc" env MALLOC_ARENA_MAX=2 IMGOPT_NO_HUGEPAGES=1 \
      "$glibc_bin" "$src" --output-dir "$work/alloc" -q --report "$work/alloc.json"
  done
fi

# JPEG progressive vs baseline at q90 on the corpus photos, with ImgOpt's other JPEG settings
# (optimize_coding, 4:2:0, no metadata).
jpeg_tsv=$results/jpeg-interlace.tsv
printf 'file\tbaseline\tprogressive\tbaseline_s\tprogressive_s\n' >"$jpeg_tsv"
want jpeg && echo "compare-sharp: JPEG progressive vs baseline" &&
while IFS= read -r -d '' f; do
  rel=${f#"$src/"}
  t0=$(date +%s.%N)
  vips jpegsave "$f" "$work/b.jpg" --Q 90 --optimize-coding --subsample-mode on --strip
  t1=$(date +%s.%N)
  vips jpegsave "$f" "$work/p.jpg" --Q 90 --optimize-coding --subsample-mode on --strip --interlace
  t2=$(date +%s.%N)
  printf '%s\t%s\t%s\t%s\t%s\n' "$rel" "$(stat -c %s "$work/b.jpg")" "$(stat -c %s "$work/p.jpg")" \
    "$(awk "BEGIN{print $t1 - $t0}")" "$(awk "BEGIN{print $t2 - $t1}")" >>"$jpeg_tsv"
done < <(find "$src/photos" -type f -name '*.jpg' -print0 | sort -z)

# --- summary ------------------------------------------------------------------------------------------------
"$py" "$repo/benchmarks/bench_summary.py" "$results" "$nfiles" "$reps" "$linked" "$sharp_versions"
echo "compare-sharp: results in $results/results.json and $results/results.md"
