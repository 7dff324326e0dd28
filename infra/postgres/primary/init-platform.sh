#!/usr/bin/env bash
# Runs once, on the primary's first start (docker-entrypoint-initdb.d), on a server listening only on its socket.
# The same objects the devstack creates (platform-devstack/.../PostgresServers.java#prepareSchemaOwners):
#   - one database per service (no service reads another's tables), each with pg_stat_statements;
#   - the replication role `replicator` and the physical slot `replica1` the standby streams from;
#   - a pg_hba.conf line letting `replicator` open replication connections from the compose network.
set -euo pipefail

psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password)

for db in products orders workers; do
  "${psql[@]}" --dbname postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || "${psql[@]}" --dbname postgres -c "CREATE DATABASE $db"
  "${psql[@]}" --dbname "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
done
"${psql[@]}" --dbname postgres -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"

"${psql[@]}" --dbname postgres -v pw="${REPLICATION_PASSWORD:-replicator}" <<'SQL'
SELECT format('CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD %L', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'replicator') \gexec
-- Created now, so WAL is retained for the standby from its very first base backup on.
SELECT pg_create_physical_replication_slot('replica1', true)
 WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'replica1');
SQL

# The image's default pg_hba.conf matches `all` databases, which never includes replication connections.
echo "host replication replicator all scram-sha-256" >>"$PGDATA/pg_hba.conf"
