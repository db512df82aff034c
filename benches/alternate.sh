#!/usr/bin/env bash
# Two builds of lofte compared on the region workload by alternating runs (this shared host's
# speed drifts by ±10 % from minute to minute, so runs of one binary and then the other
# compare moments, not binaries): each round runs the single promise and the thirty with
# each binary in turn. Prints the medians (wall, user+sys) and the highest peak per binary.
#
# Usage: benches/alternate.sh OLD_BINARY NEW_BINARY [ROUNDS]      (default 5 rounds)
# e.g.   git worktree add /tmp/old <commit> && (cd /tmp/old && cargo build --release)
#        benches/alternate.sh /tmp/old/target/release/lofte target/release/lofte 7
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 rounds=${3:-5}
source benches/measure.sh
target=${CARGO_TARGET_DIR:-target}
dir="$target/region-1"
[ -d "$dir/loften-30" ] || bash benches/promises.sh >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$rounds"); do
  for b in old new; do
    bin=${!b}
    echo "$b single $(measure "$bin" run --tyst --input "$dir" --out "$out/s")"
    echo "$b thirty $(measure "$bin" run --tyst --input "$dir" --catalog "$dir/loften-30" --out "$out/t")"
  done
done >"$out/runs"
printf "| binary | single wall s | single cpu s | single peak MiB | thirty wall s | thirty cpu s | thirty peak MiB | ratio |\n|---|---|---|---|---|---|---|---|\n"
# The median of a column (3 wall, 4 cpu) or the highest (5 peak) of one binary's runs of a kind.
median() { awk -v b="$1" -v k="$2" -v c="$3" '$1 == b && $2 == k { print $c }' "$out/runs" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
highest() { awk -v b="$1" -v k="$2" '$1 == b && $2 == k { print $5 }' "$out/runs" | sort -n | tail -1; }
for b in old new; do
  sw=$(median $b single 3) tw=$(median $b thirty 3)
  printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n" "$b" "$sw" "$(median $b single 4)" "$(highest $b single)" \
    "$tw" "$(median $b thirty 4)" "$(highest $b thirty)" "$(awk -v t="$tw" -v s="$sw" 'BEGIN { printf "%.2f", t / s }')"
done
