#!/usr/bin/env bash
# Benchmark: orders end to end on the local stack, through the gateway. After a warm-up (same load, then drained),
# POSTs orders (a fresh Idempotency-Key each, the client API key) at a fixed concurrency, optionally paced to an
# offered rate, then waits until every order's OrderPlaced event was processed by fulfillment, notifications and
# analytics and every order left PENDING. Prints orders/s (first POST -> all done), POST latency p50/p99, delivery
# latency (order commit -> processed) per group, the outbox backlog, and the CPU time each process spent meanwhile
# (per order: the figure that carries across a busy machine), with the machine and its load average, as Markdown.
# Usage: PLATFORM_PORT_OFFSET=<n> bench/orders.sh [orders=4000] [concurrency=16] [rate/s=0: closed loop] [warm-up=20000]
#   The warm-up is long on purpose: at the tens of orders per second a cold stack serves, every JVM is still compiling
#   its hot paths after thousands of orders (a fresh gateway under 44 POST/s costs 9.4 ms of CPU per request in its
#   first 30 s and 1.6 ms after 4 min); 1,500 warm-up orders measured 43 ms of CPU per order, 20,000 measured 19 ms
#   (docs/benchmarks.md, "Orders end to end", run 5). A smaller warm-up measures the JIT, not the platform.
#   Starts the stack with ./local.sh up if it is not running (and stops it again at the end). A stack it starts gets
#   the per-key rate limit raised (RATE_LIMIT_KEY_RATE/BURST, default 5000/10000 here) so that the benchmark measures
#   the platform, not the demo limit of 100 req/s; the limits in force are read from the gateway and printed.
set -euo pipefail
cd "$(dirname "$0")/.."

OFFSET=${PLATFORM_PORT_OFFSET:-0}
ORDERS=${1:-4000}
CONCURRENCY=${2:-16}
RATE=${3:-0}
WARMUP=${4:-20000}
ORDER_PORT=$((8082 + OFFSET)) PG_PORT=$((5432 + OFFSET)) REDIS_PORT=$((6379 + OFFSET)) GATEWAY_PORT=$((8080 + OFFSET))
ADMIN_KEY=${PLATFORM_ADMIN_API_KEY:-demo-admin-key}
CLIENT_KEY=${PLATFORM_CLIENT_API_KEY:-demo-client-key}
source bench/lib.sh
find_java
PGJDBC=$(find "$HOME/.m2/repository/org/postgresql/postgresql" -name 'postgresql-42.*.jar' | sort | tail -1)

status() { curl -s -m 30 -o /dev/null -w '%{http_code}' "$1" || true; }

started_stack=no
# A stack that is running is used as it is (and left running); ./local.sh status tells, even while it is too busy to answer.
if ! PLATFORM_PORT_OFFSET=$OFFSET ./local.sh status | grep -q '^gateway-service .* healthy$'; then
  RATE_LIMIT_KEY_RATE=${RATE_LIMIT_KEY_RATE:-5000} RATE_LIMIT_KEY_BURST=${RATE_LIMIT_KEY_BURST:-10000} \
    PLATFORM_PORT_OFFSET=$OFFSET ./local.sh up >/dev/null
  started_stack=yes
fi
cleanup() {
  if [ $started_stack = yes ]; then PLATFORM_PORT_OFFSET=$OFFSET ./local.sh down >/dev/null || true; fi
}
trap cleanup EXIT

# Products of its own with stock enough for every order, created through the gateway with the admin key, so that
# every order can be CONFIRMED and the demo catalog's stock is left alone.
products=""
for i in $(seq 1 20); do
  id=$(curl -sS -m 30 --retry 3 --retry-all-errors -X POST "http://127.0.0.1:$GATEWAY_PORT/api/products" -H "X-API-Key: $ADMIN_KEY" \
        -H 'Content-Type: application/json' \
        -d "{\"sku\":\"BENCH-$(date +%s%N)-$i\",\"name\":\"Bench product $i\",\"description\":\"orders benchmark\",\"priceCents\":$((100 * i)),\"currency\":\"EUR\",\"stock\":1000000}" \
        | sed -n 's/.*"id":"\([0-9a-f-]\{36\}\)".*/\1/p')
  [ -n "$id" ] || { echo "could not create a benchmark product through the gateway" >&2; exit 1; }
  products="$products${products:+,}$id"
done
limits=$(rate_limit_in_force "http://127.0.0.1:$GATEWAY_PORT/api/orders?customerId=bench-0&limit=1" "$CLIENT_KEY")

echo "## Orders end to end (gateway -> order-service -> outbox -> Kafka -> worker groups)"
echo
echo "$(machine_line)"
echo "Measured: $(date -u +%Y-%m-%dT%H:%MZ), load average before the run: $(load_average)"
echo "Path: client -> gateway (:$GATEWAY_PORT, X-API-Key of the client role) -> order-service; product lookups by the real product-service (2 instances); rate limit per key in force: $limits."
echo "Orders: $ORDERS after $WARMUP warm-up orders (same load; the pipeline drained before measuring), concurrency $CONCURRENCY, $([ "$RATE" = 0 ] && echo "closed loop" || echo "offered rate $RATE/s"), 1-3 lines each."
echo "JVM options of the services: ${SERVICE_JAVA_OPTS:-local.sh defaults}"
echo

# The processes whose CPU time is counted: by the pids ./local.sh recorded; PostgreSQL with all its backends.
pid() { cat ".local/run/$1.pid"; }
server_pid() { awk -v s="$1" '$1 == s {print $2}' .local/run/devstack-servers.pids; }
processes="gateway-service=$(pid gateway-service),order-service=$(pid order-service)"
processes="$processes,product-service-1=$(pid product-service-1),product-service-2=$(pid product-service-2)"
processes="$processes,worker-service=$(pid worker-service),PostgreSQL primary (process tree)=$(server_pid postgres-primary):tree"
processes="$processes,PostgreSQL standby (process tree)=$(server_pid postgres-standby):tree,Kafka broker=$(server_pid kafka)"
processes="$processes,Redis=$(server_pid redis),devstack supervisor=$(pid devstack),load client (this benchmark's JVM)=self"
"$JAVA" -cp "$PGJDBC" bench/OrdersBench.java "http://127.0.0.1:$GATEWAY_PORT" "http://127.0.0.1:$ORDER_PORT" \
  "$PG_PORT" "$REDIS_PORT" "$ORDERS" "$CONCURRENCY" "$products" "$CLIENT_KEY" "$WARMUP" "$RATE" "$processes"
