#!/usr/bin/env bash
# Portal speed against nginx (`npm run bench:portal`): numbers only, nothing is asserted.
#
# One run, side by side, wrk -t2 -c50 (issue 3 "Speed"):
#   1. nginx serving the bytes of a document page as a static file (the yardstick);
#   2. the document page from the page cache (a gongkai server with the cache on, warmed);
#   3. the same document page rendered every time (a second server, PAGE_CACHE_ENTRIES=0);
#   4. the catalogue list /xxgk, cached and uncached;
#   5. node:http alone serving the same bytes: the ceiling for any Node server here;
#   6. again with two processes each: nginx with 2 workers, gongkai with WEB_PROCESSES=2;
# then the ratios to nginx. Goals: cached document page ≥ 0.8 × nginx; uncached ≥ 3,000 req/s.
#
# SQLite in a temp DATA_DIR; PostgreSQL too when BENCH_DATABASE_URL is set to an admin URL.
# Environment: BENCH_DURATION (default 10s), BENCH_CONNECTIONS (50), BENCH_THREADS (2),
# BENCH_NGINX_WORKERS (1: one process, like one Node server), BENCH_DATABASE_URL (optional).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
THREADS=${BENCH_THREADS:-2}
NGINX_WORKERS=${BENCH_NGINX_WORKERS:-1}

install_pkg() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}
command -v wrk >/dev/null 2>&1 || { echo "wrk not found: installing it with apt-get"; install_pkg wrk; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx not found: installing it with apt-get"; install_pkg nginx; }
command -v curl >/dev/null 2>&1 || { echo "curl is required" >&2; exit 1; }

WORK=$(mktemp -d -t gongkai-portal-XXXXXX)
chmod 755 "$WORK"
PIDS=()
PG_DBS=()
cleanup() {
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do wait "$pid" 2>/dev/null || true; done
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

wait_ready() {
  local url=$1 pid=$2 log=$3
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null || true)" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || { echo "process exited:" >&2; tail -30 "$log" >&2; return 1; }
    sleep 0.05
  done
  echo "not ready: $url" >&2
  tail -30 "$log" >&2
  return 1
}

# start_gongkai <name> <data-dir> <db-url or ''> <extra env...>: prints the base URL.
start_gongkai() {
  local name=$1 dir=$2 db=$3
  shift 3
  local port
  port=$(free_port)
  mkdir -p "$dir"
  env -u DATABASE_URL -u SESSION_SECRET -u DATA_KEY \
    PORT="$port" HOST=127.0.0.1 DATA_DIR="$dir" BASE_URL="http://127.0.0.1:$port" LOG_LEVEL=warn \
    SEED_DEMO=true ${db:+DATABASE_URL="$db"} "$@" \
    node bin/gongkai.js serve >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  wait_ready "http://127.0.0.1:$port/readyz" "$!" "$WORK/$name.log"
  echo "http://127.0.0.1:$port"
}

start_nginx() {
  local port=$1 root=$2 workers=$3
  cat >"$WORK/nginx-$port.conf" <<EOF
worker_processes $workers;
daemon off;
pid $WORK/nginx-$port.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { text/html html; }
  server {
    listen 127.0.0.1:$port;
    root $root;
  }
}
EOF
  "$NGINX" -c "$WORK/nginx-$port.conf" -p "$WORK" >"$WORK/nginx.log" 2>&1 &
  PIDS+=($!)
  wait_ready "http://127.0.0.1:$port/doc.html" "$!" "$WORK/nginx.log"
}

