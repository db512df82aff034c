#!/usr/bin/env bash
# Accessibility check of the HTML twins of the sample's reports (Swedish and English, a
# tertial and the year) and of the regional sample's overview and promise reports: axe-core in Debian's chromium, 0 violations of any impact, and
# at 320 px no sideways scrolling, no text drawn under 12 px and no word of a table broken
# inside (check.js). Installs chromium (Debian) and axe-core + puppeteer-core
# (npm, pinned in package.json) when missing. Usage: tests/a11y/run.sh
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)
# Only what is missing: a machine with another distribution's node (and its own npm)
# conflicts with Debian's npm package.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
modules="${root}/target/a11y"
mkdir -p "$modules"
cp package.json "$modules/"
(cd "$modules" && npm install --silent --no-audit --no-fund >/dev/null)
(cd "$root" && cargo build --release --quiet)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for lang in sv en; do
  for period in 2017-T2 2017; do
    (cd "$root" && target/release/lofte run --out "$out" --period "$period" --lang "$lang" >/dev/null)
  done
  # The regional sample: its overview and the three promises' reports.
  (cd "$root" && target/release/lofte run --input samples/region --out "$out/region" --lang "$lang" >/dev/null)
done
NODE_PATH="$modules/node_modules" node "$here/check.js" $(find "$out" -name '*.html' | sort)
