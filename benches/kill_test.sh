#!/usr/bin/env bash
# Kill test for the report set: `lofte run` is killed with SIGKILL at random moments while
# it writes, alternating two inputs (the sample, and the sample without its status notes)
# into one folder. After every kill the
# next start must find the old set or the new set — whole, byte for byte — never a mix, and
# nothing may be left beside the period folder once a run has completed.
#
# Run: bash benches/kill_test.sh [trials]   (needs a release build: cargo build --release)
# A region (every promise's folder and the overview are one set):
#      INPUT=samples/region bash benches/kill_test.sh [trials]
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-20}
bin=target/release/lofte
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
period=2017-T2

input=${INPUT:-input}

# Every file of the set, in its folders, as one digest.
hash_set() { (cd "$1" && find . -type f | sort | xargs sha256sum | sha256sum | cut -c1-16); }

# A second input whose reports differ: the sample without its status notes.
other="$out/input-b"
cp -r "$input" "$other"
rm "$other"/lagesrapporter_*.xlsx
# The two complete sets, each written once undisturbed.
"$bin" run --input "$input" --period $period --out "$out/a" >/dev/null
"$bin" run --input "$other" --period $period --out "$out/b" >/dev/null
sv=$(hash_set "$out/a/$period"); en=$(hash_set "$out/b/$period")

target="$out/t"
"$bin" run --input "$input" --period $period --out "$target" >/dev/null
mixed=0; killed=0; whole=0
for i in $(seq 1 "$trials"); do
  src=$([ $((i % 2)) -eq 0 ] && echo "$input" || echo "$other")
  "$bin" run --input "$src" --period $period --out "$target" >/dev/null 2>&1 &
  pid=$!
  # A random moment within the run (the sample's run takes about 0.1 s here).
  sleep "0.$(printf '%03d' $(( RANDOM % 110 )))"
  if kill -9 $pid 2>/dev/null; then killed=$((killed + 1)); fi
  wait $pid 2>/dev/null || true
  # What a reader finds right after the kill: the whole old set or the whole new set, or
  # (between the two renames) no folder yet, with the old set kept beside it.
  if [ -d "$target/$period" ]; then
    h=$(hash_set "$target/$period" 2>/dev/null || echo partial)
    if [ "$h" = "$sv" ] || [ "$h" = "$en" ]; then whole=$((whole + 1)); else mixed=$((mixed + 1)); echo "trial $i: mixed set ($h)"; fi
  fi
  # The next start repairs and completes.
  "$bin" run --input "$input" --period $period --out "$target" >/dev/null
  [ "$(hash_set "$target/$period")" = "$sv" ] || { echo "trial $i: not repaired"; mixed=$((mixed + 1)); }
  leftovers=$(ls -A "$target" | grep -v "^$period\$" || true)
  [ -z "$leftovers" ] || { echo "trial $i: left beside: $leftovers"; mixed=$((mixed + 1)); }
done
echo "$trials trials, $killed killed mid-run, $whole whole sets seen after a kill, $mixed mixed or left over"
[ "$mixed" -eq 0 ]
