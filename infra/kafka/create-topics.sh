#!/usr/bin/env bash
# One-shot (compose service kafka-init): the platform contract's topics and their dead-letter topics, like the
# devstack's KafkaBroker. Idempotent (--if-not-exists), so a restart of the stack changes nothing.
# A DLT gets the same partition count as its source: dead-letter publishing keeps the source partition.
set -euo pipefail

bootstrap=${KAFKA_BOOTSTRAP_SERVERS:?}
partitions=${KAFKA_TOPIC_PARTITIONS:-3}
for topic in ${KAFKA_TOPICS:?}; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --describe --topic "$(echo ${KAFKA_TOPICS} | tr ' ' ',')" \
  | grep -E '^Topic:' || true
echo "kafka-init: topics ready: $KAFKA_TOPICS ($partitions partitions each)"
