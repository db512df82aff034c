#!/usr/bin/env bash
# A region in one run: the region workload (benches/region.sh, scale 1: 1 M crime rows,
# 200 k respondents, 100 k log rows, 30 areas) followed up for 1, 10 and 30 promises at once
# (one catalog per area, `lofte run --catalog loften-N`), against today's single-promise run
# on the same files (`lofte run`, the Karlslund catalog). Each run is timed with
# /usr/bin/time -v; the median of RUNS runs is shown (default 3).
#
# Usage: benches/promises.sh [SCALE]        (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
runs=${RUNS:-3}
source benches/measure.sh
target=${CARGO_TARGET_DIR:-target}
cargo build -q --release --bin lofte --example make_region
dir="$target/region-$scale"
[ -d "$dir/loften-30" ] || { rm -rf "$dir"; "$target/release/examples/make_region" --scale "$scale" --out "$dir" >/dev/null; }

# The median run (by wall time) of $runs.
median() {
  for _ in $(seq "$runs"); do measure "$@"; done | sort -n | awk -v r="$runs" 'NR == int((r + 1) / 2)'
}

printf "| promises | catalog | wall s | user+sys s | peak RSS MiB | wall / single |\n|---|---|---|---|---|---|\n"
read -r sw sc sr <<<"$(median "$target/release/lofte" run --tyst --input "$dir" --out "$dir-out-single")"
printf "| 1 (alone) | lofte.toml | %s | %s | %s | 1.00 |\n" "$sw" "$sc" "$sr"
for n in 1 10 30; do
  read -r w c r <<<"$(median "$target/release/lofte" run --tyst --input "$dir" --catalog "$dir/loften-$n" --out "$dir-out-$n")"
  printf "| %s (region) | loften-%s | %s | %s | %s | %s |\n" "$n" "$n" "$w" "$c" "$r" "$(awk -v a="$w" -v b="$sw" 'BEGIN { printf "%.2f", a / b }')"
done
