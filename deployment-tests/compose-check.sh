#!/usr/bin/env bash
# docker compose, verified by running it: the repository's docker-compose.yml, infra/docker/service.Dockerfile and
# infra/ scripts, built and started for real, then exercised through the compose gateway.
#
#   deployment-tests/compose-check.sh               engine -> images -> build -> up --wait -> checks -> down -v
#   deployment-tests/compose-check.sh --images-only engine and images, nothing started
#   KEEP_UP=1 deployment-tests/compose-check.sh     leave the stack running at the end (no `down -v`)
#
# Engine: uses the Docker engine that is there. Where there is none and this runs as root on a Debian machine
# with apt, it installs Debian trixie's docker.io + compose + buildx (a trixie source pinned to priority 100). A
# dockerd this script starts (log: $STATE_DIR/dockerd.log) is stopped again when it exits; images and the
# BuildKit cache (stand-ins, Maven repository mount) stay in /var/lib/docker for the next run.
# Images: every image docker-compose.yml and the service Dockerfile name is used as it is when present, else
# pulled. Only where it cannot be pulled (no registry reachable, as on CI's machines) is a TEST-ONLY stand-in
# built under the same name from deployment-tests/standin-images/<name>/ (Debian packages, Maven Central jars,
# the machine's JDK 25), labelled org.acme.platform.standin. A stand-in is never built over an image that is
# there, and a later successful pull replaces it. Images without a stand-in recipe (Jaeger, Prometheus, Grafana:
# neither Debian nor Maven Central packages them) leave their services out of the run, which says so.
# Prints how long each phase took. Exits non-zero on the first failed check (the stack's logs are printed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

STATE_DIR=${COMPOSE_CHECK_STATE_DIR:-/var/tmp/platform-compose-check}
RECIPES=deployment-tests/standin-images
STANDIN_LABEL=org.acme.platform.standin
BASE_IMAGE=platform-standin/debian:bookworm   # the stand-ins' own base: debootstrap, never pulled
GATEWAY=http://127.0.0.1:${GATEWAY_PORT:-8080}
AUTH=http://127.0.0.1:9000   # auth-service, published there: its issuer is http://localhost:9000
CLIENT_KEY="X-API-Key: ${PLATFORM_CLIENT_API_KEY:-demo-client-key}"
ADMIN_KEY="X-API-Key: ${PLATFORM_ADMIN_API_KEY:-demo-admin-key}"
IMAGES_ONLY=no
[ "${1:-}" = --images-only ] && IMAGES_ONLY=yes
mkdir -p "$STATE_DIR"

# --- phases and their timings ----------------------------------------------------------------------------
started=$SECONDS
timings=()
current_phase=""
phase() { # name ("" ends the last one)
  local now=$SECONDS
  if [ -n "$current_phase" ]; then
    timings+=("$(printf '%-34s %5ds' "$current_phase" $((now - phase_start)))")
    printf '::: compose-check phase %-34s %5ds\n' "$current_phase" $((now - phase_start))
  fi
  current_phase=$1
  phase_start=$now
  if [ -n "$1" ]; then printf '::: compose-check phase %s ...\n' "$1"; fi
  return 0
}
print_timings() {
  echo "::: compose-check phase timings"
  local line
  for line in "${timings[@]}"; do echo "    $line"; done
  printf '    %-34s %5ds\n' total $((SECONDS - started))
}

say() { printf 'compose-check: %s\n' "$*"; }
dockerd_pid=""
stop_engine() { # only a dockerd this script started
  [ -n "$dockerd_pid" ] || return 0
  kill -TERM "$dockerd_pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$dockerd_pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
}
trap stop_engine EXIT
stack_up=no
fail() {
  printf 'compose-check FAILED: %s\n' "$*" >&2
  if [ "$stack_up" = yes ]; then
    compose ps -a >&2 || true
    compose logs --no-color --tail=40 >&2 || true
  fi
  exit 1
}

