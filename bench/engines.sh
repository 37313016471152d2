#!/usr/bin/env bash
# Engines benchmark (issue 14): the same synthetic ICB through import, segment, risk train + score and profile on
# DuckDB, PostgreSQL and Citus (coordinator + 2 workers), stage by stage. Figures go in docs/benchmarks.md
# ("Engines"), with the load average while measured.
# Usage: bench/engines.sh [PEOPLE=1000000] [WORKDIR=/tmp/strata-bench-engines]
# Needs root on Debian (it starts the servers with ./test.sh servers start, on ports 55432-55435, and stops them).
set -euo pipefail
PEOPLE=${1:-1000000}
WORK=${2:-/tmp/strata-bench-engines}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
AT=2025-03-31
mkdir -p "$WORK"

dotnet build "$ROOT/src/Strata.Cli/Strata.Cli.csproj" -c Release -v quiet -nologo > /dev/null
STRATA="$ROOT/src/Strata.Cli/bin/Release/net10.0/strata"

if [ "$(cat "$WORK/people.txt" 2>/dev/null)" != "$PEOPLE" ]; then
  rm -rf "$WORK/data"
  "$STRATA" generate --people "$PEOPLE" --out "$WORK/data" --json > /dev/null
  echo "$PEOPLE" > "$WORK/people.txt"
fi

SERVERS="$WORK/servers"
"$ROOT/test.sh" servers stop "$SERVERS" 2>/dev/null || true
"$ROOT/test.sh" servers start "$SERVERS" > /dev/null
trap '"$ROOT/test.sh" servers stop "$SERVERS"' EXIT

measure() { # engine stage command...: wall and CPU seconds of the client, peak client RSS
  local engine=$1 stage=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" > "$WORK/$engine-$stage.out"
  read -r wall user sys kb < "$WORK/time.txt"
  printf '| %-10s | %-12s | %8.1f | %8.1f | %6d | %s |\n' "$engine" "$stage" "$wall" "$(echo "$user + $sys" | bc)" "$((kb / 1024))" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

echo "People: $PEOPLE; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| engine     | stage        |   wall s | client cpu s | client MB | load |"
echo "|---|---|---:|---:|---:|---:|"
rm -f "$WORK/bench.duckdb" "$WORK/bench.duckdb.wal"
for engine in duckdb postgresql citus; do
  case $engine in
    duckdb) WS="$WORK/bench.duckdb" ;;
    postgresql) WS="postgresql://postgres@127.0.0.1:55432/postgres" ;;
    citus) WS="postgresql://postgres@127.0.0.1:55433/postgres" ;;
  esac
  measure "$engine" import "$STRATA" import -w "$WS" "$WORK/data" --rejects "$WORK/$engine.rejects.csv" --json
  measure "$engine" segment "$STRATA" segment -w "$WS" --at "$AT" --json
  measure "$engine" risk-train "$STRATA" risk train -w "$WS" --json
  measure "$engine" risk-score "$STRATA" risk score -w "$WS" --at "$AT" --json
  measure "$engine" profile "$STRATA" profile -w "$WS" --by segment --json
done
