#!/usr/bin/env bash
# Benchmark: orders end to end on the local stack. POSTs orders (a fresh Idempotency-Key each) at a fixed
# concurrency, then waits until every order's OrderPlaced event was processed by fulfillment, notifications and
# analytics. Prints orders/s (first POST -> last group done), POST latency p50/p99, delivery latency (order commit ->
# processed) per group and the outbox backlog sampled during the run, as Markdown.
# Usage: PLATFORM_PORT_OFFSET=<n> bench/orders.sh [orders=2000] [concurrency=16]
#   Starts the stack with ./local.sh up if it is not running (and stops it again at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

OFFSET=${PLATFORM_PORT_OFFSET:-0}
ORDERS=${1:-2000}
CONCURRENCY=${2:-16}
ORDER_PORT=$((8082 + OFFSET)) PG_PORT=$((5432 + OFFSET)) REDIS_PORT=$((6379 + OFFSET))
P1_PORT=$((8081 + OFFSET)) P2_PORT=$((8091 + OFFSET)) GATEWAY_PORT=$((8080 + OFFSET))
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25*; do
  [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -q 'version "25' && JAVA=$candidate/bin/java && break
done
: "${JAVA:?no JDK 25 found; set JAVA_HOME}"
PGJDBC=$(find "$HOME/.m2/repository/org/postgresql/postgresql" -name 'postgresql-42.*.jar' | sort | tail -1)

status() { curl -s -o /dev/null -w '%{http_code}' "$1" || true; }

started_stack=no
if [ "$(status "http://127.0.0.1:$ORDER_PORT/actuator/health/readiness")" != 200 ]; then
  PLATFORM_PORT_OFFSET=$OFFSET ./local.sh up >/dev/null
  started_stack=yes
fi
stubs=()
cleanup() {
  for pid in "${stubs[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ $started_stack = yes ] || [ ${#stubs[@]} -gt 0 ]; then PLATFORM_PORT_OFFSET=$OFFSET ./local.sh down >/dev/null || true; fi
}
trap cleanup EXIT

# product-service's internal API (batch lookup, stock reservation) is built on another branch; until it has landed,
# the two product-service instances are replaced by a stand-in implementing docs/internal-api.md in memory.
probe=$(status "http://127.0.0.1:$P1_PORT/internal/products?ids=$(cat /proc/sys/kernel/random/uuid)")
if [ "$probe" = 200 ]; then
  products=$(curl -s "http://127.0.0.1:$P1_PORT/api/products?limit=20" | jq -r '[.items[].id] | join(",")')
  product_note="real product-service (2 instances)"
else
  for name in product-service-1 product-service-2; do
    kill "$(cat .local/run/$name.pid)" 2>/dev/null || true
  done
  sleep 3
  for port in $P1_PORT $P2_PORT; do
    "$JAVA" bench/ProductServiceStub.java "$port" >".local/logs/bench-product-stub-$port.log" 2>&1 &
    stubs+=($!)
  done
  until [ "$(status "http://127.0.0.1:$P1_PORT/internal/products?ids=$(cat /proc/sys/kernel/random/uuid)")" = 200 ] \
     && [ "$(status "http://127.0.0.1:$P2_PORT/internal/products?ids=$(cat /proc/sys/kernel/random/uuid)")" = 200 ]; do sleep 0.5; done
  products=$(sed -n 's/.*: //p' ".local/logs/bench-product-stub-$P1_PORT.log" | head -1)
  product_note="bench/ProductServiceStub.java x2 (product-service's /internal API not on this branch yet)"
fi

# The gateway's /api/orders route, API keys and rate limits are built on another branch; until they land here the
# benchmark calls order-service directly (so no auth and no rate limit apply).
target="http://127.0.0.1:$ORDER_PORT"
route_note="direct to order-service (no gateway /api/orders route on this branch yet): no auth, no rate limit"

echo "## Orders end to end (order-service -> outbox -> Kafka -> worker groups)"
echo
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sm), $("$JAVA" -version 2>&1 | head -1 | tr -d '"')"
echo "Measured: $(date -u +%Y-%m-%dT%H:%MZ), load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Path: $route_note. Product lookups: $product_note."
echo "Orders: $ORDERS after 50 warm-up, concurrency $CONCURRENCY, 1-3 lines each."
echo
"$JAVA" -cp "$PGJDBC" bench/OrdersBench.java "$target" "$PG_PORT" "$REDIS_PORT" "$ORDERS" "$CONCURRENCY" "$products"