# --- a JDK 25 on the machine (the stand-in JRE/Maven images are made from it) ------------------------------
select_jdk25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/java-25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | head -1 | grep -Eq 'version "25'; then
      JDK25=$candidate
      return 0
    fi
  done
  return 1
}

# --- the engine ---------------------------------------------------------------------------------------------
apt_install_engine() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
    || fail "no Docker engine, and not root on a Debian machine with apt-get to install one"
  say "installing Docker Engine from Debian trixie (pinned to priority 100: nothing else moves to trixie)"
  cat >/etc/apt/sources.list.d/platform-trixie.sources <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cat >/etc/apt/preferences.d/platform-trixie <<'EOF'
Package: *
Pin: release n=trixie
Pin-Priority: 100
EOF
  apt-get update -q >"$STATE_DIR/apt.log" 2>&1 || { tail -20 "$STATE_DIR/apt.log"; fail "apt-get update failed"; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -t trixie --no-install-recommends \
    docker.io docker-cli docker-compose docker-buildx >>"$STATE_DIR/apt.log" 2>&1 \
    || { tail -20 "$STATE_DIR/apt.log"; fail "installing docker.io from trixie failed"; }
}

ensure_engine() {
  if docker info >/dev/null 2>&1; then
    say "engine: $(docker version --format 'Engine {{.Server.Version}}, client {{.Client.Version}}')"
  else
    command -v dockerd >/dev/null || apt_install_engine
    [ "$(id -u)" = 0 ] || fail "no running Docker engine (dockerd is installed: start it, or run this as root)"
    say "starting dockerd (log: $STATE_DIR/dockerd.log; stopped when this script exits)"
    # setsid: the daemon outlives this script and CI's process group, like a system service would.
    dockerd >"$STATE_DIR/dockerd.log" 2>&1 </dev/null &
    dockerd_pid=$!
    local deadline=$((SECONDS + 60))
    until docker info >/dev/null 2>&1; do
      [ $SECONDS -lt $deadline ] || { tail -20 "$STATE_DIR/dockerd.log"; fail "dockerd did not answer within 60 s"; }
      sleep 1
    done
    say "engine: $(docker version --format 'Engine {{.Server.Version}}')"
  fi
  # healthcheck.start_interval (used in docker-compose.yml) needs Engine >= 25.
  local major
  major=$(docker version --format '{{.Server.Version}}' | cut -d. -f1)
  [ "$major" -ge 25 ] || fail "Docker Engine >= 25 is needed (healthcheck start_interval); found $(docker version --format '{{.Server.Version}}')"
  if ! docker compose version >/dev/null 2>&1; then
    command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] && apt_install_engine
    docker compose version >/dev/null 2>&1 || fail "the docker compose plugin is missing"
  fi
  docker buildx version >/dev/null 2>&1 || fail "the docker buildx plugin is missing (BuildKit: RUN --mount, COPY --chmod)"
  say "$(docker compose version)"
}

compose() { docker compose --project-directory "$ROOT" -f "$ROOT/docker-compose.yml" "$@"; }

# --- images: present, pulled, or (only then) a test-only stand-in ------------------------------------------
registry_unreachable=no
pulled_or_present() { # image -> 0 when a real (non stand-in) image is there after this
  local image=$1 label
  if docker image inspect "$image" >/dev/null 2>&1; then
    label=$(docker image inspect --format "{{ index .Config.Labels \"$STANDIN_LABEL\" }}" "$image" 2>/dev/null || true)
    if [ -z "$label" ] || [ "$label" = "<no value>" ]; then return 0; fi
  fi
  [ "$registry_unreachable" = no ] || return 1
  if timeout 300 docker pull -q "$image" >"$STATE_DIR/pull.log" 2>&1; then
    say "pulled $image"
    return 0
  fi
  say "cannot pull $image ($(tail -1 "$STATE_DIR/pull.log" | cut -c1-120)): no registry; stand-ins from here on"
  registry_unreachable=yes
  return 1
}

