#!/usr/bin/env bash
# The engines against their naive oracles (tests/count_oracle.rs, tests/engine_oracles.rs),
# many more cases than CI runs (200 each). Usage: benches/oracle.sh [CASES] [SEED]; prints
# the cases and values compared.
set -euo pipefail
cd "$(dirname "$0")/.."
export LOFTE_ORACLE_CASES="${1:-20000}" LOFTE_ORACLE_SEED="${2:-20241205}"
cargo test --release --test count_oracle --test engine_oracles -- --nocapture 2>&1 \
  | grep -E "cases,|test result|Fail"
