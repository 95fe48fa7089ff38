#!/usr/bin/env bash
# Developer loop for end-to-end tests: builds into a private folder (dev build unless
# RELEASE=1) and runs Playwright against it on a free port, so several people can run it
# at once. Usage: scripts/e2e.sh [spec files or playwright args...]
set -euo pipefail
cd "$(dirname "$0")/.."
SKIP_BUILD=${SKIP_BUILD:-0}
out=${E2E_DIST:-target/e2e-dist/$$}
if [ "$SKIP_BUILD" != 1 ]; then
  mode=(); [ "${RELEASE:-0}" = 1 ] && mode=(--release)
  trunk build --offline "${mode[@]}" --dist "$out" >/dev/null
fi
port=$((4200 + RANDOM % 700))
cd tests/e2e
case "$out" in /*) ;; *) out="../../$out" ;; esac
E2E_DIST="$out" E2E_PORT=$port npx playwright test "$@"
