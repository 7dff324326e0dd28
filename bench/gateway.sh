#!/usr/bin/env bash
# Benchmark: throughput and p50/p99 latency through the gateway vs directly, same run, same client (wrk), same
# connections, on two paths:
#   fast path   GET /api/products/{id} on product-service-1: a cached product (X-Cache: HIT, from the L1 after the
#               warm-up), the cheapest real endpoint, so the gateway's own cost shows most
#   50 ms path  GET /api/analytics/top-products on a delay server started here (bench/DelayServer.java: answers
#               after 50 ms with a 30 KB body, like Spring Cloud Gateway's published benchmark backend)
# The gateway measured is a second gateway-service JVM started by this script from the same jar, with the same
# configuration and JVM flags as ./local.sh, except: rate limits raised (the contract's 500 req/s anonymous limit
# would otherwise be what we measure), both product-service instance URLs pointed at product-service-1 (gateway
# and direct hit the same single backend), and worker-service pointed at the delay server.
#
# Usage: start the local stack first (./local.sh up, or PLATFORM_PORT_OFFSET=1000 ./local.sh up), then
#   bench/gateway.sh                      (ports from PLATFORM_PORT_OFFSET, default 0)
# Tunables (env): CONNECTIONS=50 THREADS=2 DURATION=15s WARMUP=30s BENCH_RATE_LIMIT=1000000
#                 PRODUCT_PORT, REDIS_PORT, BENCH_GATEWAY_PORT, BENCH_GATEWAY_MANAGEMENT_PORT, DELAY_PORT
set -euo pipefail
cd "$(dirname "$0")/.."

OFFSET=${PLATFORM_PORT_OFFSET:-0}
PRODUCT_PORT=${PRODUCT_PORT:-$((8081 + OFFSET))}
REDIS_PORT=${REDIS_PORT:-$((6379 + OFFSET))}
BENCH_GATEWAY_PORT=${BENCH_GATEWAY_PORT:-$((8070 + OFFSET))}
BENCH_GATEWAY_MANAGEMENT_PORT=${BENCH_GATEWAY_MANAGEMENT_PORT:-$((8170 + OFFSET))}
DELAY_PORT=${DELAY_PORT:-$((8079 + OFFSET))}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-30s}   # the measured gateway is a fresh JVM: give its JIT time, as the long-running backend had
DELAY_MS=${DELAY_MS:-50}
DELAY_BODY_BYTES=${DELAY_BODY_BYTES:-30720}
BENCH_RATE_LIMIT=${BENCH_RATE_LIMIT:-1000000}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-"-XX:+UseSerialGC -Xms32m -Xmx192m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m -Xss512k -XX:+ExitOnOutOfMemoryError"}
LOG_DIR=.local/logs
mkdir -p "$LOG_DIR"

die() { printf 'bench/gateway.sh: %s\n' "$*" >&2; exit 1; }

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    die "wrk is not installed (Debian/Ubuntu: sudo apt-get install wrk; macOS: brew install wrk)"
  fi
fi

JAVA=
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/java-25*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | head -1 | grep -q 'version "25'; then
    JAVA=$candidate/bin/java; export JAVA_HOME=$candidate; break
  fi
