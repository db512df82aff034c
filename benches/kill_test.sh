#!/usr/bin/env bash
# Kill test for the report set: `lofte run` is killed with SIGKILL at random moments while
# it writes, alternating two inputs (the sample, and the sample without its status notes)
# into one folder. After every kill the
# next start must find the old set or the new set — whole, byte for byte — never a mix, and
# nothing may be left beside the period folder once a run has completed.
# The archive of published reports (lofte-arkiv.sqlite) must agree with the folder: the set
# in the folder is the latest published run's, or (killed between the switch-in and the
# archive's last step) a pending run's that the next start settles; once a run has
# completed, the latest published run is exactly the set in the folder.
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


# Does the archive agree with the folder? after-kill: the folder holds the files of the
# latest published run or of a later pending one; settled: of the latest published run,
# and no run is pending.
archive_agrees() {
  /usr/bin/python3 - "$1" "$2" "$3" <<'PY'
import hashlib, os, sqlite3, sys
root, period, mode = sys.argv[1], sys.argv[2], sys.argv[3]
db = os.path.join(root, "lofte-arkiv.sqlite")
if not os.path.exists(db):
    sys.exit(0 if mode == "after-kill" else 1)
c = sqlite3.connect(db)
def matches(run):
    rows = c.execute("SELECT r.report_dir, o.name, o.sha256 FROM output o JOIN run r ON r.id = o.run_id WHERE r.id = ?", (run,)).fetchall()
    for d, name, sha in rows:
        try:
            got = hashlib.sha256(open(os.path.join(root, d, name), "rb").read()).hexdigest()
        except OSError:
            return False
        if got != sha:
            return False
    return bool(rows)
runs = c.execute("SELECT id, state FROM run WHERE report_dir LIKE ? ORDER BY id", (period + "%",)).fetchall()
published = [i for i, s in runs if s == "published"]
pending = [i for i, s in runs if s == "pending"]
if not os.path.isdir(os.path.join(root, period)):
    sys.exit(0 if mode == "after-kill" else 1)
if mode == "settled":
    sys.exit(0 if published and not pending and matches(published[-1]) else 1)
ok = (published and matches(published[-1])) or any(matches(p) for p in pending if not published or p > published[-1])
sys.exit(0 if ok else 1)
PY
}

# A second input whose reports differ: the sample without its status notes.
other="$out/input-b"
cp -r "$input" "$other"
rm "$other"/lagesrapporter_*.xlsx

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
  # (The sets' since-last section names the publication it compares with, so a set is
  # told whole by the archive's hashes of it, not by a fixed digest.)
  if [ -d "$target/$period" ]; then
    if archive_agrees "$target" $period after-kill; then whole=$((whole + 1)); else mixed=$((mixed + 1)); echo "trial $i: folder and archive disagree"; fi
  fi
  # The next start repairs and completes.
  "$bin" run --input "$input" --period $period --out "$target" >/dev/null
  archive_agrees "$target" $period settled || { echo "trial $i: not repaired"; mixed=$((mixed + 1)); }
  leftovers=$(ls -A "$target" | grep -v "^$period\$" | grep -v "^lofte-arkiv.sqlite\$" || true)
  [ -z "$leftovers" ] || { echo "trial $i: left beside: $leftovers"; mixed=$((mixed + 1)); }
done
echo "$trials trials, $killed killed mid-run, $whole whole sets seen after a kill, $mixed mixed or left over"
[ "$mixed" -eq 0 ]
