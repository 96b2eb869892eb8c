#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, refuses known-vulnerable packages,
# runs every test project against real PostgreSQL, Mosquitto and Redis, and ends with
# one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh || exit 1

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== build"
dotnet build Jarvis.sln -c Debug -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

echo "== known-vulnerable packages"
vulnerable=$(dotnet list Jarvis.sln package --vulnerable --include-transitive 2>&1)
if grep -q "has the following vulnerable packages" <<<"$vulnerable"; then
  echo "$vulnerable"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "none"

passed=0; failed=0; status=0
for project in tests/*.Tests/*.csproj; do
  echo "== $project"
  log=$(mktemp)
  # A hung test is reported with a dump instead of eating CI's time; a failed one with its message.
  timeout 1200 dotnet test "$project" --no-build -nologo -v q --logger "console;verbosity=minimal" --blame-hang-timeout 5m 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  summary=$(grep -E "^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+" "$log" | tail -1)
  if [ -n "$summary" ]; then
    f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
    p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")
    passed=$((passed + p)); failed=$((failed + f))
  elif [ "$code" -ne 0 ]; then
    failed=$((failed + 1))   # the runner crashed before it could report
  fi
  [ "$code" -eq 0 ] || status=1
  rm -f "$log"
done

echo "$passed passed, $failed failed"
exit $status
