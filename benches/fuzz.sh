#!/usr/bin/env bash
# Runs the randomised ingest harness (tests/fuzz_ingest.rs) for a fixed budget of cases and
# prints its figures. The seed is fixed: a failing case repeats.
# Usage: bash benches/fuzz.sh [cases]   (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-2000}
start=$(date +%s)
LOFTE_FUZZ_CASES=$cases cargo test -q --test fuzz_ingest -- --nocapture 2>&1 | grep -E "^fuzz:|test result|panicked"
echo "wall: $(( $(date +%s) - start )) s"
