#!/usr/bin/env bash
# Installs what Jarvis needs from Debian's packages when it is missing. Safe to run again.
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/lib/postgresql/15/bin/pgbench ] || ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1 || need+=(postgresql-contrib)
have /usr/sbin/mosquitto || need+=(mosquitto)
have mosquitto_pub || need+=(mosquitto-clients)
have redis-server || need+=(redis-server)
have prometheus || need+=(prometheus)
have setpriv || need+=(util-linux)
have wrk || need+=(wrk)
have chromium || need+=(chromium)   # the browser tests drive Debian's Chromium headless
for extra in "$@"; do
  case "$extra" in
    *) need+=("$extra") ;;
  esac
done

if [ ${#need[@]} -gt 0 ]; then
  echo "Installing from Debian: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Debian's packages start nothing here (no init system); Jarvis.AppHost runs each server itself.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet on PATH): see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

# The web app (gateway/web) is built with Vite, which needs Node.js 20.19 or newer.
node_ok=0
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' && node_ok=1
fi
if [ "$node_ok" -ne 1 ]; then
  found=$(node --version 2>/dev/null || echo "none")
  echo "Node.js 20.19 or newer is required, with npm (found: $found). Install it from https://nodejs.org/en/download" >&2
  echo "(Debian 13: apt-get install nodejs npm; Debian 12: the NodeSource packages, https://github.com/nodesource/distributions)." >&2
  exit 1
fi