recipe_of() { # image -> the stand-in recipe directory name, or nothing
  case "${1%%:*}" in
    eclipse-temurin) echo temurin-jre ;;
    maven) echo maven ;;
    postgres) echo postgres ;;
    redis) echo redis ;;
    apache/kafka) echo kafka ;;
  esac
}

recipe_hash() { # recipe-dir extra... -> a hash of the recipe's files and of what it is built from
  { (cd "$RECIPES/$1" && find . -type f | LC_ALL=C sort | xargs sha256sum); shift; printf '%s\n' "$@"; } \
    | sha256sum | cut -c1-16
}

image_id() { docker image inspect --format '{{.Id}}' "$1"; }

standin_is_current() { # image hash
  docker image inspect "$1" >/dev/null 2>&1 \
    && [ "$(docker image inspect --format "{{ index .Config.Labels \"$STANDIN_LABEL.recipe\" }}" "$1")" = "$2" ]
}

build_base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then return 0; fi
  command -v debootstrap >/dev/null || {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || fail "debootstrap is needed to make the stand-ins' base image"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >>"$STATE_DIR/apt.log" 2>&1 \
      || fail "installing debootstrap failed"
  }
  say "building $BASE_IMAGE (debootstrap --variant=minbase bookworm)"
  local rootfs=$STATE_DIR/rootfs
  rm -rf "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$STATE_DIR/debootstrap.log" 2>&1 \
    || { tail -20 "$STATE_DIR/debootstrap.log"; fail "debootstrap failed"; }
  tar -C "$rootfs" -c . | docker import \
    -c "LABEL $STANDIN_LABEL=\"test-only: Debian bookworm minbase, base of the stand-in images\"" \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

# Names the stand-in recipes build from: the service Dockerfile's own pins, so the stand-ins match them.
dockerfile_arg() { sed -n "s/^ARG $1=//p" infra/docker/service.Dockerfile; }
JRE_IMAGE=$(dockerfile_arg RUNTIME_IMAGE)
MAVEN_IMAGE=$(dockerfile_arg BUILD_IMAGE)

build_standin() { # image
  local image=$1 recipe hash context
  recipe=$(recipe_of "$image")
  build_base_image
  local args=(--build-arg "BASE=$BASE_IMAGE")
  case "$recipe" in
    temurin-jre)
      select_jdk25 || fail "a stand-in for $image needs a JDK 25 on this machine (/usr/lib/jvm/*25*)"
      hash=$(recipe_hash "$recipe" "$(image_id "$BASE_IMAGE")" "$(cat "$JDK25/release")") ;;
    maven)
      ensure_image "$JRE_IMAGE"
      args=(--build-arg "BASE=$JRE_IMAGE")
      hash=$(recipe_hash "$recipe" "$(image_id "$JRE_IMAGE")") ;;
    kafka)
      ensure_image "$JRE_IMAGE"; ensure_image "$MAVEN_IMAGE"
      args=(--build-arg "BASE=$JRE_IMAGE" --build-arg "BUILD_BASE=$MAVEN_IMAGE")
      hash=$(recipe_hash "$recipe" "$(image_id "$JRE_IMAGE")" "$(image_id "$MAVEN_IMAGE")") ;;
    *)
      hash=$(recipe_hash "$recipe" "$(image_id "$BASE_IMAGE")") ;;
  esac
  if standin_is_current "$image" "$hash"; then
    say "$image: test-only stand-in, up to date (recipe $hash)"
    return 0
  fi
  say "$image: building the test-only stand-in from $RECIPES/$recipe (recipe $hash)"
  context=$RECIPES/$recipe
  if [ "$recipe" = temurin-jre ]; then
    # The build context is the recipe plus the machine's JDK, symlinks resolved (cacerts is a link on Debian).
    context=$STATE_DIR/temurin-context
    rm -rf "$context"; mkdir -p "$context"
    cp "$RECIPES/$recipe/Dockerfile" "$context/"
    cp -rL "$JDK25" "$context/jdk"
  fi
  docker build -q "${args[@]}" --build-arg "STANDIN_RECIPE=$hash" -t "$image" "$context" >"$STATE_DIR/standin-build.log" 2>&1 \
    || { tail -40 "$STATE_DIR/standin-build.log"; fail "building the stand-in for $image failed"; }
  [ "$recipe" != temurin-jre ] || rm -rf "$context"
}

