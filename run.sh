#!/usr/bin/env bash
# Installs what is missing, builds Jarvis and starts everything with its dashboard. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh
scripts/build-web.sh   # gateway/web/dist, served by the gateway
dotnet build Jarvis.sln -c Release -nologo -clp:ErrorsOnly
# The AppHost itself, not `dotnet run`, so Ctrl+C and SIGTERM reach it directly.
exec dotnet Jarvis.AppHost/bin/Release/net10.0/Jarvis.AppHost.dll "$@"
