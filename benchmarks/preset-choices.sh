#!/usr/bin/env bash
# Measures the encoder settings where ImgOpt departs from (or adds to) the old app's presets: progressive vs
# baseline JPEG, and PNG row filters for palette and lossless output. Sizes in bytes, time in seconds, per file.
# usage: benchmarks/preset-choices.sh [CORPUS]
set -euo pipefail
corpus=${1:-$(cd "$(dirname "$0")/../.." && pwd)/shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }

echo "## JPEG q90 4:2:0, optimized coding: baseline vs progressive"
echo "| file | baseline | progressive | change |"
echo "|---|---|---|---|"
tb=0 tp=0
while IFS= read -r -d '' f; do
  vips jpegsave "$f" "$tmp/b.jpg" --Q 90 --optimize-coding --subsample-mode on
  vips jpegsave "$f" "$tmp/p.jpg" --Q 90 --optimize-coding --subsample-mode on --interlace
  b=$(stat -c %s "$tmp/b.jpg") p=$(stat -c %s "$tmp/p.jpg")
  tb=$((tb + b)) tp=$((tp + p))
  echo "| $(basename "$f") | $b | $p | $(awk -v b="$b" -v p="$p" 'BEGIN{printf "%+.1f%%", 100*(p-b)/b}') |"
done < <(find "$corpus/photos" "$corpus/special" -maxdepth 3 -name '*.jpg' ! -name 'png-named.jpg' -print0 | sort -z)
echo "| **total** | $tb | $tp | $(awk -v b="$tb" -v p="$tp" 'BEGIN{printf "%+.1f%%", 100*(p-b)/b}') |"
echo
echo "## PNG row filters"
echo "| file | mode | filter none | filter all (adaptive) | seconds none | seconds all |"
echo "|---|---|---|---|---|---|"
for f in "$corpus"/graphics/*.png; do
  for mode in palette lossless; do
    if [ $mode = palette ]; then args=(--palette --Q 90 --effort 4 --compression 7); else args=(--compression 9); fi
    t0=$(now); vips pngsave "$f" "$tmp/n.png" "${args[@]}" --filter none; t1=$(now)
    vips pngsave "$f" "$tmp/a.png" "${args[@]}" --filter all; t2=$(now)
    printf '| %s | %s | %s | %s | %.2f | %.2f |\n' "$(basename "$f")" $mode "$(stat -c %s "$tmp/n.png")" \
      "$(stat -c %s "$tmp/a.png")" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
  done
done
