#!/usr/bin/env bash
# Benchmark: throughput, p50/p99 latency and CPU per request through the gateway vs directly, and vs an unmodified
# Spring Cloud Gateway, same run, same client (wrk), same connections, on two paths:
#   fast path   GET /api/products/{id} on product-service-1: a cached product (X-Cache: HIT, from the L1 after the
#               warm-up), the cheapest real endpoint, so the gateway's own cost shows most
#   50 ms path  GET /api/analytics/top-products on a delay server started here (bench/DelayServer.java: answers
#               after 50 ms with a 30 KB body, like Spring Cloud Gateway's published benchmark backend)
# Three targets per path:
#   direct         the backend itself (product-service-1 of the running stack, or the delay server)
#   stock SCG      bench/stock-gateway: Spring Cloud Gateway as it comes (same Boot/Cloud/gateway versions, one
#                  route per path, no filters), built here with ./mvnw -f (not part of the root reactor)
#   gateway        a second gateway-service JVM started here from the same jar, with the same configuration as
#                  ./local.sh, except: rate limits raised (the contract's 500 req/s anonymous limit would otherwise
#                  be what we measure), both product-service instance URLs pointed at product-service-1 (every
#                  target hits the same single backend), and worker-service pointed at the delay server
# Both gateways run with the same JVM flags as ./local.sh's services (SERVICE_JAVA_OPTS).
# CPU per request = the target process's CPU time (utime + stime from /proc/<pid>/stat) over the measured window,
# divided by the requests wrk completed in it. On a shared machine throughput moves with the load; CPU per request
# hardly does, so that is the figure to compare (the load average is printed beside it).
#
# Usage: start the local stack first (./local.sh up, or PLATFORM_PORT_OFFSET=1000 ./local.sh up), then
#   bench/gateway.sh                      (ports from PLATFORM_PORT_OFFSET, default 0)
# Tunables (env): CONNECTIONS=50 THREADS=1 DURATION=15s WARMUP=30s BENCH_RATE_LIMIT=1000000
#                 GATEWAY_WARMUP (default WARMUP): warm-up of the gateway-service rows only. Its JIT needs ~90 s of
#                 load on 2 cores before C2 stops compiling (docs/benchmarks.md); with 30 s its CPU per request
#                 still carries compilation, which the stock gateway (more requests per second, less code) is done with
#                 ROWS="fast-direct fast-stock fast-gateway slow-direct slow-stock slow-gateway" (a subset to rerun)
#                 BENCH_JFR=1 records a JFR profile of the measured gateway (.local/logs/bench-gateway.jfr)
#                 GATEWAY_EXTRA_OPTS (extra JVM options for the measured gateway), GATEWAY_JAR (another build of it)
#                 COMPARE="label|jar|jvm options;..." more gateway-service JVMs (other builds or settings) measured in
#                 the same run, rows fast-<label> and slow-<label>, e.g.
#                 COMPARE="before|/tmp/old.jar|;sampled|gateway-service/target/gateway-service.jar|-Dmanagement.tracing.sampling.probability=0.1"
#                 ROWS="... fast-before fast-sampled"
#                 BENCH_STARTUP_TIMEOUT=600 (seconds for every JVM to answer; a loaded 2-core machine is slow)
#                 PRODUCT_PORT, REDIS_PORT, BENCH_GATEWAY_PORT, BENCH_GATEWAY_MANAGEMENT_PORT, STOCK_GATEWAY_PORT,
#                 DELAY_PORT
set -euo pipefail
cd "$(dirname "$0")/.."

