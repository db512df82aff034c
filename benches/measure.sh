# Shared by the benchmark scripts (sourced, not run): `measure CMD…` runs a command under
# /usr/bin/time -v (installing Debian's `time` if needed) and prints "wall cpu rss_mib";
# `median_run FILE KIND RUNS` picks the median run by wall time of one kind from lines
# "KIND wall cpu rss" in FILE.
if [ ! -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

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

# The median run (by wall time) of one kind among RUNS runs: "wall cpu rss".
median_run() {
  awk -v k="$2" '$1 == k { print $2, $3, $4 }' "$1" | sort -n | awk -v r="$3" 'NR == int((r + 1) / 2)'
}
