#!/usr/bin/env bash
# TEST-ONLY (Kafka stand-in): runs a Kafka main class on the jars in /opt/kafka/libs.
# KAFKA_HEAP_OPTS (default -Xmx256m), KAFKA_OPTS and KAFKA_LOG_CONFIG are honoured like the distribution's script.
set -euo pipefail
class=${1:?usage: kafka-run-class.sh <main class> [args]}; shift
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -XX:+UseSerialGC ${KAFKA_OPTS:-} \
  -Dlogback.configurationFile="${KAFKA_LOG_CONFIG:-/opt/kafka/config/logback.xml}" \
  -cp '/opt/kafka/libs/*' "$class" "$@"
