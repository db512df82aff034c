#!/usr/bin/env bash
# The count engine against the naive oracle of tests/count_oracle.rs, many more cases than
# CI runs (200). Usage: benches/oracle.sh [CASES] [SEED]; prints the cases and values compared.
set -euo pipefail
cd "$(dirname "$0")/.."
LOFTE_ORACLE_CASES="${1:-20000}" LOFTE_ORACLE_SEED="${2:-20241205}" \
  cargo test --release --test count_oracle -- --nocapture 2>&1 | grep -E "cases,|test result|Fail"
