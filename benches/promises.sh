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

# Runs in rounds: each round runs the single promise and then 1, 10 and 30 promises, so
# every kind is measured at the same moments (this shared host drifts by ±10 % from minute
# to minute; measuring all single runs first and all region runs later skewed the ratio).
bin="$target/release/lofte"
runs_file=$(mktemp)
trap 'rm -f "$runs_file"' EXIT
for _ in $(seq "$runs"); do
  echo "single $(measure "$bin" run --tyst --input "$dir" --out "$dir-out-single")"
  for n in 1 10 30; do
    echo "$n $(measure "$bin" run --tyst --input "$dir" --catalog "$dir/loften-$n" --out "$dir-out-$n")"
  done
done >"$runs_file"

median() { median_run "$runs_file" "$1" "$runs"; }

printf "| promises | catalog | wall s | user+sys s | peak RSS MiB | wall / single |\n|---|---|---|---|---|---|\n"
read -r sw sc sr <<<"$(median single)"
printf "| 1 (alone) | lofte.toml | %s | %s | %s | 1.00 |\n" "$sw" "$sc" "$sr"
for n in 1 10 30; do
  read -r w c r <<<"$(median "$n")"
  printf "| %s (region) | loften-%s | %s | %s | %s | %s |\n" "$n" "$n" "$w" "$c" "$r" "$(awk -v a="$w" -v b="$sw" 'BEGIN { printf "%.2f", a / b }')"
done
