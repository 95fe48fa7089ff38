#!/usr/bin/env bash
# Installs what is missing, builds the release (what a school deploys) and serves it on
# http://127.0.0.1:8080 with the headers the build writes and the SPA fallback (unknown paths
# answer index.html), as a host must. For a fast edit-and-reload loop use scripts/dev.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_BROWSER=0 source scripts/setup.sh
trunk build --release --offline
echo "Open http://127.0.0.1:8080 (Ctrl+C to stop)"
exec node tests/e2e/serve.mjs dist 8080
