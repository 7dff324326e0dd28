#!/usr/bin/env bash
# Container healthcheck without curl/wget in the runtime image: an HTTP/1.0 GET over bash's /dev/tcp.
# Usage: healthcheck.sh <port> <path>   exits 0 when the answer is 200 (e.g. /actuator/health/readiness).
port=${1:?port} path=${2:-/actuator/health/readiness}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
read -r -t 4 _ status _ <&3 || exit 1
[ "$status" = 200 ]
