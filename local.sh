#!/usr/bin/env bash
# The whole platform on this machine, without Docker:
#   ./local.sh up      build if needed, start the devstack (PostgreSQL primary + standby, Redis, Kafka) and every
#                      service, wait until all are healthy, print URLs and demo keys, return
#   ./local.sh down    stop everything `up` started, by pid
#   ./local.sh status  one line per process: name, pid, port, healthy or not
#   ./local.sh freeze SERVER / resume SERVER
#                      hang a devstack server (SIGSTOP of its process tree: connections stay open, nothing
#                      answers) and resume it (SIGCONT); SERVER is postgres-primary, postgres-standby, redis or kafka
#   ./local.sh kill NAME / stop NAME / start NAME
#                      crash (SIGKILL) or stop (SIGTERM) one process, and start it again (waits until it serves); NAME
#                      is a service (product-service-1, order-service, ...) or the devstack's redis or kafka, which
#                      start again with the command line, data and port they had (Redis, a cache, comes back empty)
# Logs: .local/logs/<name>.log   Data: .local/data (kept between runs; delete it to start from scratch)
# Apps: .local/app/<module> (each service's jar unpacked, and the JVM's ahead-of-time cache: see LOCAL_AOT_CACHE)
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)
RUN_DIR=.local/run
LOG_DIR=.local/logs
APP_DIR=.local/app

# --- names and ports, shared with docker-compose (see README "Configuration") -------------------------------
# PLATFORM_PORT_OFFSET shifts every default port, so a second checkout can run its own stack beside this one.
OFFSET=${PLATFORM_PORT_OFFSET:-0}
port() { echo $(($1 + OFFSET)); }
export GATEWAY_PORT=${GATEWAY_PORT:-$(port 8080)}
export GATEWAY_MANAGEMENT_PORT=${GATEWAY_MANAGEMENT_PORT:-$(port 8180)}
# The demo profile: demo users, clients, API keys and secrets (each service's application-demo.yml). Without it every
# secret must come from the environment, and a service missing one stops at once, naming the variable.
export SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-demo}
export PLATFORM_ADMIN_API_KEY=${PLATFORM_ADMIN_API_KEY:-demo-admin-key}
export PLATFORM_CLIENT_API_KEY=${PLATFORM_CLIENT_API_KEY:-demo-client-key}
# auth-service: the OAuth2/OIDC authorization server every token comes from (issuer as a browser sees it; keys and
# token endpoint as the services reach them).
export AUTH_PORT=${AUTH_PORT:-$(port 9000)}
export AUTH_ISSUER_URI=${AUTH_ISSUER_URI:-http://localhost:$AUTH_PORT}
export PLATFORM_TOKEN_ISSUER=$AUTH_ISSUER_URI
export PLATFORM_JWK_SET_URI=http://127.0.0.1:$AUTH_PORT/oauth2/jwks
export PLATFORM_TOKEN_URI=http://127.0.0.1:$AUTH_PORT/oauth2/token
export AUTH_PUBLIC_CLIENT_REDIRECT_URIS=${AUTH_PUBLIC_CLIENT_REDIRECT_URIS:-http://localhost:$GATEWAY_PORT/swagger-ui/oauth2-redirect.html,https://oauth.pstmn.io/v1/callback}
export POSTGRES_PORT=${POSTGRES_PORT:-$(port 5432)}
export POSTGRES_REPLICA_PORT=${POSTGRES_REPLICA_PORT:-$(port 5433)}
export REDIS_PORT=${REDIS_PORT:-$(port 6379)}
export KAFKA_PORT=${KAFKA_PORT:-$(port 9092)}
export KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-$(port 9093)}
PRODUCT_1_PORT=$(port 8081) PRODUCT_2_PORT=$(port 8091) ORDER_PORT=$(port 8082) WORKER_PORT=$(port 8083)
export DEVSTACK_DATA_DIR=${DEVSTACK_DATA_DIR:-$ROOT/.local/data}
export DB_USER=${DB_USER:-postgres}
export DB_PASSWORD=${DB_PASSWORD:-postgres}
export REDIS_HOST=127.0.0.1
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
# The signing keys (a JWK set), generated on the first start in the demo profile and kept with the data.
export AUTH_JWK_SET_FILE=${AUTH_JWK_SET_FILE:-$DEVSTACK_DATA_DIR/auth/jwks.json}

# Per-JVM memory so the whole stack (5 service JVMs + devstack + Kafka) fits a 2-core, 8 GB laptop.
# Serial GC: fewest threads and smallest footprint on 2 cores; capped metaspace, code cache and direct memory.
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:-"-XX:+UseSerialGC -Xms32m -Xmx192m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m -Xss512k -XX:+ExitOnOutOfMemoryError"}
DEVSTACK_JAVA_OPTS=${DEVSTACK_JAVA_OPTS:-"-XX:+UseSerialGC -Xms16m -Xmx128m -Dlogback.configurationFile=devstack-logback.xml"}
export KAFKA_HEAP=${KAFKA_HEAP:-384m}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-180}   # seconds for everything to become healthy
# JDK 25's ahead-of-time cache (JEP 483/514): the first run of each service records the classes it loads and links
# and writes them to .local/app/<module>/<module>.aot when it stops; later runs start from that cache and spend about
# half the CPU on start-up (docs/benchmarks.md, "Local stack cold start"). off: plain start every time.
LOCAL_AOT_CACHE=${LOCAL_AOT_CACHE:-on}

