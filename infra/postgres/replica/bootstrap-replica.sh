#!/usr/bin/env bash
# Entrypoint of the postgres-replica container: a streaming hot standby of `postgres`.
# First start (empty data directory): pg_basebackup from the primary through the slot created by the primary's
# init script; -R writes standby.signal and primary_conninfo. Every start: run the standby on $REPLICA_PORT.
# The devstack does the same without pg_basebackup (platform-devstack/.../PostgresServers.java).
set -euo pipefail

PGDATA=${PGDATA:-/var/lib/postgresql/18/docker}
export PGDATA

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "bootstrap-replica: base backup from $PRIMARY_HOST:$PRIMARY_PORT (slot $REPLICATION_SLOT)"
  mkdir -p "$PGDATA"
  chown -R postgres:postgres "$(dirname "$PGDATA")"
  chmod 0700 "$PGDATA"
  until pg_isready -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -q; do sleep 1; done
  # Without -C: the slot already exists on the primary (init-platform.sh); the healthcheck the replica
  # depends on waits for it.
  PGPASSWORD=$REPLICATION_PASSWORD gosu postgres pg_basebackup \
    --dbname="host=$PRIMARY_HOST port=$PRIMARY_PORT user=replicator application_name=$REPLICATION_SLOT" \
    --pgdata="$PGDATA" --slot="$REPLICATION_SLOT" --wal-method=stream --write-recovery-conf \
    --checkpoint=fast --progress
  # -R writes the password only when it was part of the connection string: add it for later reconnects.
  echo "primary_conninfo = 'host=$PRIMARY_HOST port=$PRIMARY_PORT user=replicator password=$REPLICATION_PASSWORD application_name=$REPLICATION_SLOT'" \
    >>"$PGDATA/postgresql.auto.conf"
  echo "primary_slot_name = '$REPLICATION_SLOT'" >>"$PGDATA/postgresql.auto.conf"
fi

# A standby must allow at least as many connections as its primary, and preload the same libraries.
exec gosu postgres postgres -D "$PGDATA" -c port="$REPLICA_PORT" -c hot_standby=on -c max_connections=200 \
  -c shared_preload_libraries=pg_stat_statements -c wal_retrieve_retry_interval=1s -c timezone=UTC
