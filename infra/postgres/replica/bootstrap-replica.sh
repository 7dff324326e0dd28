#!/usr/bin/env bash
# Entrypoint of the postgres-replica container: a streaming hot standby of `postgres`.
# First start (no complete data directory): pg_basebackup from the primary through the slot created by the
# primary's init script; -R (--write-recovery-conf) writes standby.signal, primary_conninfo (with the password,
# since it is part of the connection string) and, with --slot, primary_slot_name. Every start: run the standby
# on $REPLICA_PORT. The devstack does the same without pg_basebackup (platform-devstack/.../PostgresServers.java).
set -euo pipefail

PGDATA=${PGDATA:-/var/lib/postgresql/18/docker}
export PGDATA
# The base backup goes to a directory beside PGDATA and is renamed only once pg_basebackup succeeded: an
# interrupted copy (container stopped, primary restarted) never looks like a data directory, and the next start
# simply begins again, instead of crash-looping on a half-copied PGDATA.
PARTIAL=$PGDATA.partial

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "bootstrap-replica: base backup from $PRIMARY_HOST:$PRIMARY_PORT (slot $REPLICATION_SLOT)"
  mkdir -p "$(dirname "$PGDATA")"
  chown postgres:postgres "$(dirname "$PGDATA")"
  rm -rf "$PARTIAL" "$PGDATA"
  until pg_isready -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -q; do sleep 1; done
  # Without -C: the slot already exists on the primary (init-platform.sh); the primary's healthcheck, which this
  # container waits for, passes only once it does.
  gosu postgres pg_basebackup \
    --dbname="host=$PRIMARY_HOST port=$PRIMARY_PORT user=replicator password=$REPLICATION_PASSWORD application_name=$REPLICATION_SLOT" \
    --pgdata="$PARTIAL" --slot="$REPLICATION_SLOT" --wal-method=stream --write-recovery-conf \
    --checkpoint=fast --progress
  chmod 0700 "$PARTIAL"
  mv "$PARTIAL" "$PGDATA"
fi

# A standby must allow at least as many connections as its primary, and preload the same libraries.
exec gosu postgres postgres -D "$PGDATA" -c port="$REPLICA_PORT" -c hot_standby=on -c max_connections=200 \
  -c shared_preload_libraries=pg_stat_statements -c shared_buffers=64MB -c wal_retrieve_retry_interval=1s \
  -c timezone=UTC
