#!/usr/bin/env bash
# The archive's cost on the region benchmark: 30 promises (`loften-30`, written by
# examples/make_region at SCALE, default 1) published RUNS times (default 10) into one fresh
# report folder, so the archive grows as it would over the tertials. Per publication: the
# run's wall time, the time of the archive's three steps (reading the previous reports and
# earlier years, recording the set, marking it published; from LOFTE_TIMINGS), their share
# of the wall time, and the archive's size after it.
#
# Usage: benches/archive.sh [SCALE] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
runs=${2:-10}
target=${CARGO_TARGET_DIR:-target}
cargo build -q --release --bin lofte --example make_region
dir="$target/region-$scale"
[ -d "$dir/loften-30" ] || { rm -rf "$dir"; "$target/release/examples/make_region" --scale "$scale" --out "$dir" >/dev/null; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf "| publication | wall s | archive ms | share | archive size KiB |\n|---|---|---|---|---|\n"
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  timings=$(LOFTE_TIMINGS=1 "$target/release/lofte" run --tyst --input "$dir" --catalog "$dir/loften-30" --out "$out" 2>&1 >/dev/null)
  end=$(date +%s.%N)
  archive=$(echo "$timings" | awk '/^archive/ { sub(/ s \(cpu.*/, ""); s += $NF } END { printf "%.1f", s * 1000 }')
  size=$(( $(stat -c %s "$out/lofte-arkiv.sqlite") / 1024 ))
  awk -v i="$i" -v a="$start" -v b="$end" -v ms="$archive" -v kib="$size" \
    'BEGIN { w = b - a; printf "| %d | %.2f | %s | %.1f %% | %d |\n", i, w, ms, ms / 10 / w, kib }'
done
