#!/usr/bin/env bash
# Synthetic generation benchmark: `strata generate` for 1M and 3M people (Release build), with wall time, peak RSS
# and row counts. Usage: bench/generate.sh [people ...] (default: 1000000 3000000). Figures go in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000 3000000)
out=${BENCH_OUT:-/tmp/strata-bench}
format=${BENCH_FORMAT:-csv}
dotnet build src/Strata.Cli -c Release -nologo -v q >/dev/null
cli=src/Strata.Cli/bin/Release/net10.0/strata.dll
printf '%-10s %-8s %10s %12s %14s %16s %10s\n' people format wall_s peak_rss_mb conditions activity disk_mb
for n in "${sizes[@]}"; do
  dir="$out/gen-$n"
  rm -rf "$dir"
  log=$(mktemp)
  /usr/bin/time -v dotnet "$cli" generate --people "$n" --seed 42 --out "$dir" --format "$format" --json >"$log.json" 2>"$log"
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{printf "%.0f", $NF/1024}')
  conditions=$(grep '"conditions"' "$log.json" | tr -dc '0-9')
  activity=$(grep '"activity"' "$log.json" | tr -dc '0-9')
  disk=$(du -sm "$dir" | cut -f1)
  printf '%-10s %-8s %10s %12s %14s %16s %10s\n' "$n" "$format" "$wall" "$rss" "$conditions" "$activity" "$disk"
  rm -f "$log" "$log.json"
  [ -n "${BENCH_KEEP:-}" ] || rm -rf "$dir"
done
