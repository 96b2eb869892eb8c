#!/usr/bin/env bash
# The gateway's benchmark: authenticated GET /api/chat/conversations through the gateway against the
# same request straight to chat, with wrk, in one run. Usage: tests/Jarvis.Benchmarks/gateway-wrk.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
dotnet build -c Release -nologo -clp:ErrorsOnly gateway/Jarvis.Gateway/Jarvis.Gateway.csproj
dotnet build -c Release -nologo -clp:ErrorsOnly services/Jarvis.Chat/Jarvis.Chat.csproj
dotnet run -c Release --project tests/Jarvis.Benchmarks -- gateway "${1:-10}" "${2:-16}"
