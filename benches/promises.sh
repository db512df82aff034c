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
if [ ! -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
target=${CARGO_TARGET_DIR:-target}
cargo build -q --release --bin lofte --example make_region
dir="$target/region-$scale"
[ -d "$dir/loften-30" ] || { rm -rf "$dir"; "$target/release/examples/make_region" --scale "$scale" --out "$dir" >/dev/null; }

# One run: prints "wall cpu rss_mib".
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", wall, user + sys, rss }' "$log"
  rm -f "$log"
}

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
