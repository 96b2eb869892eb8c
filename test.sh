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

# The web app: its locked packages, lint (react-hooks/exhaustive-deps and no-explicit-any are errors),
# the strict type check, its Vitest unit tests, and the build the browser tests (tests/Jarvis.Web.Tests) use.
# Each of npm ci, lint, typecheck and build counts as one test; Vitest adds its own counts.
web_step() {
  local name=$1; shift
  echo "== web: $name"
  if (cd gateway/web && "$@"); then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; return 1; fi
}
if web_step "npm ci" npm ci --no-audit --no-fund --loglevel=error; then
  web_step lint npm run --silent lint
  web_step typecheck npm run --silent typecheck
  echo "== web: vitest"
  vitest_json=$(mktemp)
  (cd gateway/web && npx vitest run --reporter=default --reporter=json --outputFile="$vitest_json")
  [ $? -eq 0 ] || status=1
  counts=$(node -e 'try{const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(r.numPassedTests+" "+(r.numFailedTests+(r.success||r.numFailedTests>0?0:1)))}catch{console.log("0 1")}' "$vitest_json")
  passed=$((passed + ${counts% *})); failed=$((failed + ${counts#* }))
  rm -f "$vitest_json"
  web_step build npm run --silent build -- --logLevel warn
fi

# The browser tests write Playwright's counts here (tests/Jarvis.Web.Tests); they are added to the summary.
e2e_summary=gateway/web/test-results/e2e-summary.json
rm -f "$e2e_summary"
export JARVIS_WEB_PREBUILT=1   # the browser tests use the build above
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

if [ -f "$e2e_summary" ]; then
  counts=$(node -e 'try{const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(r.passed+" "+r.failed)}catch{console.log("0 1")}' "$e2e_summary")
  echo "== browser tests (Playwright): ${counts% *} passed, ${counts#* } failed"
  passed=$((passed + ${counts% *})); failed=$((failed + ${counts#* }))
fi

echo "$passed passed, $failed failed"
exit $status
