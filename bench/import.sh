#!/usr/bin/env bash
# Import benchmark (docs/benchmarks.md, "Import"): builds synthetic format v1 files with DuckDB itself
# (bench/import-data.sql through bench/duckdb_sql.py, the same libduckdb Strata uses) and times `strata import` into a fresh workspace.
# Usage: bench/import.sh PEOPLE ACTIVITY [WORKDIR]      e.g. bench/import.sh 3000000 60000000 /tmp/strata-bench
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
people="${1:-1000000}"
activity="${2:-20000000}"
work="${3:-/tmp/strata-bench-import}"
data="$work/data-$people-$activity"
ws="$work/ws.duckdb"

mkdir -p "$data"
if [ ! -f "$data/activity.csv" ]; then
  echo "Building synthetic files in $data ..."
  sed -e "s/PEOPLE/$people/g; s/ACTIVITY/$activity/g; s#OUT#$data#g" "$here/import-data.sql" | python3 "$here/duckdb_sql.py" ":memory:"
fi
du -sh "$data"
dotnet build "$root/src/Strata.Cli" -c Release -v quiet -nologo > /dev/null
rm -rf "$ws" "$ws.wal" "$ws.tmp" "$ws.rejects.csv"
/usr/bin/time -v "$root/src/Strata.Cli/bin/Release/net10.0/strata" import --workspace "$ws" "$data" 2> "$work/time.txt"
grep -E "Elapsed|Maximum resident|User time|System time" "$work/time.txt"
cat /proc/loadavg