# name | port | module | database | health path
SERVICES=(
  "auth-service|$AUTH_PORT|auth-service|-|/actuator/health/readiness"
  "product-service-1|$PRODUCT_1_PORT|product-service|products|/actuator/health/readiness"
  "product-service-2|$PRODUCT_2_PORT|product-service|products|/actuator/health/readiness"
  "order-service|$ORDER_PORT|order-service|orders|/actuator/health/readiness"
  "worker-service|$WORKER_PORT|worker-service|workers|/actuator/health/readiness"
  "gateway-service|$GATEWAY_PORT|gateway-service|-|/actuator/health/readiness"
)

say() { printf '%s\n' "$*"; }
die() { printf 'local.sh: %s\n' "$*" >&2; exit 1; }

select_java() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/java-25* \
                   /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | head -1 | grep -Eq 'version "25'; then
      export JAVA_HOME=$candidate
      JAVA=$candidate/bin/java
      return
    fi
  done
  if command -v java >/dev/null && java -version 2>&1 | head -1 | grep -Eq 'version "25'; then
    JAVA=$(command -v java)
    return
  fi
  die "no JDK 25 found: set JAVA_HOME to a JDK 25 (e.g. Temurin 25)"
}

# Minimal HTTP status probe with bash's /dev/tcp, so the script needs no curl.
http_status() { # port path
  local status
  status=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
             printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
             head -1 <&3 | awk '{print $2}') 2>/dev/null ) || true
  printf '%s' "${status:-000}"
}

pid_of() { [ -f "$RUN_DIR/$1.pid" ] && cat "$RUN_DIR/$1.pid" || true; }
alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

jar_of() { printf '%s/target/%s.jar' "$1" "$1"; }
# The unpacked copy the services run from: plain jars on a class path load faster than Spring Boot's nested jars, and
# the ahead-of-time cache works only with them.
app_jar_of() { printf '%s/%s/%s.jar' "$APP_DIR" "$1" "$1"; }

unpack_apps() {
  # A rebuilt jar gets a fresh unpacked copy, which also drops the previous build's ahead-of-time cache.
  local module
  for module in $(for entry in "${SERVICES[@]}"; do IFS='|' read -r _ _ m _ _ <<<"$entry"; echo "$m"; done | sort -u); do
    if [ ! -f "$(app_jar_of "$module")" ] || [ "$(jar_of "$module")" -nt "$(app_jar_of "$module")" ]; then
      rm -rf "${APP_DIR:?}/$module"
      "$JAVA" -Djarmode=tools -jar "$(jar_of "$module")" extract --destination "$APP_DIR/$module" >/dev/null \
        || die "could not unpack $(jar_of "$module")"
    fi
  done
}

