#!/usr/bin/env bash
# Import of SUS-shaped extracts (`import --from sus`) beside format v1, for the same synthetic ICB (issue 13).
# `generate --format sus` writes the v1 files to DIR/v1 and the SUS-shaped extracts to DIR; both are imported into
# fresh workspaces. Prints wall time, CPU time and peak RSS per import and the SUS/v1 wall-time ratio (target ≤ 1.5).
# Usage: bench/import-sus.sh [people]   (default 1000000). Figures go in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
dir=${BENCH_OUT:-/tmp/strata-bench-sus}/$n
dotnet build src/Strata.Cli -c Release -nologo -v q >/dev/null
cli=src/Strata.Cli/bin/Release/net10.0/strata
source bench/measure.sh
rm -rf "$dir"; mkdir -p "$dir"
/usr/bin/time -v "$cli" generate --people "$n" --seed 42 --format sus --out "$dir/sus" --json >"$dir/gen.json" 2>"$dir/gen.time"
/usr/bin/time -v "$cli" import --workspace "$dir/v1.duckdb" "$dir/sus/v1" --json >"$dir/v1.json" 2>"$dir/v1.time"
/usr/bin/time -v "$cli" import --workspace "$dir/sus.duckdb" "$dir/sus" --from sus --lookups "$dir/sus/lookups" --json >"$dir/sus.json" 2>"$dir/sus.time"
printf '%-9s %-22s %9s %9s %9s\n' people step wall_s cpu_s rss_mb
for step in gen v1 sus; do
  read -r w c r <<<"$(measure "$dir/$step.time")"
  printf '%-9s %-22s %9s %9s %9s\n' "$n" "$step" "$w" "$c" "$r"
  eval "wall_$step=$w"
done
echo "SUS/v1 import wall ratio: $(echo "scale=2; $wall_sus / $wall_v1" | bc)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${BENCH_KEEP:-}" ] || rm -rf "$dir"
