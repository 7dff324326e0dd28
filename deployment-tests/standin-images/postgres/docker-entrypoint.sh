#!/usr/bin/env bash
# TEST-ONLY: the part of the official postgres image's entrypoint that docker-compose.yml relies on.
# As root: own the data directory, then run again as postgres. On an empty PGDATA: initdb with POSTGRES_USER and
# POSTGRES_PASSWORD (scram-sha-256 from the network), create POSTGRES_DB, run /docker-entrypoint-initdb.d/* on a
# server listening only on its socket, stop it. Then exec the command (`postgres ...`) as PID 1.
set -Eeuo pipefail

if [ "${1:0:1}" = - ]; then set -- postgres "$@"; fi
# `postgres --version` / `--help` (and -C): no data directory needed, as in the official entrypoint.
for arg in "${@:2}"; do
  case "$arg" in -'?'|--help|--describe-config|-V|--version|-C|--config-var*) exec "$@" ;; esac
done

if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA" "$(dirname "$PGDATA")"
  chmod 0700 "$PGDATA"
  exec gosu postgres "$0" "$@"
fi

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
  POSTGRES_USER=${POSTGRES_USER:-postgres}
  POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
  export POSTGRES_USER POSTGRES_DB
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") --auth-local=trust \
    --auth-host=scram-sha-256 -D "$PGDATA" >/dev/null
  { echo; echo "host all all all scram-sha-256"; } >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  # Temporary server: socket only, the command's -c settings (shared_preload_libraries...) included.
  shift
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' $(printf '%q ' "$@")" start >/dev/null
  set -- postgres "$@"
  psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
  if [ "$POSTGRES_DB" != postgres ]; then "${psql[@]}" --dbname postgres -c "CREATE DATABASE \"$POSTGRES_DB\""; fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) echo "entrypoint: running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
      *.sql) echo "entrypoint: running $f"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
      *) [ -e "$f" ] && echo "entrypoint: ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "entrypoint: PostgreSQL init process complete; ready for start up."
fi

exec "$@"
