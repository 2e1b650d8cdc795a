#!/bin/sh
# CLI peak memory at 10,000, 50,000 and 100,000 files (issue "Scale"): the engine must not grow with the number
# of files. Prints a Markdown table for docs/benchmarks.md.
# usage: benchmarks/scale-memory.sh BUILD_DIR DATA_DIR [COUNTS]
#   DATA_DIR gets 100,000 tiny images (96x64 crops of the test corpus, made once by make-small-sets.py) and
#   hard-linked subsets of them; COUNTS defaults to "10000 50000 100000" (multiples of 1,000).
# Each run writes a JSON report (streamed, docs/report-format.md "Large runs") into a fresh output folder with
# a fresh run state, so every file is encoded; peak RSS is /usr/bin/time's maximum resident set size.
set -eu
build=$(cd "$1" && pwd)
data=$2
counts=${3:-"10000 50000 100000"}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${IMGOPT_CORPUS_DIR:-$here/../../shared/corpus}
cli=$build/bin/imgopt
mkdir -p "$data"
if [ ! -d "$data/gen/tiny/99" ]; then
    /usr/bin/python3 "$here/make-small-sets.py" "$corpus" "$data/gen" --tiny 100000 --small 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| files | wall s | peak RSS MB | report rows |"
echo "|---|---|---|---|"
for n in $counts; do
    set_dir=$data/set-$n
    if [ ! -d "$set_dir" ]; then
        mkdir -p "$set_dir"
        i=0
        while [ $i -lt $((n / 1000)) ]; do
            d=$(printf %02d $i)
            cp -al "$data/gen/tiny/$d" "$set_dir/$d"
            i=$((i + 1))
        done
    fi
    rm -rf "$work/out" "$work/state"
    /usr/bin/time -f "%e %M" -o "$work/time" "$cli" -q --output-dir "$work/out" --state-dir "$work/state" \
        --report "$work/report.json" "$set_dir" > /dev/null 2>&1 || true
    read -r wall kb < "$work/time"
    rows=$(/usr/bin/python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['files']))" "$work/report.json")
    echo "| $n | $wall | $((kb / 1024)) | $rows |"
done
