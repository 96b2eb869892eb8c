#!/usr/bin/env bash
# Installs what is missing, builds Jarvis and starts everything with its dashboard. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh
dotnet build Jarvis.sln -c Release -nologo -clp:ErrorsOnly
exec dotnet run --project Jarvis.AppHost -c Release --no-build -- "$@"
