#!/usr/bin/env bash
# Peak resident set (/usr/bin/time -v, "Maximum resident set size") of the two processes issue #14 bounds at 250 MB:
#   alerts scan on the two ~20 MB inputs of benchmarks/scan-compare (made there: run its run.sh once first), and
#   alerts run --once against 1,000 sources served by the loopback feed server (benchmarks/Alerts.Benchmarks feed-server).
# usage: benchmarks/memory/run.sh [inputs-dir=benchmarks/scan-compare/out/inputs]
# Environment: ALERTS (a published alerts executable; default: publish one as users get it, Release, linux-x64, Native AOT:
#   a C toolchain needed, README.md Prerequisites), OUT (work dir).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
inputs="${1:-$root/benchmarks/scan-compare/out/inputs}"
out="${OUT:-$here/out}"
mkdir -p "$out"
[ -f "$inputs/news-mix.xml" ] || { echo "run.sh: $inputs/news-mix.xml missing (run benchmarks/scan-compare/run.sh first)" >&2; exit 2; }

alerts="${ALERTS:-}"
if [ -z "$alerts" ]; then
  # One native publish at a time on the machine (minutes of both cores; the same lock file as the tests' publish).
  flock "${TMPDIR:-/tmp}/aot.lock" dotnet publish "$root/src/Alerts.Cli" -c Release -r linux-x64 -o "$out/alerts" -nologo -v quiet
  alerts="$out/alerts/alerts"
fi

peak() { # command... -> "peak-MiB cpu-s wall-s"
  /usr/bin/time -f "%M %U %S %e" -o "$out/time.txt" "$@" > /dev/null 2> "$out/stderr.txt" || { cat "$out/stderr.txt" >&2; return 1; }
  awk '{ printf "%d MiB peak, %.2f s CPU, %.2f s wall\n", $1 / 1024, $2 + $3, $4 }' "$out/time.txt"
}

echo "load: $(uptime)"
for f in news-mix treaty-dense; do
  echo "alerts scan $f.xml: $(peak "$alerts" scan "$inputs/$f.xml")"
done

# 1,000 sources on a loopback server; the server runs until its standard input closes.
config="$out/alerts-1000.json"
rm -f "$config" "$out/alerts-1000.db"*
dotnet build "$root/benchmarks/Alerts.Benchmarks" -c Release -nologo -v quiet > /dev/null
mkfifo "$out/server-stdin.$$"
dotnet run -c Release --no-build --project "$root/benchmarks/Alerts.Benchmarks" -- feed-server "$config" 1000 < "$out/server-stdin.$$" > "$out/server.txt" &
server=$!
exec 3> "$out/server-stdin.$$"
for _ in $(seq 1 120); do [ -s "$config" ] && break; sleep 0.5; done
[ -s "$config" ] || { echo "run.sh: the feed server did not start" >&2; kill "$server"; exit 1; }
echo "alerts run --once, 1,000 sources, first cycle: $(peak "$alerts" run --once --config "$config" --store "Data Source=$out/alerts-1000.db")"
exec 3>&-
wait "$server" || true
rm -f "$out/server-stdin.$$"
tail -1 "$out/server.txt"
echo "load: $(uptime)"
