#!/usr/bin/env bash
# Region-scale benchmark: lofte end to end, a bare calamine pass over the same files (the
# floor), and a pandas + openpyxl reference pipeline, timed with /usr/bin/time -v.
#
# Usage: benches/region.sh [SCALE ...]        (default: 0.1 0.3 1)
# Scale 1 = 1 000 000 crime rows, 200 000 survey respondents, 100 000 log rows, 30 areas.
# Prints one table; workloads are kept in target/region-SCALE between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(0.1 0.3 1)

source benches/measure.sh
target=${CARGO_TARGET_DIR:-target}
venv="$target/bench-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pandas openpyxl
fi
cargo build -q --release --bin lofte --example make_region --example calamine_floor


printf "| scale | crime rows | tool | wall s | user+sys s | peak RSS MiB |\n|---|---|---|---|---|---|\n"
summary=""
for scale in "${scales[@]}"; do
  dir="$target/region-$scale"
  [ -f "$dir/lofte.toml" ] || "$target/release/examples/make_region" --scale "$scale" --out "$dir" >/dev/null
  rows=$(awk -v s="$scale" 'BEGIN { printf "%d", 1000000 * s }')
  read -r fw fc fr <<<"$(measure "$target/release/examples/calamine_floor" "$dir")"
  read -r lw lc lr <<<"$(measure "$target/release/lofte" run --input "$dir" --out "$dir-out")"
  read -r pw pc pr <<<"$(measure "$venv/bin/python" benches/reference.py "$dir" "$dir-pandas")"
  printf "| %s | %s | calamine floor | %s | %s | %s |\n" "$scale" "$rows" "$fw" "$fc" "$fr"
  printf "| %s | %s | lofte run | %s | %s | %s |\n" "$scale" "$rows" "$lw" "$lc" "$lr"
  printf "| %s | %s | pandas + openpyxl | %s | %s | %s |\n" "$scale" "$rows" "$pw" "$pc" "$pr"
  summary+=$(awk -v s="$scale" -v l="$lw" -v f="$fw" -v p="$pw" 'BEGIN { printf "scale %s: lofte/floor %.2f×, pandas/lofte %.1f×\\n", s, l / f, p / l }')
done
printf "\n%b" "$summary"
