#!/usr/bin/env bash
# Web benchmark (docs/benchmarks.md, "Web"): response times of the API that the pages read, on a demo workspace of
# PEOPLE people, for an ICB-wide analyst and a place-scoped commissioner. Each endpoint is asked REPEAT times after
# one warm-up request; the median and the slowest are printed (curl's time_total, loopback).
# Usage: bench/web.sh [PEOPLE=1000000] [WORKDIR=/tmp/strata-bench-web]
set -euo pipefail
PEOPLE=${1:-1000000}
WORK=${2:-/tmp/strata-bench-web}
REPEAT=${REPEAT:-5}
PORT=${PORT:-5099}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PASSWORD=bench-password-0123
BASE="http://127.0.0.1:$PORT"

dotnet build "$ROOT/src/Strata.Cli/Strata.Cli.csproj" -c Release -v quiet -nologo > /dev/null
STRATA="$ROOT/src/Strata.Cli/bin/Release/net10.0/strata"
WS="$WORK/strata.duckdb"
if [ ! -f "$WS" ] || [ "$(cat "$WORK/people.txt" 2>/dev/null)" != "$PEOPLE" ]; then
  rm -rf "$WORK"; mkdir -p "$WORK"
  echo "Building a $PEOPLE-person demo workspace (strata demo) ..."
  /usr/bin/time -f "demo in %e s, peak %M KB" "$STRATA" demo --people "$PEOPLE" --out "$WORK" > "$WORK/demo.out"
  echo "$PEOPLE" > "$WORK/people.txt"
fi
PLACE=$(cd "$ROOT" && python3 bench/duckdb_sql.py "$WS" <<< "SELECT min(place_code) FROM practices" | head -1)
for u in "ann analyst ICB" "pat commissioner place:$PLACE"; do
  set -- $u
  echo "$PASSWORD" | "$STRATA" serve -w "$WS" --create-user "$1" --role "$2" --scope "$3" --password-stdin > /dev/null 2>&1 || true
done

"$STRATA" serve -w "$WS" --urls "$BASE" > "$WORK/serve.out" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "$BASE/login" && break; sleep 0.5; done

# median and max of REPEAT timed requests (seconds), after a warm-up
timed() {
  local jar=$1 path=$2
  curl -s -o /dev/null -b "$jar" "$BASE$path"
  local times=() code
  for _ in $(seq 1 "$REPEAT"); do
    read -r code t < <(curl -s -o /dev/null -b "$jar" -w "%{http_code} %{time_total}\n" "$BASE$path")
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v p="$path" -v c="$code" '{ a[NR] = $1 } END { printf "  %-58s %s  median %6.1f ms  max %6.1f ms\n", p, c, a[int((NR + 1) / 2)] * 1000, a[NR] * 1000 }'
}

echo "People: $PEOPLE, place user scope: $PLACE, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for user in ann pat; do
  jar="$WORK/$user.cookies"
  curl -s -o /dev/null -c "$jar" -H 'Content-Type: application/json' -d "{\"user_name\":\"$user\",\"password\":\"$PASSWORD\"}" "$BASE/api/session"
  echo "$user:"
  for path in /api/places /api/population/segments /api/population/risk-tiers "/api/population/profile?by=age_band" \
              "/api/population/profile?by=segment&sex=F" /api/population/inequalities /api/variation/funnel \
              /api/projection "/api/projection?years=10&budget=2000000000" /api/decisions /api/evaluation/summary \
              "/api/export/profile?format=xlsx&by=segment"; do
    timed "$jar" "$path"
  done
done
echo "Server peak memory: $(grep VmHWM /proc/$SERVER/status | awk '{ printf "%d MB", $2 / 1024 }')"
