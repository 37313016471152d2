#!/usr/bin/env bash
# The one test command (README; .ci/run calls exactly this). On a fresh Debian machine, as root, it installs what the
# tests need (Chromium for the browser tests, PostgreSQL 15, Citus from ../shared/tools/citus), starts a single
# PostgreSQL and a Citus coordinator with two workers on 127.0.0.1 under temporary directories, runs the whole
# suite on DuckDB, PostgreSQL and Citus, stops the servers whatever happens and prints one closing line.
#
#   ./test.sh                      everything
#   ./test.sh servers start DIR    only start the servers under DIR and print the variables to export (development)
#   ./test.sh servers stop DIR     stop them
set -uo pipefail
cd "$(dirname "$0")"

PG_BIN=/usr/lib/postgresql/15/bin
# Ports: single PostgreSQL, Citus coordinator, two workers.
PG_PORT=${STRATA_PG_PORT:-55432}
CITUS_PORT=$((PG_PORT + 1))
WORKER_PORTS=("$((PG_PORT + 2))" "$((PG_PORT + 3))")

install_packages() {
  local need=()
  [ -x /usr/bin/chromium ] || need+=(chromium chromium-driver)
  [ -x "$PG_BIN/postgres" ] || need+=(postgresql-15)
  if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null || { echo "could not install ${need[*]}" >&2; return 1; }
  fi
  if [ ! -f /usr/lib/postgresql/15/lib/citus.so ]; then
    ../shared/tools/citus/install.sh >/dev/null || { echo "could not install Citus from ../shared/tools/citus" >&2; return 1; }
  fi
}

as_postgres() { runuser -u postgres -- "$@"; }

# One cluster: initdb (trust on 127.0.0.1 only), fsync off (tests), citus preloaded when asked.
start_node() {
  local dir=$1 port=$2 citus=$3
  mkdir -p "$dir" && chown postgres:postgres "$dir"
  as_postgres "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres >/dev/null || return 1
  {
    echo "listen_addresses = '127.0.0.1'"; echo "port = $port"; echo "unix_socket_directories = '$dir'"
    echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"
    echo "max_connections = 60"; echo "shared_buffers = 256MB"
    [ "$citus" = yes ] && echo "shared_preload_libraries = 'citus'"
  } >> "$dir/data/postgresql.conf"
  as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >/dev/null || { cat "$dir/log" >&2; return 1; }
}

psql_at() { as_postgres psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt -c "$2" >/dev/null; }

start_servers() {
  local root=$1
  mkdir -p "$root" && chmod 755 "$root"
  start_node "$root/pg" "$PG_PORT" no || return 1
  start_node "$root/coordinator" "$CITUS_PORT" yes || return 1
  for w in "${WORKER_PORTS[@]}"; do
    start_node "$root/worker-$w" "$w" yes || return 1
    psql_at "$w" "CREATE EXTENSION citus" || return 1
  done
  psql_at "$CITUS_PORT" "CREATE EXTENSION citus; SELECT citus_set_coordinator_host('127.0.0.1', $CITUS_PORT)" || return 1
  for w in "${WORKER_PORTS[@]}"; do
    psql_at "$CITUS_PORT" "SELECT citus_add_node('127.0.0.1', $w)" || return 1
  done
  # Few shards: test data is small and two cores are shared.
  psql_at "$CITUS_PORT" "ALTER SYSTEM SET citus.shard_count = 4" && psql_at "$CITUS_PORT" "SELECT pg_reload_conf()" || return 1
}

stop_servers() {
  local root=$1
  for dir in "$root"/*/; do
    [ -f "$dir/data/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
  done
  rm -rf "$root"
}

connection_variables() {
  echo "export STRATA_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres'"
  echo "export STRATA_TEST_CITUS='Host=127.0.0.1;Port=$CITUS_PORT;Username=postgres;Database=postgres'"
}

if [ "${1:-}" = servers ]; then
  root=${3:?usage: ./test.sh servers start|stop DIR}
  case ${2:-} in
    start) install_packages && start_servers "$root" && connection_variables ;;
    stop) stop_servers "$root" ;;
    *) echo "usage: ./test.sh servers start|stop DIR" >&2; exit 2 ;;
  esac
  exit $?
fi

install_packages || exit 1
root=$(mktemp -d /tmp/strata-test-engines.XXXXXX)
log=$(mktemp)
trap 'stop_servers "$root"; rm -f "$log"' EXIT
trap 'exit 130' INT TERM
if ! start_servers "$root"; then
  echo "could not start the PostgreSQL and Citus test servers" >&2
  exit 1
fi
eval "$(connection_variables)"

dotnet test Strata.slnx -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One plain closing line summed over the test assemblies.
passed=$(grep -oE 'Passed:[[:space:]]+[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
failed=$(grep -oE 'Failed:[[:space:]]+[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
skipped=$(grep -oE 'Skipped:[[:space:]]+[0-9]+' "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