OFFSET=${PLATFORM_PORT_OFFSET:-0}
PRODUCT_PORT=${PRODUCT_PORT:-$((8081 + OFFSET))}
REDIS_PORT=${REDIS_PORT:-$((6379 + OFFSET))}
BENCH_GATEWAY_PORT=${BENCH_GATEWAY_PORT:-$((8070 + OFFSET))}
BENCH_GATEWAY_MANAGEMENT_PORT=${BENCH_GATEWAY_MANAGEMENT_PORT:-$((8170 + OFFSET))}
STOCK_GATEWAY_PORT=${STOCK_GATEWAY_PORT:-$((8071 + OFFSET))}
DELAY_PORT=${DELAY_PORT:-$((8079 + OFFSET))}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-1}   # one wrk thread: on 2 cores every core wrk takes is taken from the targets
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-30s}   # each gateway is a fresh JVM: give its JIT time, as the long-running backend had
GATEWAY_WARMUP=${GATEWAY_WARMUP:-$WARMUP}
DELAY_MS=${DELAY_MS:-50}
DELAY_BODY_BYTES=${DELAY_BODY_BYTES:-30720}
BENCH_RATE_LIMIT=${BENCH_RATE_LIMIT:-1000000}
# fast-*-key / fast-*-jwt: the same GET with an X-API-Key or a bearer token (the credential rows: what checking a
# caller costs the gateway, and product-service, on a path that is otherwise public).
ROWS=${ROWS:-"fast-direct fast-direct-jwt fast-stock fast-gateway fast-gateway-key fast-gateway-jwt slow-direct slow-stock slow-gateway"}
AUTH_PORT=${AUTH_PORT:-$((9000 + OFFSET))}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-"-XX:+UseSerialGC -Xms32m -Xmx192m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m -Xss512k -XX:+ExitOnOutOfMemoryError"}
GATEWAY_EXTRA_OPTS=${GATEWAY_EXTRA_OPTS:-}
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
[ -r /proc/self/stat ] || die "CPU per request is read from /proc/<pid>/stat: Linux only"

