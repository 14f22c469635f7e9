#!/usr/bin/env bash
# Whole-process comparison of `alerts scan` with Node's rss-parser on two ~20 MB inputs (see README.md).
# usage: benchmarks/scan-compare/run.sh [corpus-dir=../shared/corpus/dev] [runs=5]
# Environment: DENSE (default ../shared/bench/rss-1mb.xml), REPEATS (default 20), OUT (default
# benchmarks/scan-compare/out), ALERTS (a published alerts executable; default: publish one here).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${1:-$root/../shared/corpus/dev}"
runs="${2:-5}"
dense="${DENSE:-$root/../shared/bench/rss-1mb.xml}"
out="${OUT:-$here/out}"

[ -d "$corpus/feeds" ] || { echo "run.sh: $corpus has no feeds/ folder (pass the dev corpus folder)" >&2; exit 2; }
[ -f "$dense" ] || { echo "run.sh: $dense does not exist (set DENSE to rss-1mb.xml)" >&2; exit 2; }

# The peer, pinned by the lockfile.
(cd "$here" && npm ci --no-audit --no-fund --silent)

node "$here/make-inputs.mjs" "$corpus" "$dense" "$out/inputs" "${REPEATS:-20}"

alerts="${ALERTS:-}"
if [ -z "$alerts" ]; then
  # Release, Native AOT: what `dotnet publish -r linux-x64` gives users (the CLI project turns it on when a runtime is
  # named; README.md, Prerequisites: a C toolchain). Minutes of both cores, so one native publish at a time on the
  # machine (the same lock file as the integration tests' publish). `ALERTS=... run.sh` times another build, e.g. the
  # ReadyToRun one: `dotnet publish src/Alerts.Cli -c Release -r linux-x64 -p:PublishAot=false -o /tmp/r2r`.
  lock="${TMPDIR:-/tmp}/aot.lock"
  flock "$lock" dotnet publish "$root/src/Alerts.Cli" -c Release -r linux-x64 -o "$out/alerts" -nologo -v quiet
  alerts="$out/alerts/alerts"
fi

node "$here/compare.mjs" "$alerts" "$out/inputs" "$runs"
