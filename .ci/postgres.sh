#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on 127.0.0.1 in a temporary folder and print DATABASE_URL.
#   eval "$(.ci/postgres.sh)"      # exports DATABASE_URL and MEEDOEN_PG_DIR
#   .ci/postgres.sh stop           # stops the cluster started from MEEDOEN_PG_DIR and removes it
# PostgreSQL refuses to run as root, so as root the cluster belongs to the user `nobody`.
set -euo pipefail

PGBIN="${PGBIN:-$(dirname "$(command -v initdb || echo /usr/local/bin/initdb)")}"
PORT="${MEEDOEN_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"

run_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  [ -n "${MEEDOEN_PG_DIR:-}" ] || { echo "MEEDOEN_PG_DIR is not set" >&2; exit 1; }
  run_as "$PGBIN/pg_ctl" -D "$MEEDOEN_PG_DIR/data" -m fast stop >/dev/null || true
  rm -rf "$MEEDOEN_PG_DIR"
  exit 0
fi

DIR="$(mktemp -d /tmp/meedoen-pg.XXXXXX)"
chmod 755 "$DIR"
[ "$(id -u)" = 0 ] && chown nobody "$DIR"
run_as "$PGBIN/initdb" -D "$DIR/data" -U meedoen --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
run_as "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
psql -q -h 127.0.0.1 -p "$PORT" -U meedoen -d postgres -c "CREATE DATABASE meedoen" >/dev/null

echo "export DATABASE_URL=postgres://meedoen@127.0.0.1:$PORT/meedoen"
echo "export MEEDOEN_PG_DIR=$DIR"
