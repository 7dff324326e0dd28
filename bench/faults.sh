#!/usr/bin/env bash
# Orders under faults: a steady order load through the gateway while, one at a time with recovery in between,
# worker-service, order-service, product-service-1 and the Kafka broker are killed (-9) and started again, Redis is
# restarted, and the PostgreSQL standby and Redis are frozen and resumed (./local.sh kill|stop|start|freeze|resume).
# Afterwards it checks from the databases, Redis and the APIs that every order answered 201 reached exactly one final
# state, that each consumer group applied each order once (one notification, analytics counted once, stock
# decremented once per CONFIRMED order) and that no 5xx other than 503 with Retry-After was answered, and prints a
# Markdown table per fault. Exit status 0 only if nothing was lost or duplicated.
# Usage: PLATFORM_PORT_OFFSET=<n> bench/faults.sh [--quick] [--rate N] [--duration S] [--settle S] [--faults a,b,...]
#   default: 50 orders/s for 180 s, faults worker-service,order-service,product-service-1,kafka,redis-restart,
#            standby-freeze,redis-freeze (each fault waits for the previous one's recovery, so a slow machine runs longer)
#   --quick: one fault of each kind (kill -9 of a service, kill -9 of the broker, a Redis restart, a freeze) at
#            10 orders/s for 60 s, for CI (not yet timed: the time is 60 s of load plus each restart and the settle)
#   Starts the stack with ./local.sh up if it is not running (and stops it again at the end); a stack it starts gets the
#   per-key rate limit raised (RATE_LIMIT_KEY_RATE/BURST, default 5000/10000) so the load is not throttled.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=50 DURATION=180 SETTLE=600
FAULTS=worker-service,order-service,product-service-1,kafka,redis-restart,standby-freeze,redis-freeze
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) RATE=10 DURATION=60 SETTLE=120 FAULTS=worker-service,kafka,redis-restart,standby-freeze ;;
    --rate) RATE=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --settle) SETTLE=$2; shift ;;
    --faults) FAULTS=$2; shift ;;
    *) echo "usage: bench/faults.sh [--quick] [--rate N] [--duration S] [--settle S] [--faults a,b,...]" >&2; exit 2 ;;
  esac
  shift
done

OFFSET=${PLATFORM_PORT_OFFSET:-0}
export PLATFORM_PORT_OFFSET=$OFFSET
# How long ./local.sh start may wait for a restarted service to be healthy (a loaded machine starts JVMs slowly).
export STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-600}
PG_PORT=$((5432 + OFFSET)) REDIS_PORT=$((6379 + OFFSET)) GATEWAY_PORT=$((8080 + OFFSET))
ADMIN_KEY=${PLATFORM_ADMIN_API_KEY:-demo-admin-key}
CLIENT_KEY=${PLATFORM_CLIENT_API_KEY:-demo-client-key}
source bench/lib.sh
find_java
PGJDBC=$(find "$HOME/.m2/repository/org/postgresql/postgresql" -name 'postgresql-42.*.jar' | sort | tail -1)

status() { curl -s -o /dev/null -w '%{http_code}' "$1" || true; }

started_stack=no
if [ "$(status "http://127.0.0.1:$GATEWAY_PORT/api/products?limit=1")" != 200 ]; then
  RATE_LIMIT_KEY_RATE=${RATE_LIMIT_KEY_RATE:-5000} RATE_LIMIT_KEY_BURST=${RATE_LIMIT_KEY_BURST:-10000} ./local.sh up >/dev/null
  started_stack=yes
fi
cleanup() {
  if [ $started_stack = yes ]; then ./local.sh down >/dev/null || true; fi
}
trap cleanup EXIT
limits=$(rate_limit_in_force "http://127.0.0.1:$GATEWAY_PORT/api/orders?customerId=faults-0&limit=1" "$CLIENT_KEY")

echo "## Orders under faults"
echo
echo "$(machine_line)"
echo "Measured: $(date -u +%Y-%m-%dT%H:%MZ), load average before the run: $(load_average)"
echo "Path: client -> gateway (:$GATEWAY_PORT, client key; rate limit per key in force: $limits) -> order-service -> outbox -> Kafka -> fulfillment, notifications, analytics."
echo "Command: bench/faults.sh --rate $RATE --duration $DURATION --settle $SETTLE --faults $FAULTS"
echo
result=0
"$JAVA" -cp "$PGJDBC" bench/FaultsBench.java "http://127.0.0.1:$GATEWAY_PORT" "$PG_PORT" "$REDIS_PORT" "$CLIENT_KEY" "$ADMIN_KEY" \
  "$RATE" "$DURATION" "$SETTLE" "$FAULTS" || result=$?
echo
echo "Load average after the run: $(load_average)"
exit $result