declare -A image_state=()   # image -> real | standin | missing
ensure_image() { # image
  local image=$1
  [ -z "${image_state[$image]:-}" ] || return 0
  if pulled_or_present "$image"; then
    image_state[$image]=real
  elif [ -n "$(recipe_of "$image")" ]; then
    build_standin "$image"
    image_state[$image]=standin
  else
    image_state[$image]=missing
  fi
}

# --- HTTP helpers ---------------------------------------------------------------------------------------------
http() { curl -sS --max-time 15 "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
await() { # seconds description command...  (polls every second until the command succeeds)
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || fail "$what (waited ${seconds}s)"
    sleep 1
  done
}

# ==============================================================================================================
phase "engine"
ensure_engine

phase "images (pull or test-only stand-ins)"
compose config --quiet || fail "docker compose config rejects docker-compose.yml"
for image in "$JRE_IMAGE" "$MAVEN_IMAGE" $(compose --profile '*' config --images | sort -u); do
  case "$image" in platform-*|platform/*) continue ;; esac   # the project's own images, built below
  ensure_image "$image"
done
run_services=()
left_out=()
while read -r service image; do
  if [ -n "$image" ] && [ "${image_state[$image]:-real}" = missing ]; then left_out+=("$service"); fi
done < <(compose --profile '*' config --format json \
           | python3 -c "import json,sys; [print(n, s.get('image', '')) for n, s in json.load(sys.stdin)['services'].items()]")
for image in "${!image_state[@]}"; do say "image ${image_state[$image]}: $image"; done
profiles=()
if [ ${#left_out[@]} -gt 0 ]; then
  say "left out of this run (no image, none can be pulled, no stand-in): ${left_out[*]}"
fi
case " ${left_out[*]} " in *" prometheus "*|*" grafana "*) ;; *) profiles=(--profile observability) ;; esac
for service in $(compose "${profiles[@]}" config --services); do
  case " ${left_out[*]} " in *" $service "*) ;; *) run_services+=("$service") ;; esac
done
# Without Jaeger nothing receives traces: switch the export off rather than log failed exports.
case " ${left_out[*]} " in *" jaeger "*) export TRACING_EXPORT_ENABLED=false ;; esac
[ "$IMAGES_ONLY" = no ] || { phase ""; print_timings; exit 0; }

phase "docker compose build"
compose "${profiles[@]}" build "${run_services[@]}" || fail "docker compose build failed"

phase "docker compose up --wait"
compose down -v --remove-orphans >/dev/null 2>&1 || true
stack_up=yes
compose "${profiles[@]}" up -d --wait --wait-timeout 600 "${run_services[@]}" || fail "docker compose up --wait failed"
compose "${profiles[@]}" ps --format '{{.Service}} {{.Status}}' "${run_services[@]}"
unhealthy=$(compose "${profiles[@]}" ps --format '{{.Service}} {{.Health}}' | awk '$2 != "healthy" {print $1}' || true)
[ -z "$unhealthy" ] || fail "not healthy after up --wait: $unhealthy"

phase "newman: Postman collection"
npm install --prefix postman --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null \
  || fail "npm could not install newman (postman/package.json)"
postman/node_modules/.bin/newman run postman/platform.postman_collection.json \
  -e postman/local.postman_environment.json --env-var "baseUrl=$GATEWAY" --env-var "authUrl=$AUTH" \
  --reporters cli --color off \
  >"$STATE_DIR/newman.log" 2>&1 || { tail -80 "$STATE_DIR/newman.log"; fail "the Postman collection failed against compose"; }
grep -E 'requests|assertions' "$STATE_DIR/newman.log" | head -3

phase "checks beyond the collection"
# 1. the standby streams from the primary through the slot
state=$(compose exec -T postgres psql -U "${DB_USER:-postgres}" -d postgres -tAc \
  "SELECT state FROM pg_stat_replication WHERE application_name = 'replica1'" | tr -d '[:space:]')
[ "$state" = streaming ] || fail "pg_stat_replication on the primary: replica1 is '$state', not streaming"
say "standby: pg_stat_replication.state = streaming"

# 2. the demo catalog, served by both product-service instances
served=$STATE_DIR/served-by
: >"$served"
for _ in $(seq 1 12); do
  headers=$(mktemp)
  body=$(http -D "$headers" "$GATEWAY/api/products?limit=2") || fail "GET /api/products through the gateway failed"
  grep -q '^HTTP/1.1 200' "$headers" || fail "GET /api/products: $(head -1 "$headers")"
  grep -i '^X-Served-By:' "$headers" | tr -d '\r' | awk '{print $2}' >>"$served"
  rm -f "$headers"
done
items=$(echo "$body" | json 'len(d["items"])')
[ "$items" = 2 ] || fail "the demo catalog is not there: GET /api/products?limit=2 -> $body"
grep -qx product-service-1 "$served" && grep -qx product-service-2 "$served" \
  || fail "X-Served-By over 12 calls did not name both instances: $(sort "$served" | uniq -c | tr '\n' ' ')"
say "catalog: demo products listed; X-Served-By over 12 calls: $(sort "$served" | uniq -c | tr -s ' ' | tr '\n' ' ')"

# 3. an order placed with the client key reaches all three groups and becomes CONFIRMED
product=$(echo "$body" | json 'd["items"][0]["id"]')
customer=compose-check-$RANDOM
order=$(http -X POST "$GATEWAY/api/orders" -H "$CLIENT_KEY" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
  -d "{\"customerId\":\"$customer\",\"items\":[{\"productId\":\"$product\",\"quantity\":1}]}") \
  || fail "POST /api/orders failed"
order_id=$(echo "$order" | json 'd["id"]') || fail "POST /api/orders: $order"
order_status() { http "$GATEWAY/api/orders/$order_id" -H "$CLIENT_KEY" | json 'd["status"]'; }
confirmed() { [ "$(order_status)" = CONFIRMED ]; }
await 60 "order $order_id did not become CONFIRMED (fulfillment)" confirmed
notified() { http "$GATEWAY/api/notifications?orderId=$order_id" -H "$CLIENT_KEY" | grep -q "$order_id"; }
await 30 "no notification for order $order_id (notifications group)" notified
counted() { http "$GATEWAY/api/analytics/top-products?limit=100" | grep -q "$product"; }
await 30 "product $product not in analytics top-products (analytics group)" counted
say "order $order_id: CONFIRMED, notified, counted by analytics"

# 4. a dead letter and its replay: notifications fail for one customer prefix, then succeed on replay
http -X PUT "$GATEWAY/api/admin/faults" -H "$ADMIN_KEY" -H 'Content-Type: application/json' \
  -d '{"notifications":{"failCustomerPrefix":"dlq-check-"}}' >/dev/null || fail "PUT /api/admin/faults failed"
dlq_order=$(http -X POST "$GATEWAY/api/orders" -H "$CLIENT_KEY" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
  -d "{\"customerId\":\"dlq-check-$RANDOM\",\"items\":[{\"productId\":\"$product\",\"quantity\":1}]}" | json 'd["id"]') \
  || fail "POST /api/orders (DLQ check) failed"
dlq_entry() {
  dlq_id=$(http "$GATEWAY/api/admin/dlq?group=notifications" -H "$ADMIN_KEY" | python3 -c "
import json, sys
d = json.load(sys.stdin)
entries = d if isinstance(d, list) else d.get('items', d.get('entries', []))
print(next((e['id'] for e in entries if '$dlq_order' in json.dumps(e)), ''))")
  [ -n "$dlq_id" ]
}
await 60 "order $dlq_order never reached the notifications DLQ" dlq_entry
http -X PUT "$GATEWAY/api/admin/faults" -H "$ADMIN_KEY" -H 'Content-Type: application/json' -d '{}' >/dev/null
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$GATEWAY/api/admin/dlq/$dlq_id/replay" -H "$ADMIN_KEY")
[ "$code" = 202 ] || fail "POST /api/admin/dlq/$dlq_id/replay answered $code, expected 202"
replayed() { ! dlq_entry && http "$GATEWAY/api/notifications?orderId=$dlq_order" -H "$CLIENT_KEY" | grep -q "$dlq_order"; }
await 60 "the replayed dead letter $dlq_id was not processed (entry still there or no notification)" replayed
say "DLQ: order $dlq_order dead-lettered by notifications, replayed, notified, entry gone"

# 5. the metrics the dashboards and alerts use, read inside the compose network (no service port is published)
infra/check-metrics.sh --compose >"$STATE_DIR/check-metrics.log" 2>&1 \
  || { cat "$STATE_DIR/check-metrics.log"; fail "a metric used by a dashboard or an alert is not exported in compose"; }
say "metrics: $(tail -1 "$STATE_DIR/check-metrics.log")"

# 6. every service checks the caller's token itself: a call from inside the compose network (from the gateway's
# container, which shares the `services` network with them), straight to a service's port, without a token, is
# 401 with WWW-Authenticate. The images have no curl: bash's /dev/tcp, as their healthcheck.
direct_call() { # service port method path -> "status|www-authenticate"
  compose exec -T gateway-service bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "%s %s HTTP/1.0\r\nHost: %s:%s\r\nContent-Length: 0\r\n\r\n" "$3" "$4" "$1" "$2" >&3
    status=""; auth=""
    while IFS= read -r -t 10 line <&3; do
      line=${line%$'"'"'\r'"'"'}
      [ -z "$status" ] && { status=${line#* }; status=${status%% *}; continue; }
      [ -z "$line" ] && break
      case "${line,,}" in www-authenticate:*) auth=${line#*: } ;; esac
    done
    printf "%s|%s\n" "$status" "$auth"' _ "$@"
}
for call in "product-service-1 8081 POST /api/products" "product-service-2 8091 POST /api/products" \
            "order-service 8082 GET /api/orders/00000000-0000-0000-0000-000000000000" \
            "worker-service 8083 GET /api/admin/dlq"; do
  # shellcheck disable=SC2086
  answer=$(direct_call $call) || fail "could not call $call from inside the compose network"
  case "$answer" in 401\|Bearer*) ;; *) fail "direct call without a token, $call: '$answer', expected 401 with WWW-Authenticate: Bearer" ;; esac
done
say "services: a direct call without a token inside the network is 401 with WWW-Authenticate (product x2, order, worker)"

compose "${profiles[@]}" ps --format '{{.Service}} {{.Status}}'
# Memory in use against each limit (README's budget table), after the collection and the checks ran.
docker stats --no-stream --format '{{.Name}} {{.MemUsage}} {{.MemPerc}}' $(compose ps -q) | sort || true
if [ "${KEEP_UP:-0}" = 1 ]; then
  say "KEEP_UP=1: the stack stays up; stop it with docker compose down -v"
else
  phase "docker compose down -v"
  compose "${profiles[@]}" down -v --remove-orphans || fail "docker compose down -v failed"
  stack_up=no
fi
phase ""
print_timings
echo "compose-check: OK (stand-in images: $(for i in "${!image_state[@]}"; do [ "${image_state[$i]}" = standin ] && printf '%s ' "$i"; done)none other)"
