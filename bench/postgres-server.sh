#!/usr/bin/env bash
# A throw-away PostgreSQL server for benchmarks and scripts: Debian's postgresql package's binaries (newest
# /usr/lib/postgresql/*/bin, or $CREACT_PG_BIN), a new cluster in DIR listening on 127.0.0.1 only, on a free
# port, trust authentication for 127.0.0.1 (nothing else can connect), fsync and synchronous_commit on as
# in production. Under root the server runs as the package's postgres user (PostgreSQL refuses root).
#
#   bench/postgres-server.sh start DIR     # prints the JDBC URL of database "creact" (user creact) on stdout
#   bench/postgres-server.sh stop DIR      # fast shutdown; then rm -rf DIR
set -euo pipefail
cmd="${1:?start or stop}"; dir="${2:?the folder of the server}"
log() { echo "postgres-server: $*" >&2; }

bin="${CREACT_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$bin/postgres" ] || { log "PostgreSQL is not installed (scripts/install-postgres installs Debian's package)"; exit 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_owner() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port=$(free_port)
    as_owner "$bin/initdb" -D "$dir/data" -U creact --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 100
CONF
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
      || { tail -20 "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U creact -d postgres -qc "CREATE DATABASE creact" >/dev/null
    echo "$port" >"$dir/port"
    echo "jdbc:postgresql://127.0.0.1:$port/creact?user=creact"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) log "usage: $0 start|stop DIR"; exit 1 ;;
esac
