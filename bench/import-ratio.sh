#!/usr/bin/env bash
# `strata import` of a format v1 folder against its lower bound, interleaved in one run: the same files read by
# DuckDB's typed CSV reader into plain tables (bench/import-floor.sql, same libduckdb, 2 threads, fresh database
# file each time). Each round runs the lower bound, then strata (and, with OLD_STRATA=path to another build's
# `strata`, that build too), and prints wall, CPU (user + sys), peak RSS, the load average before and after, and
# the CPU ratio to the lower bound of the same round. Figures go in docs/benchmarks.md ("Import").
# Usage: bench/import-ratio.sh DATA_DIR [ROUNDS=2] [WORKDIR=/tmp/strata-bench-ratio]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="$(cd "$1" && pwd)"
rounds="${2:-2}"
work="${3:-/tmp/strata-bench-ratio}"
mkdir -p "$work"
source "$here/measure.sh"
dotnet build "$root/src/Strata.Cli" -c Release -v quiet -nologo > /dev/null
strata="$root/src/Strata.Cli/bin/Release/net10.0/strata"
load() { cut -d' ' -f1 /proc/loadavg; }

run() { # label command... -> one line; sets $cpu
  local label=$1; shift
  rm -rf "$work/db.duckdb" "$work/db.duckdb.wal" "$work/db.duckdb.tmp" "$work/db.duckdb.rejects.csv"
  local before; before=$(load)
  /usr/bin/time -v "$@" > "$work/$label.out" 2> "$work/$label.time"
  read -r wall cpu rss <<< "$(measure "$work/$label.time")"
  printf '%-8s %-12s %8s %8s %8s %12s\n' "$round" "$label" "$wall" "$cpu" "$rss" "$before→$(load)"
}

echo "data: $data ($(du -sh "$data" | cut -f1)), $(nproc) cores, $(date -u +%FT%TZ)"
printf '%-8s %-12s %8s %8s %8s %12s\n' round step wall_s cpu_s rss_mb load
for round in $(seq 1 "$rounds"); do
  run floor python3 "$here/duckdb_sql.py" "$work/db.duckdb" "SET threads = 2" < <(sed "s#DIR#$data#g" "$here/import-floor.sql")
  floor=$cpu
  run strata "$strata" import --workspace "$work/db.duckdb" --threads 2 "$data" --json
  echo "         strata/floor CPU ratio: $(echo "scale=2; $cpu / $floor" | bc)"
  if [ -n "${OLD_STRATA:-}" ]; then
    run old "$OLD_STRATA" import --workspace "$work/db.duckdb" --threads 2 "$data" --json
    echo "         old/floor CPU ratio: $(echo "scale=2; $cpu / $floor" | bc)"
  fi
done
