#!/usr/bin/env bash
# Benchmarks of the public site (`npm run bench:home`): numbers only, nothing is asserted.
#
#   - start-up time (spawn → /readyz 200), 3 times on a fresh DATA_DIR (migrate + seed demo data)
#     and 3 times on an existing one;
#   - wrk -t2 -c50 -d15s against the home page /;
#   - the same against /api/v1/calendar/add-workdays?from=2021-09-28&days=20.
#
# SQLite in a temp DATA_DIR always; PostgreSQL too when BENCH_DATABASE_URL is set to an admin URL
# (a role allowed to CREATE DATABASE): each start-up gets a fresh gk_bench_* database, dropped after.
#
# Environment: BENCH_DURATION (default 15s), BENCH_CONNECTIONS (50), BENCH_THREADS (2),
# BENCH_DATABASE_URL (optional). Only loopback (127.0.0.1) is ever a target.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
THREADS=${BENCH_THREADS:-2}
HOME_PATH=/
CAL_PATH='/api/v1/calendar/add-workdays?from=2021-09-28&days=20'

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk not found: installing it with apt-get"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
fi
command -v curl >/dev/null 2>&1 || { echo "curl is required" >&2; exit 1; }

WORK=$(mktemp -d -t gongkai-bench-XXXXXX)
SERVER_PID=""
PG_DBS=()

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

cleanup() {
  stop_server
  for db in "${PG_DBS[@]+"${PG_DBS[@]}"}"; do
    node bench/pgdb.mjs drop "$BENCH_DATABASE_URL" "$db" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# start_server <data-dir> [database-url]: sets PORT, BASE, SERVER_PID and STARTUP_MS.
start_server() {
  local data_dir=$1 db_url=${2:-}
  PORT=$(free_port)
  BASE="http://127.0.0.1:$PORT"
  mkdir -p "$data_dir"
  local t0
  t0=$(now_ms)
  env -u DATABASE_URL -u SESSION_SECRET -u DATA_KEY \
    PORT="$PORT" HOST=127.0.0.1 DATA_DIR="$data_dir" BASE_URL="$BASE" LOG_LEVEL=warn SEED_DEMO=true \
    ${db_url:+DATABASE_URL="$db_url"} \
    node bin/gongkai.js serve >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local deadline=$((t0 + 60000))
  while :; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz" 2>/dev/null || true)" = 200 ]; then
      STARTUP_MS=$(($(now_ms) - t0))
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server exited before it was ready:" >&2
      tail -40 "$WORK/server.log" >&2
      return 1
    fi
    if [ "$(now_ms)" -gt "$deadline" ]; then
      echo "server not ready within 60 s:" >&2
      tail -40 "$WORK/server.log" >&2
      return 1
    fi
    sleep 0.05
  done
}

# fresh_db: sets DB_URL to a fresh database for the dialect being measured ('' means SQLite).
fresh_db() {
  DB_URL=""
  if [ "$DIALECT" = postgres ]; then
    DB_URL=$(node bench/pgdb.mjs create "$BENCH_DATABASE_URL")
    PG_DBS+=("$DB_URL")
  fi
}

# run_wrk <label> <path>
run_wrk() {
  local label=$1 path=$2 out
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  wrk -t2 -c10 -d3s "$BASE$path" >/dev/null 2>&1 || true # warm-up
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE$path")
  local rps avg p50 p90 p99 max total non2xx errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  avg=$(awk '$1 == "Latency" {print $2; exit}' <<<"$out")
  max=$(awk '$1 == "Latency" {print $4; exit}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p90=$(awk '$1 == "90%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ {print $2}' <<<"$out")
  errors=$(grep -E '^ +Socket errors' <<<"$out" | sed 's/^ *//' || true)
  printf '%-9s %-10s GET %s (HTTP %s)\n' "$DIALECT" "$label" "$path" "$status"
  printf '    requests/s: %s   requests: %s in %s, -t%s -c%s\n' "$rps" "$total" "$DURATION" "$THREADS" "$CONNECTIONS"
  printf '    latency: avg %s  p50 %s  p90 %s  p99 %s  max %s\n' "$avg" "$p50" "$p90" "$p99" "$max"
  [ -n "$non2xx" ] && printf '    non-2xx/3xx responses: %s\n' "$non2xx"
  [ -n "$errors" ] && printf '    %s\n' "$errors"
  return 0
}

bench_dialect() {
  DIALECT=$1
  echo
  echo "== $DIALECT =="
  local i dir
  echo "start-up, spawn → /readyz 200 (fresh database: migrate + seed demo data):"
  for i in 1 2 3; do
    dir="$WORK/$DIALECT-fresh-$i"
    fresh_db
    start_server "$dir" "$DB_URL"
    printf '    run %s: %s ms\n' "$i" "$STARTUP_MS"
    stop_server
  done
  echo "start-up, spawn → /readyz 200 (existing database, already migrated and seeded):"
  # Reuse the last fresh database.
  for i in 1 2 3; do
    start_server "$dir" "$DB_URL"
    printf '    run %s: %s ms\n' "$i" "$STARTUP_MS"
    stop_server
  done
  echo "throughput (warm-up 3s, then wrk -t$THREADS -c$CONNECTIONS -d$DURATION):"
  start_server "$dir" "$DB_URL"
  run_wrk home "$HOME_PATH"
  run_wrk calendar "$CAL_PATH"
  stop_server
}

echo "gongkai bench — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
echo "node $(node --version), $(wrk --version 2>&1 | head -1 | awk '{print $1, $2}'), $(nproc) cores, $(uname -m)"

bench_dialect sqlite
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  bench_dialect postgres
else
  echo
  echo "(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/postgres to include it)"
fi
