#!/usr/bin/env bash
# PDF/UA-1 and PDF/A-2b check of the PDFs lofte writes: the sample's tertial and year
# reports (Swedish and English), the regional sample's overview and promise reports, and
# two real promises of tests/promises/, checked by pdf_check.py (the machine-checkable
# Matterhorn conditions and PDF/A-2b clauses, with pikepdf: veraPDF cannot be installed
# from the registries this machine reaches; pdf_check.py lists what it leaves unchecked).
# First proves the checker can fail (--self-test: damaged copies of a good report).
# Installs pikepdf (PyPI, pinned) into target/a11y/py when missing.
# Usage: tests/a11y/pdf.sh
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)
py="${root}/target/a11y/py"
if ! PYTHONPATH="$py" python3 -c 'import pikepdf' 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check --target "$py" 'pikepdf==10.18.0'
fi
(cd "$root" && cargo build --release --quiet)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bin="$root/target/release/lofte"
for lang in sv en; do
  for period in 2017-T2 2017; do
    (cd "$root" && "$bin" run --tyst --out "$out/sample" --period "$period" --lang "$lang" >/dev/null)
  done
  (cd "$root" && "$bin" run --tyst --input samples/region --out "$out/region-$lang" --lang "$lang" >/dev/null)
done
for promise in lulea-2018 jarfalla-2019-2020; do
  (cd "$root" && "$bin" run --tyst --input "tests/promises/$promise" --out "$out/$promise" >/dev/null)
done
first=$(find "$out/sample" -name '*.pdf' | sort | head -1)
echo "self-test on $(basename "$first"):"
PYTHONPATH="$py" python3 "$here/pdf_check.py" --self-test "$first"
PYTHONPATH="$py" python3 "$here/pdf_check.py" $(find "$out" -name '*.pdf' | sort)