aot_options() { # name module -> JVM options for the ahead-of-time cache
  local cache="$APP_DIR/$2/$2.aot"
  rm -f "$RUN_DIR/$1.aot-recording"
  [ "$LOCAL_AOT_CACHE" = on ] || return 0
  [ -s "$cache" ] || rm -f "$cache"   # an empty file is a write that was cut short: record again
  if [ -f "$cache" ]; then
    printf '%s' "-XX:AOTCache=$cache"
  elif [ "$1" = "$2" ] || [ "$1" = "$2-1" ]; then
    # One instance per module records (product-service-1, not -2); the cache is written when it stops, which takes
    # longer than a plain stop (stop_all waits for it). The JDK's notes about classes it cannot cache are expected
    # and not worth a log line each.
    touch "$RUN_DIR/$1.aot-recording"
    printf '%s' "-XX:AOTCacheOutput=$cache -Xlog:aot*=error"
  fi
}

build_if_needed() {
  # Rebuild when a jar is missing, or a pom or main source changed since the last build by this script.
  local stamp=$RUN_DIR/build.stamp needed=no
  for entry in "${SERVICES[@]}"; do
    IFS='|' read -r _ _ module _ _ <<<"$entry"
    [ -f "$(jar_of "$module")" ] || needed=yes
  done
  [ -d platform-devstack/target/lib ] && [ -d platform-devstack/target/classes ] || needed=yes
  [ -f "$stamp" ] || needed=yes
  if [ $needed = no ] && [ -n "$(find . -path ./.local -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$stamp" -type f -print -quit)" ]; then
    needed=yes
  fi
  if [ $needed = yes ]; then
    say "building (./mvnw -B -q -DskipTests package)..."
    touch "$stamp.next"
    ./mvnw -B -q -DskipTests package >"$LOG_DIR/build.log" 2>&1 || { tail -40 "$LOG_DIR/build.log"; die "build failed; see $LOG_DIR/build.log"; }
    mv "$stamp.next" "$stamp"
  fi
}

