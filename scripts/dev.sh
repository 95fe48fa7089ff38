#!/usr/bin/env bash
# Developer loop: a debug build served by Trunk on http://127.0.0.1:8080, rebuilt on every
# change; reload the page to see it (autoreload's inline script would need its own CSP hash).
# Not what staff get: the wasm is large and unoptimised; scripts/serve.sh serves the release.
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_BROWSER=0 source scripts/setup.sh
exec trunk serve --offline --no-autoreload "$@"
