#!/usr/bin/env bash
# Builds the web app (gateway/web) into gateway/web/dist, which the gateway serves.
# Installs the locked packages first when package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/../gateway/web"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build -- --logLevel warn
