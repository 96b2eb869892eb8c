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