source bench/lib.sh
find_java || exit 1

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }
[ "$(status_of "http://127.0.0.1:$PRODUCT_PORT/api/products?limit=1")" = 200 ] \
  || die "product-service-1 is not answering on :$PRODUCT_PORT; start the stack first (PLATFORM_PORT_OFFSET=$OFFSET ./local.sh up)"

pid_on_port() { # the pid of the process listening on a local TCP port
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1
}
PRODUCT_PID=$(pid_on_port "$PRODUCT_PORT")
[ -n "$PRODUCT_PID" ] || PRODUCT_PID=$(cat ".local/run/product-service-1.pid" 2>/dev/null || true)
[ -n "$PRODUCT_PID" ] || die "cannot find the pid of product-service-1 (port $PRODUCT_PORT) for its CPU time"

JAR=${GATEWAY_JAR:-gateway-service/target/gateway-service.jar}
if [ ! -f "$JAR" ]; then
  ./mvnw -B -q -pl gateway-service -am -DskipTests package >"$LOG_DIR/bench-build.log" 2>&1 || die "build failed: $LOG_DIR/bench-build.log"
fi
STOCK_JAR=bench/stock-gateway/target/stock-gateway.jar
if [ ! -f "$STOCK_JAR" ] || [ -n "$(find bench/stock-gateway/pom.xml bench/stock-gateway/src -newer "$STOCK_JAR" -type f -print -quit)" ]; then
  ./mvnw -B -q -f bench/stock-gateway/pom.xml -DskipTests package >"$LOG_DIR/bench-stock-build.log" 2>&1 \
    || die "stock gateway build failed: $LOG_DIR/bench-stock-build.log"
fi

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

"$JAVA" -XX:+UseSerialGC -Xmx128m bench/DelayServer.java "$DELAY_PORT" "$DELAY_MS" "$DELAY_BODY_BYTES" >"$LOG_DIR/bench-delay-server.log" 2>&1 &
DELAY_PID=$!; PIDS+=($DELAY_PID)

JFR_OPTS=
[ "${BENCH_JFR:-0}" = 1 ] && JFR_OPTS="-XX:StartFlightRecording=filename=$LOG_DIR/bench-gateway.jfr,settings=profile,dumponexit=true"
start_gateway() { # port management-port jar log jvm-options...
  local port=$1 management=$2 jar=$3 log=$4; shift 4
  GATEWAY_PORT=$port GATEWAY_MANAGEMENT_PORT=$management \
  PRODUCT_SERVICE_1_URL=http://127.0.0.1:$PRODUCT_PORT PRODUCT_SERVICE_2_URL=http://127.0.0.1:$PRODUCT_PORT \
  WORKER_SERVICE_URL=http://127.0.0.1:$DELAY_PORT ORDER_SERVICE_URL=http://127.0.0.1:$DELAY_PORT \
  REDIS_HOST=127.0.0.1 REDIS_PORT=$REDIS_PORT \
  RATE_LIMIT_ANONYMOUS_RATE=$BENCH_RATE_LIMIT RATE_LIMIT_ANONYMOUS_BURST=$BENCH_RATE_LIMIT \
  RATE_LIMIT_KEY_RATE=$BENCH_RATE_LIMIT RATE_LIMIT_KEY_BURST=$BENCH_RATE_LIMIT \
  SPRING_PROFILES_ACTIVE=demo PLATFORM_TOKEN_ISSUER=http://localhost:$AUTH_PORT \
  PLATFORM_JWK_SET_URI=http://127.0.0.1:$AUTH_PORT/oauth2/jwks PLATFORM_TOKEN_URI=http://127.0.0.1:$AUTH_PORT/oauth2/token \
    "$JAVA" $SERVICE_JAVA_OPTS "$@" -jar "$jar" >"$log" 2>&1 &
}
# shellcheck disable=SC2086
start_gateway "$BENCH_GATEWAY_PORT" "$BENCH_GATEWAY_MANAGEMENT_PORT" "$JAR" "$LOG_DIR/bench-gateway.log" $JFR_OPTS $GATEWAY_EXTRA_OPTS
GATEWAY_PID=$!; PIDS+=($GATEWAY_PID)
GATEWAY_PORTS=("$BENCH_GATEWAY_PORT")
MANAGEMENT_PORTS=("$BENCH_GATEWAY_MANAGEMENT_PORT")

declare -A URL PID_OF NAME
COMPARE_LABELS=()
if [ -n "${COMPARE:-}" ]; then
  IFS=';' read -r -a compares <<<"$COMPARE"
  i=0
  for compare in "${compares[@]}"; do
    IFS='|' read -r label jar opts <<<"$compare"
    [ -f "$jar" ] || die "COMPARE: no jar $jar"
    i=$((i + 1))
    # Below the measured gateway's ports: above them lie the services' own (8081 = product-service-1).
    port=$((BENCH_GATEWAY_PORT - 10 - i)); management=$((BENCH_GATEWAY_MANAGEMENT_PORT - 10 - i))
    # shellcheck disable=SC2086
    start_gateway "$port" "$management" "$jar" "$LOG_DIR/bench-gateway-$label.log" $opts
    PID_OF[fast-$label]=$!; PID_OF[slow-$label]=$!; PIDS+=($!)
    URL[fast-$label]=http://127.0.0.1:$port; URL[slow-$label]=http://127.0.0.1:$port
    NAME[fast-$label]="gateway-service ($label)"; NAME[slow-$label]="gateway-service ($label)"
    GATEWAY_PORTS+=("$port"); MANAGEMENT_PORTS+=("$management"); COMPARE_LABELS+=("$label")
  done
fi

STOCK_GATEWAY_PORT=$STOCK_GATEWAY_PORT PRODUCT_SERVICE_URL=http://127.0.0.1:$PRODUCT_PORT WORKER_SERVICE_URL=http://127.0.0.1:$DELAY_PORT \
  "$JAVA" $SERVICE_JAVA_OPTS -jar "$STOCK_JAR" >"$LOG_DIR/bench-stock-gateway.log" 2>&1 &
STOCK_PID=$!; PIDS+=($STOCK_PID)

routes_answer() { # port: both benchmarked routes answer 200 (the first requests may time out on a loaded machine)
  [ "$(status_of "http://127.0.0.1:$1/api/analytics/top-products")" = 200 ] && [ "$(status_of "http://127.0.0.1:$1/api/products?limit=1")" = 200 ]
}
deadline=$((SECONDS + ${BENCH_STARTUP_TIMEOUT:-600}))
pending=("${GATEWAY_PORTS[@]}" "$STOCK_GATEWAY_PORT")
until [ ${#pending[@]} -eq 0 ] && [ "$(status_of "http://127.0.0.1:$DELAY_PORT/actuator/health")" = 200 ]; do
  [ $SECONDS -lt $deadline ] || die "not routing after ${BENCH_STARTUP_TIMEOUT:-600}s on ports ${pending[*]}; see $LOG_DIR/bench-*.log"
  sleep 2
  still=()
  for port in "${pending[@]}"; do routes_answer "$port" || still+=("$port"); done
  pending=("${still[@]}")
done

to_ms() { # wrk latency like 812.00us, 3.21ms, 1.02s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
CLK_TCK=$(getconf CLK_TCK)

declare -A RPS P50 P99 ERR CPU LOAD HEADER
measure() { # key url pid
  local warmup=$WARMUP
  case ${NAME[$1]} in gateway-service*) warmup=$GATEWAY_WARMUP;; esac
  local header=()
  [ -n "${HEADER[$1]:-}" ] && header=(-H "${HEADER[$1]}")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$warmup" "${header[@]}" "$2" >/dev/null 2>&1 || true
  local out before after requests
  before=$(cpu_ticks "$3")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" "$2")
  after=$(cpu_ticks "$3")
  LOAD[$1]=$(cut -d' ' -f1 /proc/loadavg)
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  RPS[$1]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  P50[$1]=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  P99[$1]=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  CPU[$1]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.0f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  local non2xx errors
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out"); errors=$(awk '/Socket errors:/ {print}' <<<"$out")
  ERR[$1]="${non2xx:-0}${errors:+ ($errors)}"
}

PRODUCT_ID=$(curl -s "http://127.0.0.1:$PRODUCT_PORT/api/products?limit=1" | sed -n 's/.*"id":"\([0-9a-f-]\{36\}\)".*/\1/p')
[ -n "$PRODUCT_ID" ] || die "no product in the catalog to read"
FAST_PATH=/api/products/$PRODUCT_ID
SLOW_PATH=/api/analytics/top-products
curl -s -o /dev/null "http://127.0.0.1:$PRODUCT_PORT$FAST_PATH"
FAST_CACHE=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PRODUCT_PORT$FAST_PATH" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache" {print $2}')

URL[fast-direct]=http://127.0.0.1:$PRODUCT_PORT$FAST_PATH;        PID_OF[fast-direct]=$PRODUCT_PID; NAME[fast-direct]="direct (product-service-1)"
URL[fast-stock]=http://127.0.0.1:$STOCK_GATEWAY_PORT$FAST_PATH;   PID_OF[fast-stock]=$STOCK_PID;    NAME[fast-stock]="stock Spring Cloud Gateway"
URL[fast-gateway]=http://127.0.0.1:$BENCH_GATEWAY_PORT$FAST_PATH; PID_OF[fast-gateway]=$GATEWAY_PID; NAME[fast-gateway]="gateway-service"
URL[slow-direct]=http://127.0.0.1:$DELAY_PORT$SLOW_PATH;          PID_OF[slow-direct]=$DELAY_PID;   NAME[slow-direct]="direct (delay server)"
URL[slow-stock]=http://127.0.0.1:$STOCK_GATEWAY_PORT$SLOW_PATH;   PID_OF[slow-stock]=$STOCK_PID;    NAME[slow-stock]="stock Spring Cloud Gateway"
URL[slow-gateway]=http://127.0.0.1:$BENCH_GATEWAY_PORT$SLOW_PATH; PID_OF[slow-gateway]=$GATEWAY_PID; NAME[slow-gateway]="gateway-service"

# The credential rows: a demo client's token from auth-service (client credentials; one token for the whole run, as a
# client would send it) and the demo client API key.
TOKEN=$(curl -s -u demo-client:demo-client-secret -d grant_type=client_credentials "http://127.0.0.1:$AUTH_PORT/oauth2/token" \
  | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "no token from auth-service on port $AUTH_PORT (is ./local.sh up running?)"
URL[fast-direct-jwt]=${URL[fast-direct]};   PID_OF[fast-direct-jwt]=$PRODUCT_PID; NAME[fast-direct-jwt]="direct (product-service-1), bearer token"
URL[fast-gateway-key]=${URL[fast-gateway]}; PID_OF[fast-gateway-key]=$GATEWAY_PID; NAME[fast-gateway-key]="gateway-service, X-API-Key"
URL[fast-gateway-jwt]=${URL[fast-gateway]}; PID_OF[fast-gateway-jwt]=$GATEWAY_PID; NAME[fast-gateway-jwt]="gateway-service, bearer token"
HEADER[fast-direct-jwt]="Authorization: Bearer $TOKEN"
HEADER[fast-gateway-jwt]="Authorization: Bearer $TOKEN"
HEADER[fast-gateway-key]="X-API-Key: ${PLATFORM_CLIENT_API_KEY:-demo-client-key}"

for label in "${COMPARE_LABELS[@]}"; do
  URL[fast-$label]=${URL[fast-$label]}$FAST_PATH; URL[slow-$label]=${URL[slow-$label]}$SLOW_PATH
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for row in $ROWS; do
  [ -n "${URL[$row]:-}" ] || die "unknown row $row"
  measure "$row" "${URL[$row]}" "${PID_OF[$row]}"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { # a/b, or - when either is missing
  awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2fx", a / b }'
}
path_of() { case $1 in fast-*) echo "GET /api/products/{id} (X-Cache: $FAST_CACHE)";; *) echo "${DELAY_MS} ms backend, ${DELAY_BODY_BYTES} B";; esac; }

echo "## Gateway vs stock Spring Cloud Gateway vs direct"
echo
echo "$(machine_line)"
echo "Measured: $(date -u +%Y-%m-%dT%H:%MZ); load average (1/5/15 min) before/after: $LOAD_BEFORE / $LOAD_AFTER"
echo "Client: $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), -t$THREADS -c$CONNECTIONS, $WARMUP warm-up ($GATEWAY_WARMUP for gateway-service rows) then $DURATION per row, on the same machine"
echo "Rate limits in force on gateway-service: $BENCH_RATE_LIMIT req/s, burst $BENCH_RATE_LIMIT (anonymous and per key; raised via RATE_LIMIT_* env for the run, contract defaults 500/1000 anonymous, 100/200 per key)"
echo "CPU/req: the target process's CPU time (user + system) over the measured window / requests completed. Throughput depends on the machine's load; CPU per request is the figure to compare."
echo
echo "| path | target | req/s | p50 ms | p99 ms | CPU us/req | load avg (1 min) | non-2xx |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for row in $ROWS; do
  echo "| $(path_of "$row") | ${NAME[$row]} | ${RPS[$row]} | ${P50[$row]} | ${P99[$row]} | ${CPU[$row]} | ${LOAD[$row]} | ${ERR[$row]} |"
done
echo
echo "| path | gateway-service/direct req/s | stock/direct req/s | gateway-service/stock CPU per request | p99 gateway-service - direct |"
echo "|---|---:|---:|---:|---:|"
for path in fast slow; do
  p99delta=$(awk -v a="${P99[$path-gateway]:-}" -v b="${P99[$path-direct]:-}" 'BEGIN { if (a == "" || b == "") print "-"; else printf "%+.2f ms", a - b }')
  echo "| $(path_of "$path-") | $(ratio "${RPS[$path-gateway]:-}" "${RPS[$path-direct]:-}") | $(ratio "${RPS[$path-stock]:-}" "${RPS[$path-direct]:-}") | $(ratio "${CPU[$path-gateway]:-}" "${CPU[$path-stock]:-}") | $p99delta |"
  for label in "${COMPARE_LABELS[@]}"; do
    [ -n "${RPS[$path-$label]:-}" ] || continue
    p99delta=$(awk -v a="${P99[$path-$label]:-}" -v b="${P99[$path-direct]:-}" 'BEGIN { if (a == "" || b == "") print "-"; else printf "%+.2f ms", a - b }')
    echo "| $(path_of "$path-"), gateway-service ($label) | $(ratio "${RPS[$path-$label]:-}" "${RPS[$path-direct]:-}") | $(ratio "${RPS[$path-stock]:-}" "${RPS[$path-direct]:-}") | $(ratio "${CPU[$path-$label]:-}" "${CPU[$path-stock]:-}") | $p99delta |"
  done
done
echo
echo "| credentials (fast path) | CPU us/req | vs anonymous | goal |"
echo "|---|---:|---:|---|"
echo "| gateway-service, bearer token vs X-API-Key | ${CPU[fast-gateway-jwt]:--} vs ${CPU[fast-gateway-key]:--} | $(ratio "${CPU[fast-gateway-jwt]:-}" "${CPU[fast-gateway]:-}") vs $(ratio "${CPU[fast-gateway-key]:-}" "${CPU[fast-gateway]:-}") | token <= 1.1x key: $(ratio "${CPU[fast-gateway-jwt]:-}" "${CPU[fast-gateway-key]:-}") |"
echo "| product-service, bearer token vs none | ${CPU[fast-direct-jwt]:--} vs ${CPU[fast-direct]:--} | $(awk -v a="${CPU[fast-direct-jwt]:-}" -v b="${CPU[fast-direct]:-}" 'BEGIN { if (a == "" || b == "") print "-"; else printf "%+d us", a - b }') | token check <= 50 us |"
echo
echo "Goals: fast path >= 0.3x direct and CPU/request <= 1.5x stock; 50 ms path >= 0.98x direct and p99 <= +3 ms."
