#!/usr/bin/env bash
# Benchmark: the product cache. (a) DB loads per hot-key invalidation, protected vs naive in the same run;
# (b) hit ratio under Zipf(1.0); (c) p50/p99 of a cached GET vs a trivial endpoint, and a raw Redis read;
# (d) DB queries and execution time per 1,000 reads, cache on vs off; (e) throughput and CPU per cached GET of
# product-service-1 under wrk -t1 -c50 (30 s warm-up, 15 s measured). Prints a Markdown section with the machine.
#
# Usage: PLATFORM_PORT_OFFSET=2000 bench/cache.sh
#   Uses the local stack at that offset (starts it with ./local.sh up if it is not running, and stops it again
#   afterwards), and starts three more product-service JVMs beside it: two in NAIVE mode, one with the cache OFF.
set -euo pipefail
cd "$(dirname "$0")/.."

OFFSET=${PLATFORM_PORT_OFFSET:-0}
port() { echo $(($1 + OFFSET)); }
source bench/lib.sh
find_java

PROTECTED_1=$(port 8081) PROTECTED_2=$(port 8091)
NAIVE_1=$(port 8085) NAIVE_2=$(port 8095) CACHE_OFF=$(port 8086)
PG=$(port 5432) PG_STANDBY=$(port 5433) REDIS=$(port 6379)
LOG_DIR=.local/logs

started_stack=no
if ! ./local.sh status 2>/dev/null | grep -q '^product-service-1 .* healthy$'; then
  ./local.sh up >/dev/null
  started_stack=yes
fi
mkdir -p "$LOG_DIR"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$started_stack" = yes ]; then ./local.sh down >/dev/null; fi
}
trap cleanup EXIT

start_instance() { # name port mode
  DB_URL="jdbc:postgresql://127.0.0.1:$PG/products" DB_REPLICA_URL="jdbc:postgresql://127.0.0.1:$PG_STANDBY/products" \
  PLATFORM_TOKEN_ISSUER=http://localhost:$(port 9000) PLATFORM_JWK_SET_URI=http://127.0.0.1:$(port 9000)/oauth2/jwks \
  REDIS_HOST=127.0.0.1 REDIS_PORT=$REDIS PRODUCT_FLYWAY_LOCATIONS=classpath:db/migration,classpath:db/demo INSTANCE_NAME=$1 SERVER_PORT=$2 PRODUCT_CACHE_MODE=$3 \
    "$JAVA" -XX:+UseSerialGC -Xmx192m -jar product-service/target/product-service.jar >"$LOG_DIR/bench-$1.log" 2>&1 &
  pids+=($!)
}
start_instance bench-naive-1 "$NAIVE_1" NAIVE
start_instance bench-naive-2 "$NAIVE_2" NAIVE
start_instance bench-cache-off "$CACHE_OFF" OFF
i=0
for p in "$NAIVE_1" "$NAIVE_2" "$CACHE_OFF"; do
  for _ in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/actuator/health/readiness")" = 200 ] && break
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "a benchmark instance on port $p exited; see $LOG_DIR/bench-*.log" >&2; exit 1; }
    sleep 1
  done
  i=$((i + 1))
done

PGJDBC=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
echo "$(machine_line); load average before the run: $(load_average)"
echo "Measured: $(date -u +%Y-%m-%dT%H:%MZ)"
echo
# Product writes need an admin token: the admin API key's client at auth-service (client credentials).
BENCH_ADMIN_TOKEN=$(curl -s -u "api-key-admin:${PLATFORM_ADMIN_API_KEY:-demo-admin-key}" -d grant_type=client_credentials \
  "http://127.0.0.1:$(port 9000)/oauth2/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$BENCH_ADMIN_TOKEN" ] || { echo "bench/cache.sh: no admin token from auth-service on port $(port 9000)" >&2; exit 1; }
export BENCH_ADMIN_TOKEN
"$JAVA" -cp "$PGJDBC" bench/CacheBench.java "$PROTECTED_1" "$PROTECTED_2" "$NAIVE_1" "$NAIVE_2" "$CACHE_OFF" "$REDIS" "$PG" "$PG_STANDBY"

# (e) The cached read's cost: product-service-1 answering one cached product (its L1) as fast as wrk asks.
PRODUCT_PID=$(cat .local/run/product-service-1.pid)
CACHED=http://127.0.0.1:$PROTECTED_1/api/products/$(curl -s "http://127.0.0.1:$PROTECTED_1/api/products?limit=1" \
  | sed -n 's/.*"id":"\([0-9a-f-]\{36\}\)".*/\1/p')
wrk -t1 -c50 -d30s "$CACHED" >/dev/null 2>&1
before=$(cpu_ticks "$PRODUCT_PID")
out=$(wrk -t1 -c50 -d15s --latency "$CACHED")
after=$(cpu_ticks "$PRODUCT_PID")
requests=$(awk '/requests in/ {print $1}' <<<"$out")
echo
echo "### (e) Throughput and CPU per cached GET, product-service-1 directly (wrk -t1 -c50, 30 s warm-up, 15 s)"
echo
echo "| req/s | p50 | p99 | CPU us per GET (product-service-1) | non-2xx | load avg (1 min) |"
echo "|---:|---:|---:|---:|---:|---:|"
echo "| $(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out") | $(awk '$1 == "50%" {print $2}' <<<"$out") |" \
  "$(awk '$1 == "99%" {print $2}' <<<"$out") |" \
  "$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }') |" \
  "$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out" | grep . || echo 0) | $(cut -d' ' -f1 /proc/loadavg) |"
