#!/usr/bin/env bash
# The whole docs/benchmarks.md summary in one run, on one synthetic ICB (strata generate, seed 42). Every figure is
# printed with the load average before → after it (on a shared machine wall time is mostly waiting for a core; CPU
# = user + sys is the steadier figure), and where a lower bound exists it is measured in the same run, interleaved
# (lower bound, Strata, lower bound, Strata, ...), and the CPU ratio printed:
#   import      vs DuckDB's typed read_csv of the same files into plain tables (bench/import-floor.sql)
#   segment     vs the same segmentation as one plain SQL query (bench/understand-plain.sql)
# and without a lower bound: generate, risk train/score, profile, projection (cold = first request for the
# reference date, warm = the next), the Monte Carlo (bench/plan.sh, 3M-person cells synthesised in code) and, with
# WEB=1, the web API (bench/web.sh, which builds its own demo workspace).
# Usage: bench/all.sh [PEOPLE=1000000] [ROUNDS=2] [WORKDIR=/tmp/strata-bench-all]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
people="${1:-1000000}"
rounds="${2:-2}"
work="${3:-/tmp/strata-bench-all}"
at="${AT:-2025-03-31}"
source "$here/measure.sh"
dotnet build "$root/src/Strata.Cli" -c Release -v quiet -nologo > /dev/null
strata="$root/src/Strata.Cli/bin/Release/net10.0/strata"
sql="python3 $here/duckdb_sql.py"
ws="$work/ws.duckdb"
mkdir -p "$work"
load() { cut -d' ' -f1 /proc/loadavg; }
cpu=0
run() { # label command... : one line of wall, CPU, peak RSS and load; sets $cpu
  local label=$1; shift
  local before; before=$(load)
  /usr/bin/time -v "$@" > "$work/$label.out" 2> "$work/$label.time"
  read -r wall cpu rss <<< "$(measure "$work/$label.time")"
  printf '%-26s %8s %8s %8s %14s\n' "$label" "$wall" "$cpu" "$rss" "$before→$(load)"
}
ratio() { printf '%-26s %s\n' "  → $1" "CPU ratio $(echo "scale=2; $2 / $3" | bc)"; }

echo "bench/all.sh: $people people, $rounds interleaved rounds, $(nproc) cores, $(date -u +%FT%TZ), commit $(git -C "$root" rev-parse --short HEAD)"
printf '%-26s %8s %8s %8s %14s\n' step wall_s cpu_s rss_mb load
if [ ! -f "$work/data/activity.csv" ] || [ "$(cat "$work/people.txt" 2>/dev/null)" != "$people" ]; then
  rm -rf "$work/data"
  run generate "$strata" generate --people "$people" --seed 42 --out "$work/data" --json
  echo "$people" > "$work/people.txt"
fi

# Import against its lower bound, interleaved; the last Strata import is kept as the workspace for what follows.
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/floor.duckdb"*
  run "import-floor-$round" $sql "$work/floor.duckdb" "SET threads = 2" < <(sed "s#DIR#$work/data#g" "$here/import-floor.sql")
  floor=$cpu
  rm -rf "$ws" "$ws.wal" "$ws.tmp" "$ws.rejects.csv"
  run "import-$round" "$strata" import --workspace "$ws" --threads 2 "$work/data" --json
  ratio "import/floor, round $round" "$cpu" "$floor"
done
rm -rf "$work/floor.duckdb"*

# Segmentation against one plain SQL query on the same workspace, interleaved.
for round in $(seq 1 "$rounds"); do
  run "segment-plain-sql-$round" $sql "$ws" "SET threads = 2" < "$here/understand-plain.sql"
  floor=$cpu
  run "segment-$round" "$strata" segment -w "$ws" --at "$at" --threads 2 --json
  ratio "segment/plain, round $round" "$cpu" "$floor"
done
$sql "$ws" <<< "SELECT 'segment counts differ: ' || count(*) FROM (SELECT segment, count(*) n FROM segments GROUP BY 1) s FULL JOIN (SELECT segment, count(*) n FROM segments_plain GROUP BY 1) p USING (segment) WHERE s.n IS DISTINCT FROM p.n"

run risk-train "$strata" risk train -w "$ws" --json
run risk-score "$strata" risk score -w "$ws" --at "$at" --json
run profile "$strata" profile -w "$ws" --by segment --threads 2 --json
run project-cold "$strata" project -w "$ws" --json
run project-warm "$strata" project -w "$ws" --json
dotnet build "$root/bench/Strata.Bench" -c Release -v quiet -nologo > /dev/null
run plan-monte-carlo dotnet "$root/bench/Strata.Bench/bin/Release/net10.0/Strata.Bench.dll" plan --runs 1000 --years 10 --interventions 20
grep -iE "total|monte|build model" "$work/plan-monte-carlo.out" | sed 's/^/  /' || true
if [ -n "${WEB:-}" ]; then
  bash "$here/web.sh" "$people" "$work/web"
fi
echo "done $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
