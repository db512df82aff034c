#!/usr/bin/env bash
# National benchmark: ten yearly crime CSVs of 1.5 M rows each (15 M, 290 areas, Windows-1252,
# as Swedish Excel saves them; examples/make_national.rs), followed up for one promise, for
# one promise from the same rows in one national file, and for all 290 promises with their
# reports and the overview; polars (Python) reading the CSVs and counting per area, category
# and tertial is the floor. Each kind runs once per round, RUNS rounds (default 3) in
# alternation, and the median by wall time is shown: this shared host drifts from minute to
# minute. Timed with /usr/bin/time -v.
#
# Usage: benches/national.sh [SCALE]        (default 1; 0.1 = 1.5 M rows)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
runs=${RUNS:-3}
source benches/measure.sh
target=${CARGO_TARGET_DIR:-target}
venv="$target/bench-venv-polars"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'polars==1.*'
fi
cargo build -q --release --bin lofte --example make_national
dir="$target/national-$scale"
single="$target/national-$scale-single"
[ -f "$dir/loften/290.toml" ] || "$target/release/examples/make_national" --scale "$scale" --out "$dir" >/dev/null
[ -f "$single/loften/290.toml" ] || "$target/release/examples/make_national" --scale "$scale" --single --out "$single" >/dev/null
bin="$target/release/lofte"
runs_file=$(mktemp)
trap 'rm -f "$runs_file"' EXIT
for _ in $(seq "$runs"); do
  echo "floor $(measure "$venv/bin/python" benches/national_floor.py "$dir")"
  echo "one $(measure "$bin" run --tyst --input "$dir" --out "$dir-out-one")"
  echo "one-file $(measure "$bin" run --tyst --input "$single" --out "$single-out-one")"
  echo "all $(measure "$bin" run --tyst --input "$dir" --catalog "$dir/loften" --out "$dir-out-all")"
done >"$runs_file"

median() { median_run "$runs_file" "$1" "$runs"; }
rows=$(awk -v s="$scale" 'BEGIN { printf "%d", 15000000 * s }')
printf "| %s crime rows, %s runs | wall s | user+sys s | peak RSS MiB |\n|---|---|---|---|\n" "$rows" "$runs"
for kind in floor one one-file all; do
  case $kind in
    floor) name="polars (Python): read all CSVs + count per area, category, tertial" ;;
    one) name="lofte, one promise (ten yearly files)" ;;
    one-file) name="lofte, one promise (one national file)" ;;
    all) name="lofte, 290 promises with their reports and the overview" ;;
  esac
  read -r w c r <<<"$(median "$kind")"
  printf "| %s | %s | %s | %s |\n" "$name" "$w" "$c" "$r"
done
