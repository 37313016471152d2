#!/usr/bin/env bash
# Foundation benchmark (issue 2): `strata generate` then `strata import` of the same synthetic ICB, per size.
# Prints wall time, CPU time and peak RSS of each step, activity rows, and the generate + import total.
# Usage: bench/foundation.sh [people ...]   (default: 1000000 3000000). Figures go in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000 3000000)
work=${BENCH_OUT:-/tmp/strata-bench-foundation}
dotnet build src/Strata.Cli -c Release -nologo -v q >/dev/null
cli=src/Strata.Cli/bin/Release/net10.0/strata
source bench/measure.sh
printf '%-9s %-8s %9s %9s %9s %12s\n' people step wall_s cpu_s rss_mb activity
for n in "${sizes[@]}"; do
  dir="$work/$n"; ws="$dir/ws.duckdb"
  rm -rf "$dir"; mkdir -p "$dir"
  /usr/bin/time -v "$cli" generate --people "$n" --seed 42 --out "$dir/data" --json >"$dir/gen.json" 2>"$dir/gen.time"
  /usr/bin/time -v "$cli" import --workspace "$ws" "$dir/data" --json >"$dir/imp.json" 2>"$dir/imp.time"
  activity=$(grep '"activity"' "$dir/gen.json" | tr -dc '0-9')
  read -r gw gc gr <<<"$(measure "$dir/gen.time")"
  read -r iw ic ir <<<"$(measure "$dir/imp.time")"
  printf '%-9s %-8s %9s %9s %9s %12s\n' "$n" generate "$gw" "$gc" "$gr" "$activity"
  printf '%-9s %-8s %9s %9s %9s %12s\n' "$n" import "$iw" "$ic" "$ir" "$activity"
  printf '%-9s %-8s %9.1f %9.1f %9s %12s\n' "$n" total "$(echo "$gw + $iw" | bc)" "$(echo "$gc + $ic" | bc)" "$(( gr > ir ? gr : ir ))" "$activity"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  [ -n "${BENCH_KEEP:-}" ] || rm -rf "$dir"
done