done
[ -n "$JAVA" ] || die "no JDK 25 found: set JAVA_HOME"

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }
[ "$(status_of "http://127.0.0.1:$PRODUCT_PORT/api/products?limit=1")" = 200 ] \
  || die "product-service-1 is not answering on :$PRODUCT_PORT; start the stack first (PLATFORM_PORT_OFFSET=$OFFSET ./local.sh up)"

JAR=gateway-service/target/gateway-service.jar
if [ ! -f "$JAR" ]; then
  ./mvnw -B -q -pl gateway-service -am -DskipTests package >"$LOG_DIR/bench-build.log" 2>&1 || die "build failed: $LOG_DIR/bench-build.log"
fi

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

"$JAVA" -XX:+UseSerialGC -Xmx128m bench/DelayServer.java "$DELAY_PORT" "$DELAY_MS" "$DELAY_BODY_BYTES" >"$LOG_DIR/bench-delay-server.log" 2>&1 &
PIDS+=($!)

GATEWAY_PORT=$BENCH_GATEWAY_PORT GATEWAY_MANAGEMENT_PORT=$BENCH_GATEWAY_MANAGEMENT_PORT \
PRODUCT_SERVICE_1_URL=http://127.0.0.1:$PRODUCT_PORT PRODUCT_SERVICE_2_URL=http://127.0.0.1:$PRODUCT_PORT \
WORKER_SERVICE_URL=http://127.0.0.1:$DELAY_PORT ORDER_SERVICE_URL=http://127.0.0.1:$DELAY_PORT \
REDIS_HOST=127.0.0.1 REDIS_PORT=$REDIS_PORT \
RATE_LIMIT_ANONYMOUS_RATE=$BENCH_RATE_LIMIT RATE_LIMIT_ANONYMOUS_BURST=$BENCH_RATE_LIMIT \
RATE_LIMIT_KEY_RATE=$BENCH_RATE_LIMIT RATE_LIMIT_KEY_BURST=$BENCH_RATE_LIMIT \
  "$JAVA" $SERVICE_JAVA_OPTS -jar "$JAR" >"$LOG_DIR/bench-gateway.log" 2>&1 &
PIDS+=($!)

for _ in $(seq 1 120); do
  [ "$(status_of "http://127.0.0.1:$BENCH_GATEWAY_MANAGEMENT_PORT/actuator/health/readiness")" = 200 ] \
    && [ "$(status_of "http://127.0.0.1:$DELAY_PORT/actuator/health")" = 200 ] && break
  sleep 1
done
[ "$(status_of "http://127.0.0.1:$BENCH_GATEWAY_PORT/api/analytics/top-products")" = 200 ] || die "bench gateway not routing; see $LOG_DIR/bench-gateway.log"
[ "$(status_of "http://127.0.0.1:$BENCH_GATEWAY_PORT/api/products?limit=1")" = 200 ] || die "bench gateway not routing; see $LOG_DIR/bench-gateway.log"

to_ms() { # wrk latency like 812.00us, 3.21ms, 1.02s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

declare -A RPS P50 P99 ERR
measure() { # key url
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$2" >/dev/null 2>&1 || true
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2")
  RPS[$1]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  P50[$1]=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  P99[$1]=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  local non2xx errors
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out"); errors=$(awk '/Socket errors:/ {print}' <<<"$out")
  ERR[$1]="${non2xx:-0}${errors:+ ($errors)}"
}

PRODUCT_ID=$(curl -s "http://127.0.0.1:$PRODUCT_PORT/api/products?limit=1" | sed -n 's/.*"id":"\([0-9a-f-]\{36\}\)".*/\1/p')
[ -n "$PRODUCT_ID" ] || die "no product in the catalog to read"
FAST_PATH=/api/products/$PRODUCT_ID
curl -s -o /dev/null "http://127.0.0.1:$PRODUCT_PORT$FAST_PATH"
FAST_CACHE=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PRODUCT_PORT$FAST_PATH" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache" {print $2}')

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
measure fast-direct  "http://127.0.0.1:$PRODUCT_PORT$FAST_PATH"
measure fast-gateway "http://127.0.0.1:$BENCH_GATEWAY_PORT$FAST_PATH"
measure slow-direct  "http://127.0.0.1:$DELAY_PORT/api/analytics/top-products"
measure slow-gateway "http://127.0.0.1:$BENCH_GATEWAY_PORT/api/analytics/top-products"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }

echo "## Gateway vs direct"
echo
echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sm), $("$JAVA" -version 2>&1 | head -1 | tr -d '"')"
echo "Measured: $(date -u +%Y-%m-%dT%H:%MZ); load average before/after: $LOAD_BEFORE / $LOAD_AFTER"
echo "Client: $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), -t$THREADS -c$CONNECTIONS, $WARMUP warm-up then $DURATION per row, on the same machine"
echo "Rate limits in force on the measured gateway: $BENCH_RATE_LIMIT req/s, burst $BENCH_RATE_LIMIT (anonymous and per key; raised via RATE_LIMIT_* env for the run, contract defaults 500/1000 anonymous, 100/200 per key)"
echo
echo "| path | target | req/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---|---:|---:|---:|---:|"
echo "| GET /api/products/{id} (X-Cache: $FAST_CACHE) | direct (product-service-1) | ${RPS[fast-direct]} | ${P50[fast-direct]} | ${P99[fast-direct]} | ${ERR[fast-direct]} |"
echo "| GET /api/products/{id} (X-Cache: $FAST_CACHE) | through gateway | ${RPS[fast-gateway]} | ${P50[fast-gateway]} | ${P99[fast-gateway]} | ${ERR[fast-gateway]} |"
echo "| ${DELAY_MS} ms backend, ${DELAY_BODY_BYTES} B | direct (delay server) | ${RPS[slow-direct]} | ${P50[slow-direct]} | ${P99[slow-direct]} | ${ERR[slow-direct]} |"
echo "| ${DELAY_MS} ms backend, ${DELAY_BODY_BYTES} B | through gateway | ${RPS[slow-gateway]} | ${P50[slow-gateway]} | ${P99[slow-gateway]} | ${ERR[slow-gateway]} |"
echo
echo "| path | gateway/direct throughput | goal | published SCG figure |"
echo "|---|---:|---:|---:|"
echo "| fast path | $(ratio "${RPS[fast-gateway]}" "${RPS[fast-direct]}") | >= 0.5x | 0.28x |"
echo "| ${DELAY_MS} ms path | $(ratio "${RPS[slow-gateway]}" "${RPS[slow-direct]}") | >= 0.9x | 0.85x |"
