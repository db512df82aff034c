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

if [ ! -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
target=${CARGO_TARGET_DIR:-target}
venv="$target/bench-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pandas openpyxl
fi
cargo build -q --release --bin lofte --example make_region --example calamine_floor

# Runs a command under /usr/bin/time -v; prints "wall cpu rss_mib".
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
