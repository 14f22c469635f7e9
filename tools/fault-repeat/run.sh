#!/usr/bin/env bash
# Repeats the fault suite's SIGKILL case and its one-event ordering case N times in a row (issue #13: "pass 20 times
# in a row"), on both stores (SQLite and an Azurite of the run's own). Each round is one `dotnet test` process over
# the two cases × two stores; the ordering case runs once per round (ALERTS_FAULT_REPEATS=1), from a fresh store.
# Stops at the first failing round and prints its log. Usage: tools/fault-repeat/run.sh [rounds=20] [store=Sqlite|Azurite|both]
set -euo pipefail
rounds="${1:-20}"
store="${2:-both}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

filter="(FullyQualifiedName~Sigkill_while_delivering|FullyQualifiedName~Two_items_of_one_event)"
if [ "$store" != "both" ]; then
  filter="$filter&DisplayName~$store"
fi

export ALERTS_TEST_AZURITE="${ALERTS_TEST_AZURITE:-own}"
export ALERTS_FAULT_REPEATS=1
dotnet build tests/Alerts.Integration.Tests -v q -nologo >/dev/null

log="$(mktemp -t alerts-fault-repeat-XXXXXX.log)"
start=$(date +%s)
for round in $(seq 1 "$rounds"); do
  if ! dotnet test tests/Alerts.Integration.Tests --no-build --filter "$filter" --logger "console;verbosity=normal" >"$log" 2>&1; then
    echo "round $round of $rounds FAILED after $(( $(date +%s) - start )) s; log: $log"
    grep -E "Failed |Passed |Error|Assert" "$log" | head -40
    exit 1
  fi
  passed=$(grep -cE "^\s+Passed " "$log" || true)
  echo "round $round/$rounds: $passed cases passed ($(( $(date +%s) - start )) s so far)"
done
echo "all $rounds rounds passed in $(( $(date +%s) - start )) s (filter: $filter)"
rm -f "$log"
