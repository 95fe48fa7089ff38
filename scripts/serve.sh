#!/usr/bin/env bash
# Installs what is missing, then builds and serves the app on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_BROWSER=0 source scripts/setup.sh
echo "Open http://127.0.0.1:8080 (Ctrl+C to stop)"
exec trunk serve --offline --no-autoreload "$@"
