#!/usr/bin/env bash
# Installs what is missing, then runs every check and test layer; fails if any fails.
#   formatting and lints -> native domain tests -> wasm tests in headless Chromium ->
#   release build + size report -> Playwright end-to-end tests with axe-core (and the service
#   worker offline) -> three benchmarks that print figures (not timed tests): the first load of
#   a quiz against a static page, the staff records, and the peak memory of reading the largest
#   files.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
started=$SECONDS

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native and wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

step "native tests (the pure domain)"
cargo test

step "wasm tests in headless Chromium (the browser edge)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web_shell --test web_storage --test web_state

step "release build"
trunk build --release --offline

step "size report (the staff path against its budget; the DSL bundle)"
node scripts/size-report.mjs dist

step "end-to-end tests (Playwright + axe-core, Chromium)"
(cd tests/e2e && npx playwright test)

step "benchmark: first load of a module's quiz, app vs a static page (throttled Chromium)"
node scripts/bench-first-load.mjs dist

step "benchmark: 1,000 training records imported and matrixed vs JSON.parse (release wasm)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown --test web_bench -- --nocapture 2>&1 \
  | grep -E '^(bench:|test result)' || { echo "benchmark failed"; exit 1; }

step "benchmark: peak memory reading a 5 MB record and a 64 MB backup, fast and careful (native release; fails past a small multiple of the file)"
cargo test --release --test memory_bench -- --nocapture 2>&1 \
  | grep -E '^(bench:|test result)' || { echo "benchmark failed"; exit 1; }

printf '\nAll checks passed in %ss.\n' "$((SECONDS - started))"