# measure <label> <url>: prints one line, sets RPS.
measure() {
  local label=$1 url=$2 out
  wrk -t2 -c10 -d2s "$url" >/dev/null 2>&1 || true # warm-up
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  RPS=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  local p99 non2xx
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ {print $2}' <<<"$out")
  printf '  %-34s %10s req/s   p99 %-8s%s\n' "$label" "$RPS" "$p99" "${non2xx:+   non-2xx: $non2xx}"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

bench_dialect() {
  local dialect=$1 db=''
  if [ "$dialect" = postgres ]; then
    db=$(node bench/pgdb.mjs create "$BENCH_DATABASE_URL")
    PG_DBS+=("$db")
  fi
  echo
  echo "== $dialect =="
  local cached uncached
  cached=$(start_gongkai "$dialect-cached" "$WORK/$dialect-data" "$db")
  # Same database, second process, cache off: every request renders.
  uncached=$(start_gongkai "$dialect-uncached" "$WORK/$dialect-data" "$db" PAGE_CACHE_ENTRIES=0)
  # The same two with WEB_PROCESSES=2 (one web process per core, node:cluster).
  local cached2 uncached2
  cached2=$(start_gongkai "$dialect-cached2" "$WORK/$dialect-data" "$db" WEB_PROCESSES=2)
  uncached2=$(start_gongkai "$dialect-uncached2" "$WORK/$dialect-data" "$db" PAGE_CACHE_ENTRIES=0 WEB_PROCESSES=2)
  local id
  id=$(curl -s "$cached/api/v1/documents?limit=1" | node -e \
    "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).items[0].id))")
  local doc="/documents/$id"
  mkdir -p "$WORK/static"
  chmod 755 "$WORK/static"
  curl -s "$cached$doc" -o "$WORK/static/doc.html"
  local bytes x
  bytes=$(wc -c <"$WORK/static/doc.html")
  x=$(curl -s -o /dev/null -D - "$cached$doc" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache" {print $2}')
  local nport nport2 sport
  nport=$(free_port)
  start_nginx "$nport" "$WORK/static" "$NGINX_WORKERS"
  nport2=$(free_port)
  start_nginx "$nport2" "$WORK/static" 2
  sport=$(free_port)
  node bench/static-node.mjs "$sport" "$WORK/static/doc.html" >"$WORK/static-node.log" 2>&1 &
  PIDS+=($!)
  wait_ready "http://127.0.0.1:$sport/" "$!" "$WORK/static-node.log"
  echo "document page $doc: $bytes bytes (second request: X-Cache $x)"
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION (2 s warm-up each):"
  echo " one process each:"
  measure "nginx static file ($NGINX_WORKERS worker)" "http://127.0.0.1:$nport/doc.html"
  local n=$RPS
  measure "node:http, same bytes (ceiling)" "http://127.0.0.1:$sport/"
  local raw=$RPS
  measure "document page, cached" "$cached$doc"
  local c=$RPS
  measure "document page, uncached" "$uncached$doc"
  local u=$RPS
  measure "catalogue /xxgk, cached" "$cached/xxgk"
  local lc=$RPS
  measure "catalogue /xxgk, uncached" "$uncached/xxgk"
  local lu=$RPS
  echo " two processes each (nginx 2 workers, WEB_PROCESSES=2):"
  measure "nginx static file (2 workers)" "http://127.0.0.1:$nport2/doc.html"
  local n2=$RPS
  measure "document page, cached" "$cached2$doc"
  local c2=$RPS
  measure "document page, uncached" "$uncached2$doc"
  local u2=$RPS
  measure "catalogue /xxgk, uncached" "$uncached2/xxgk"
  echo "ratios to nginx, one process: cached document $(ratio "$c" "$n") (goal ≥ 0.80; node:http alone" \
    "reaches $(ratio "$raw" "$n")), uncached document $(ratio "$u" "$n"), catalogue cached $(ratio "$lc" "$n")," \
    "uncached $(ratio "$lu" "$n")"
  echo "ratios to nginx, two processes: cached document $(ratio "$c2" "$n2"), uncached $(ratio "$u2" "$n2")"
  echo "uncached document page: $u req/s with one web process, $u2 with two (goal ≥ 3000)"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

echo "gongkai portal bench — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (dirty tree)')"
echo "node $(node --version), $("$NGINX" -v 2>&1 | awk -F/ '{print "nginx " $2}'), $(nproc) cores, load avg $(cut -d' ' -f1-3 /proc/loadavg)"
bench_dialect sqlite
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  bench_dialect postgres
else
  echo
  echo "(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/postgres to include it)"
fi
