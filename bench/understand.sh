#!/usr/bin/env bash
# Understand benchmark: segmentation + cohort profile on PEOPLE people (~20 activity rows each), against the same
# segmentation as one plain DuckDB SQL query (the lower bound). Figures go in docs/benchmarks.md ("Understand").
# Usage: bench/understand.sh [PEOPLE=3000000] [WORKDIR=/tmp/strata-bench-understand]
# With BENCH_WORKSPACE=FILE it runs on an existing imported workspace instead (e.g. the synthetic ICB that
# bench/foundation.sh leaves with BENCH_KEEP=1) and also times risk scoring (after an untimed-for-target training).
set -euo pipefail
PEOPLE=${1:-3000000}
WORK=${2:-/tmp/strata-bench-understand}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
AT=2025-03-31
THREADS=${THREADS:-2}
MEMORY=${MEMORY:-6GB}
mkdir -p "$WORK"
WS="${BENCH_WORKSPACE:-$WORK/understand.duckdb}"

dotnet build "$ROOT/src/Strata.Cli/Strata.Cli.csproj" -c Release -v quiet -nologo > /dev/null
STRATA="$ROOT/src/Strata.Cli/bin/Release/net10.0/strata"
SQL="python3 $HERE/duckdb_sql.py"
SETTINGS="SET threads = $THREADS; SET memory_limit = '$MEMORY'; SET temp_directory = '$WS.tmp'"

# wall seconds, CPU seconds (user + sys; steadier than wall on a shared machine) and peak RSS of a command
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" > "$WORK/$label.out"
  read -r wall user sys kb < "$WORK/time.txt"
  printf '%-24s wall %7.1f s   cpu %7.1f s   peak %6d MB\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((kb / 1024))"
}

if [ -z "${BENCH_WORKSPACE:-}" ] && { [ ! -f "$WS" ] || [ "$(cat "$WORK/people.txt" 2>/dev/null)" != "$PEOPLE" ]; }; then
  rm -rf "$WS" "$WS.tmp"
  "$STRATA" segment -w "$WS" --at "$AT" --json > /dev/null   # creates the schema and codelist tables
  echo "Generating $PEOPLE people in DuckDB SQL ..."
  sed "s/\${PEOPLE}/$PEOPLE/g" "$HERE/understand-data.sql" | /usr/bin/time -f "generated in %e s" $SQL "$WS" "$SETTINGS"
  echo "$PEOPLE" > "$WORK/people.txt"
fi

echo "People: $PEOPLE, threads: $THREADS, memory limit: $MEMORY, load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure strata-segment "$STRATA" segment -w "$WS" --at "$AT" --threads "$THREADS" --memory-limit "$MEMORY" --json
if [ -n "${BENCH_WORKSPACE:-}" ]; then
  measure strata-risk-train "$STRATA" risk train -w "$WS" --json
  measure strata-risk-score "$STRATA" risk score -w "$WS" --at "$AT" --json
fi
measure strata-profile "$STRATA" profile -w "$WS" --by segment --threads "$THREADS" --memory-limit "$MEMORY" --json
measure plain-sql-segmentation $SQL "$WS" "$SETTINGS" < "$HERE/understand-plain.sql"
echo "Segment counts, Strata vs plain SQL:"
$SQL "$WS" < <(echo "SELECT s.segment, s.n, p.n FROM (SELECT segment, count(*) n FROM segments GROUP BY 1) s FULL JOIN (SELECT segment, count(*) n FROM segments_plain GROUP BY 1) p USING (segment) ORDER BY 1")
