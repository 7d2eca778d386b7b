#!/usr/bin/env bash
# Runs every test of Monitor.sln: first installs/starts RabbitMQ and PostgreSQL (scripts/services.sh, needs root),
# then `dotnet test`, and ends with one line "N passed, N failed" summed over the test projects.
# Exits non-zero when the build fails, a test fails, or no test ran at all.
# MONITOR_SKIP_SERVICES=1 skips the first step when the servers already run elsewhere (point the integration tests
# at them with MONITOR_TEST_POSTGRES=<connection string>). The dashboard's browser tests need Chromium and ChromeDriver:
# scripts/browser.sh installs them when missing (root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "${MONITOR_SKIP_SERVICES:-0}" != 1 ]; then
  bash scripts/services.sh
fi

bash scripts/browser.sh

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet not found: install the .NET 10 SDK (https://dotnet.microsoft.com/download/dotnet/10.0)." >&2
  exit 1
fi

# The summary lines parsed below are English; keep them so whatever the machine's language.
export DOTNET_CLI_UI_LANGUAGE=en VSLANG=1033 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT

set +e
dotnet test Monitor.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One line per test project that ran, e.g.
#   Passed!  - Failed:     0, Passed:    48, Skipped:     0, Total:    48, Duration: 1 s - Monitor.IntegrationTests.dll (net10.0)
# A project without tests prints "No test is available in ..." instead and adds nothing.
summary='Failed:[[:space:]]*([0-9]+),[[:space:]]*Passed:[[:space:]]*([0-9]+),[[:space:]]*Skipped:[[:space:]]*([0-9]+)'
passed=0 failed=0 skipped=0 projects=0
while IFS= read -r line; do
  if [[ $line =~ $summary ]]; then
    failed=$((failed + BASH_REMATCH[1]))
    passed=$((passed + BASH_REMATCH[2]))
    skipped=$((skipped + BASH_REMATCH[3]))
    projects=$((projects + 1))
  fi
done < <(grep -E '^(Passed|Failed)!' "$log" || true)
empty=$(grep -c '^No test is available in' "$log" || true)

echo
echo "Test projects run: $projects; without tests: $empty; skipped tests: $skipped; dotnet test exit status: $status"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test failed without a failing test: a build error or an aborted test run (see above)."
elif [ "$passed" -eq 0 ]; then
  echo "No test passed: the test projects found no tests to run."
fi
echo "$passed passed, $failed failed"

if [ "$status" -ne 0 ] || [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
