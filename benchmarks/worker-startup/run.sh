#!/usr/bin/env bash
# Functions worker start-up (issue #14, item 3): process start -> ready for invocations, and the first poll.
# Boots the published worker as the Functions host does, over FunctionRpc, through the boot test
# (tests/Alerts.Integration.Tests/Functions/PublishedWorkerBootTests.cs: StartStream, WorkerInitResponse, metadata,
# a FunctionLoadResponse for every function = ready; then the news timer and PollSource against a loopback feed until
# the treaty change is on the Azurite queue). The test asserts behaviour only; it prints the times, this script runs it
# `runs` times per variant, the variants in turn (A B C A B C ...), and prints the medians.
# usage: benchmarks/worker-startup/run.sh [runs=3] [variant...]   variants: jit r2r r2r-nopgo jit-nopgo (default: jit r2r r2r-nopgo)
#   jit        dotnet publish -c Release (what azd deploys)
#   r2r        + -r linux-x64 --self-contained false -p:PublishReadyToRun=true
#   *-nopgo    + -p:TieredPGO=false (runtimeconfig: no instrumented tier)
# Environment: OUT (work dir, default benchmarks/worker-startup/out). Starts its own Azurite (ALERTS_TEST_AZURITE=own).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-3}"
shift || true
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(jit r2r r2r-nopgo)
out="${OUT:-$here/out}"
mkdir -p "$out"
export ALERTS_TEST_AZURITE="${ALERTS_TEST_AZURITE:-own}"

publish() { # variant -> directory
  local v="$1" args=(-c Release)
  case "$v" in
    jit|jit-nopgo) ;;
    r2r|r2r-nopgo) args+=(-r linux-x64 --self-contained false -p:PublishReadyToRun=true) ;;
    *) echo "run.sh: unknown variant $v" >&2; exit 2 ;;
  esac
  case "$v" in *-nopgo) args+=(-p:TieredPGO=false) ;; esac
  dotnet publish "$root/src/Alerts.Functions" "${args[@]}" -o "$out/worker-$v" -nologo -v quiet > "$out/publish-$v.txt" \
    || { cat "$out/publish-$v.txt" >&2; exit 1; }
  echo "$out/worker-$v"
}

for v in "${variants[@]}"; do
  dir="$(publish "$v")"
  echo "$v: $(du -sm "$dir" | cut -f1) MB published in $dir"
done
dotnet build "$root/tests/Alerts.Integration.Tests" -nologo -v quiet > "$out/build.txt" || { cat "$out/build.txt" >&2; exit 1; }

echo "load at start: $(uptime)"
: > "$out/figures.txt"
for i in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    ALERTS_PUBLISHED_WORKER="$out/worker-$v" dotnet test "$root/tests/Alerts.Integration.Tests" --no-build -nologo \
      --filter "FullyQualifiedName~PublishedWorkerBootTests.Published_worker_boots" --logger "console;verbosity=detailed" \
      > "$out/test-$v-$i.txt" 2>&1 || { tail -50 "$out/test-$v-$i.txt" >&2; exit 1; }
    line="$(grep -o 'worker start-up: .*' "$out/test-$v-$i.txt" | head -1)"
    [ -n "$line" ] || { echo "run.sh: no start-up line in $out/test-$v-$i.txt" >&2; exit 1; }
    echo "$v run $i: ${line#worker start-up: }"
    # ready-ms ready-cpu-ms timer-ms poll-ms cpu-after-poll-ms
    echo "$v $(echo "$line" | sed -E 's/.*\(ready for invocations\) ([0-9]+) ms after process start, ([0-9]+) ms CPU; first timer invocation ([0-9]+) ms; first poll[^)]*\) ([0-9]+) ms; CPU used by then ([0-9]+) ms.*/\1 \2 \3 \4 \5/')" >> "$out/figures.txt"
  done
done
echo "load at end: $(uptime)"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
printf '\nmedians of %s runs (ms)\n%-10s %14s %12s %12s %16s %14s\n' "$runs" variant "ready (wall)" "ready CPU" "first timer" "first poll" "CPU after poll"
for v in "${variants[@]}"; do
  row=()
  for c in 2 3 4 5 6; do row+=("$(awk -v v="$v" -v c="$c" '$1 == v { print $c }' "$out/figures.txt" | median)"); done
  printf '%-10s %14s %12s %12s %16s %14s\n' "$v" "${row[@]}"
done