start_devstack() {
  local cp ready=$RUN_DIR/devstack.ready
  rm -f "$ready"
  cp="$ROOT/platform-devstack/target/classes"
  for jar in "$ROOT"/platform-devstack/target/lib/*.jar; do cp="$cp:$jar"; done
  DEVSTACK_READY_FILE=$ready DEVSTACK_PIDS_FILE=$RUN_DIR/devstack-servers.pids \
    nohup "$JAVA" $DEVSTACK_JAVA_OPTS -Ddevstack.classpath="$cp" -cp "$cp" \
    com.acme.platform.devstack.DevstackMain >"$LOG_DIR/devstack.log" 2>&1 &
  echo $! >"$RUN_DIR/devstack.pid"
  local deadline=$((SECONDS + STARTUP_TIMEOUT))
  until [ -f "$ready" ]; do
    if ! alive devstack; then
      tail -60 "$LOG_DIR/devstack.log" >&2
      die "the devstack exited during start-up (log above: $LOG_DIR/devstack.log)"
    fi
    if [ $SECONDS -gt $deadline ]; then
      tail -60 "$LOG_DIR/devstack.log" >&2
      stop_all
      die "the devstack was not ready after ${STARTUP_TIMEOUT}s"
    fi
    sleep 0.5
  done
  say "devstack up: $(cat "$ready")"
}

start_service() { # name port module database
  local name=$1 port=$2 module=$3 db=$4
  (
    export SERVER_PORT=$port INSTANCE_NAME=$name
    # Only the gateway and the authorization server listen beyond this machine; every other service answers on
    # loopback (and checks the caller's token anyway).
    case "$name" in gateway-service|auth-service) ;; *) export SERVER_ADDRESS=127.0.0.1 ;; esac
    if [ "$db" != "-" ]; then
      export DB_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/$db"
      export DB_REPLICA_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_REPLICA_PORT/$db"
    fi
    # product-service: seed the demo catalog (Flyway location db/demo) in local mode.
    if [ "$module" = product-service ]; then export PRODUCT_FLYWAY_LOCATIONS=classpath:db/migration,classpath:db/demo; fi
    export PRODUCT_SERVICE_1_URL=http://127.0.0.1:$PRODUCT_1_PORT PRODUCT_SERVICE_2_URL=http://127.0.0.1:$PRODUCT_2_PORT
    export ORDER_SERVICE_URL=http://127.0.0.1:$ORDER_PORT WORKER_SERVICE_URL=http://127.0.0.1:$WORKER_PORT
    # shellcheck disable=SC2046
    exec nohup "$JAVA" $SERVICE_JAVA_OPTS $(aot_options "$name" "$module") -jar "$(app_jar_of "$module")" \
      >"$LOG_DIR/$name.log" 2>&1
  ) &
  echo $! >"$RUN_DIR/$name.pid"
}

health_port() { # name port -> the port serving /actuator for that process
  if [ "$1" = gateway-service ]; then printf '%s' "$GATEWAY_MANAGEMENT_PORT"; else printf '%s' "$2"; fi
}

wait_healthy() {
  local deadline=$((SECONDS + STARTUP_TIMEOUT)) pending
  while :; do
    pending=()
    for entry in "${SERVICES[@]}"; do
      IFS='|' read -r name port _ _ path <<<"$entry"
      if ! alive "$name"; then
        say "--- $name exited during start-up; last lines of $LOG_DIR/$name.log:" >&2
        tail -40 "$LOG_DIR/$name.log" >&2
        stop_all
        die "$name did not start"
      fi
      [ "$(http_status "$(health_port "$name" "$port")" "$path")" = 200 ] || pending+=("$name")
    done
    [ ${#pending[@]} -eq 0 ] && return 0
    if [ $SECONDS -gt $deadline ]; then
      for name in "${pending[@]}"; do
        say "--- $name not healthy after ${STARTUP_TIMEOUT}s; last lines of $LOG_DIR/$name.log:" >&2
        tail -40 "$LOG_DIR/$name.log" >&2
      done
      stop_all
      die "not healthy: ${pending[*]}"
    fi
    sleep 1
  done
}

stop_pid() { # name timeout-seconds
  local pid; pid=$(pid_of "$1")
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + $2))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$1 ($pid) ignored SIGTERM for $2 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$RUN_DIR/$1.pid" "$RUN_DIR/$1.aot-recording"
}

stop_all() {
  local i server pid
  # A frozen server acts on no SIGTERM until it is resumed: resume every devstack server first.
  if [ -f "$RUN_DIR/devstack-servers.pids" ]; then
    while read -r server pid; do
      # shellcheck disable=SC2046
      kill -0 "$pid" 2>/dev/null && kill -CONT $(process_tree "$pid") 2>/dev/null || true
    done <"$RUN_DIR/devstack-servers.pids"
  fi
  local stopping=()
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    IFS='|' read -r name _ _ _ _ <<<"${SERVICES[$i]}"
    # A service recording its ahead-of-time cache writes it on the way out: on 2 cores, four of them take ~40 s.
    if [ -f "$RUN_DIR/$name.aot-recording" ]; then stop_pid "$name" 150 & else stop_pid "$name" 30 & fi
    stopping+=($!)
  done
  # Only these: a bare `wait` would also wait for the devstack, a background job of `up`, which is stopped below.
  wait "${stopping[@]}"
  stop_pid devstack 90
  # Servers the devstack started; normally its shutdown hook has stopped them already.
  if [ -f "$RUN_DIR/devstack-servers.pids" ]; then
    while read -r server pid; do
      if kill -0 "$pid" 2>/dev/null; then
        say "stopping leftover $server ($pid)"
        kill -TERM "$pid" 2>/dev/null || true
        sleep 2
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done <"$RUN_DIR/devstack-servers.pids"
    rm -f "$RUN_DIR/devstack-servers.pids"
  fi
  rm -f "$RUN_DIR/devstack.ready"
}

cmd_up() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  if alive devstack || alive gateway-service; then
    say "already running (pids in $RUN_DIR); see ./local.sh status, or ./local.sh down first"
    return 0
  fi
  select_java
  build_if_needed
  unpack_apps
  local t0=$SECONDS
  start_devstack
  for entry in "${SERVICES[@]}"; do
    IFS='|' read -r name port module db _ <<<"$entry"
    start_service "$name" "$port" "$module" "$db"
  done
  wait_healthy
  local took=$((SECONDS - t0))
  echo "$took" >"$RUN_DIR/startup-seconds"
  cat <<EOF

Platform up in ${took}s (devstack + services, build excluded).
  Gateway (the API)     http://localhost:$GATEWAY_PORT/api/products
  Swagger UI            http://localhost:$GATEWAY_PORT/swagger-ui.html   (Authorize: OAuth2, client platform-public)
  auth-service (OIDC)   $AUTH_ISSUER_URI/.well-known/openid-configuration
  Gateway actuator      http://localhost:$GATEWAY_MANAGEMENT_PORT/actuator/health
  product-service-1     http://localhost:$PRODUCT_1_PORT/actuator/health   (direct, bypasses the gateway)
  product-service-2     http://localhost:$PRODUCT_2_PORT/actuator/health
  order-service         http://localhost:$ORDER_PORT/actuator/health
  worker-service        http://localhost:$WORKER_PORT/actuator/health
  PostgreSQL            primary 127.0.0.1:$POSTGRES_PORT, standby 127.0.0.1:$POSTGRES_REPLICA_PORT (user $DB_USER)
  Redis / Kafka         127.0.0.1:$REDIS_PORT / 127.0.0.1:$KAFKA_PORT
Demo credentials (profile $SPRING_PROFILES_ACTIVE; docs/security.md):
  a token   curl -s -u demo-client:demo-client-secret -d grant_type=client_credentials $AUTH_ISSUER_URI/oauth2/token
  users     alice, bob (customers), admin; password demo-password (sign in through Swagger UI or Postman)
  API keys  X-API-Key: $PLATFORM_ADMIN_API_KEY (admin), $PLATFORM_CLIENT_API_KEY (client)
Logs in $LOG_DIR/. Stop with ./local.sh down.
EOF
}

cmd_down() {
  mkdir -p "$RUN_DIR"
  stop_all
  local busy=()
  for port in "$AUTH_PORT" "$PRODUCT_1_PORT" "$PRODUCT_2_PORT" "$ORDER_PORT" "$WORKER_PORT" "$GATEWAY_PORT" "$GATEWAY_MANAGEMENT_PORT" "$POSTGRES_PORT" "$POSTGRES_REPLICA_PORT" "$REDIS_PORT" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then busy+=("$port"); fi
  done
  if [ ${#busy[@]} -gt 0 ]; then
    say "stopped; ports still answering (not ours, or still closing): ${busy[*]}"
  else
    say "stopped; no platform port is bound"
  fi
}

cmd_status() {
  local pid state
  printf '%-18s %-8s %-22s %s\n' NAME PID PORT STATE
  pid=$(pid_of devstack)
  if alive devstack; then state=$([ -f "$RUN_DIR/devstack.ready" ] && echo healthy || echo starting); else state=stopped; pid=-; fi
  printf '%-18s %-8s %-22s %s\n' devstack "${pid:--}" "$POSTGRES_PORT,$POSTGRES_REPLICA_PORT,$REDIS_PORT,$KAFKA_PORT" "$state"
  for entry in "${SERVICES[@]}"; do
    IFS='|' read -r name port _ _ path <<<"$entry"
    pid=$(pid_of "$name")
    if alive "$name"; then
      if [ "$(http_status "$(health_port "$name" "$port")" "$path")" = 200 ]; then state=healthy; else state=unhealthy; fi
    else
      state=stopped; pid=-
    fi
    printf '%-18s %-8s %-22s %s\n' "$name" "${pid:--}" "$port" "$state"
  done
}

# A server's pid and every descendant's, root first (freeze stops the root before it can fork again).
process_tree() { # pid
  local child
  printf '%s\n' "$1"
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do process_tree "$child"; done
}

server_pid() { # name, as in devstack-servers.pids
  local name pid
  [ -f "$RUN_DIR/devstack-servers.pids" ] || die "the devstack is not running (./local.sh up first)"
  while read -r name pid; do
    if [ "$name" = "$1" ]; then printf '%s' "$pid"; return 0; fi
  done <"$RUN_DIR/devstack-servers.pids"
  die "unknown server '$1'; one of: $(awk '{print $1}' "$RUN_DIR/devstack-servers.pids" | tr '\n' ' ')"
}

cmd_freeze() { # server
  [ -n "${1:-}" ] || die "usage: ./local.sh freeze postgres-primary|postgres-standby|redis|kafka"
  local pid; pid=$(server_pid "$1")
  kill -0 "$pid" 2>/dev/null || die "$1 ($pid) is not running"
  # shellcheck disable=SC2046
  kill -STOP $(process_tree "$pid") 2>/dev/null || true
  say "$1 frozen (pid $pid and its children): connections stay open, nothing answers; ./local.sh resume $1"
}

cmd_resume() { # server
  [ -n "${1:-}" ] || die "usage: ./local.sh resume postgres-primary|postgres-standby|redis|kafka"
  local pid; pid=$(server_pid "$1")
  # shellcheck disable=SC2046
  kill -CONT $(process_tree "$pid" | tac) 2>/dev/null || true
  say "$1 resumed (pid $pid)"
}

# --- one process down and up again, for fault drills (bench/faults.sh) ------------------------------------------
# Services start as `up` starts them. The devstack's redis and kafka are its child processes: stopping one saves its
# command line and working directory (from /proc) first, so `start` runs the same command again; the new pid goes
# into devstack-servers.pids, where freeze, resume and down find it.
service_entry() { # name -> its SERVICES line, or nothing
  local entry
  for entry in "${SERVICES[@]}"; do
    [ "${entry%%|*}" = "$1" ] && { printf '%s' "$entry"; return 0; }
  done
  return 0
}

restartable_server() { case "$1" in redis|kafka) return 0 ;; *) return 1 ;; esac; }

server_port() { case "$1" in redis) printf '%s' "$REDIS_PORT" ;; kafka) printf '%s' "$KAFKA_PORT" ;; esac; }

save_command_line() { # name pid
  if [ "$1" = redis ]; then
    # Redis overwrites its argv with a process title; its binary and config file come from /proc and INFO instead.
    local conf
    conf=$( (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" && printf 'INFO server\r\nQUIT\r\n' >&3 && cat <&3) 2>/dev/null \
            | tr -d '\r' | sed -n 's/^config_file://p')
    [ -n "$conf" ] && [ -f "$conf" ] || die "could not read redis' config file from INFO server"
    printf '%s\n' "$(readlink "/proc/$2/exe")" "$conf" --port "$REDIS_PORT" >"$RUN_DIR/$1.cmdline"
  else
    tr '\0' '\n' <"/proc/$2/cmdline" >"$RUN_DIR/$1.cmdline"
  fi
  readlink "/proc/$2/cwd" >"$RUN_DIR/$1.cwd"
}

cmd_halt() { # signal name
  local signal=$1 name=${2:-} pid
  [ -n "$name" ] || die "usage: ./local.sh kill|stop NAME (a service, redis or kafka)"
  if [ -n "$(service_entry "$name")" ]; then
    pid=$(pid_of "$name")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || die "$name is not running"
  elif restartable_server "$name"; then
    pid=$(server_pid "$name")
    kill -0 "$pid" 2>/dev/null || die "$name ($pid) is not running"
    save_command_line "$name" "$pid"
  else
    die "kill/stop knows the services and redis, kafka; not '$name'"
  fi
  kill "-$signal" "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" 2>/dev/null)" != Z ] && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" 2>/dev/null)" != Z ] && die "$name ($pid) still runs 30 s after SIG$signal"
  say "$name ($pid) $([ "$signal" = KILL ] && echo killed || echo stopped)"
}

cmd_start() { # name
  local name=${1:-} entry port module db path
  [ -n "$name" ] || die "usage: ./local.sh start NAME (a service, redis or kafka)"
  select_java
  entry=$(service_entry "$name")
  if [ -n "$entry" ]; then
    alive "$name" && die "$name is running (pid $(pid_of "$name"))"
    IFS='|' read -r name port module db path <<<"$entry"
    start_service "$name" "$port" "$module" "$db"
    local deadline=$((SECONDS + STARTUP_TIMEOUT))
    until [ "$(http_status "$(health_port "$name" "$port")" "$path")" = 200 ]; do
      alive "$name" || { tail -40 "$LOG_DIR/$name.log" >&2; die "$name exited during start-up"; }
      [ $SECONDS -lt $deadline ] || die "$name not healthy after ${STARTUP_TIMEOUT}s; see $LOG_DIR/$name.log"
      sleep 0.5
    done
  elif restartable_server "$name"; then
    [ -f "$RUN_DIR/$name.cmdline" ] || die "no saved command line for $name: stop or kill it with ./local.sh first"
    local pid old; old=$(server_pid "$name")
    kill -0 "$old" 2>/dev/null && [ "$(ps -o stat= -p "$old" 2>/dev/null)" != Z ] && die "$name is running (pid $old)"
    local -a argv
    mapfile -t argv <"$RUN_DIR/$name.cmdline"
    (cd "$(cat "$RUN_DIR/$name.cwd")" && exec nohup "${argv[@]}" >>"$DEVSTACK_DATA_DIR/logs/$name-restarted.log" 2>&1) &
    pid=$!
    awk -v n="$name" -v p="$pid" '$1 == n { $2 = p } { print }' "$RUN_DIR/devstack-servers.pids" >"$RUN_DIR/devstack-servers.pids.next"
    mv "$RUN_DIR/devstack-servers.pids.next" "$RUN_DIR/devstack-servers.pids"
    local deadline=$((SECONDS + STARTUP_TIMEOUT))
    until (exec 3<>"/dev/tcp/127.0.0.1/$(server_port "$name")") 2>/dev/null; do
      kill -0 "$pid" 2>/dev/null || die "$name exited during start-up; see $DEVSTACK_DATA_DIR/logs/$name-restarted.log"
      [ $SECONDS -lt $deadline ] || die "$name not listening after ${STARTUP_TIMEOUT}s"
      sleep 0.2
    done
  else
    die "start knows the services and redis, kafka; not '$name'"
  fi
  say "$name started (pid $(if [ -n "$entry" ]; then pid_of "$name"; else server_pid "$name"; fi))"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  freeze) cmd_freeze "${2:-}" ;;
  resume) cmd_resume "${2:-}" ;;
  kill) cmd_halt KILL "${2:-}" ;;
  stop) cmd_halt TERM "${2:-}" ;;
  start) cmd_start "${2:-}" ;;
  *) say "usage: ./local.sh up | down | status | freeze SERVER | resume SERVER | kill NAME | stop NAME | start NAME"; exit 2 ;;
esac
