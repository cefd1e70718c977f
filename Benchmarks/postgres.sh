# A throw-away PostgreSQL for the benchmarks (EWP_BENCH_ENGINE=postgres); sourced, never run.
# `initdb` into a folder of its own under /tmp, the server on a free port of 127.0.0.1 only (its socket in that
# folder), trust authentication for the role `ewp`, fsync on (the figures are those of a real server);
# as root, the server runs as the `postgres` user (Debian's package creates it), else as `nobody`.
# Needs Debian's postgresql package (`make deps`) and $PY for a free port.

# start_postgres: initdb and start the server; sets PG_BIN, PG_DIR, PG_PORT, PG_VERSION.
start_postgres() {
  local initdb
  initdb=$(command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n1 || true)
  [ -n "$initdb" ] && [ -x "$initdb" ] || { echo "postgres.sh: PostgreSQL not found (no initdb on PATH or in /usr/lib/postgresql; make deps)" >&2; exit 1; }
  PG_BIN=$(dirname "$(readlink -f "$initdb")")
  PG_AS=()
  PG_DIR=$(mktemp -d /tmp/ewp-bench-pg.XXXXXX)   # not under the run's folder: the server's user must reach it
  if [ "$(id -u)" = 0 ]; then
    local user=postgres; id -u postgres >/dev/null 2>&1 || user=nobody
    chown "$user" "$PG_DIR"; chmod 700 "$PG_DIR"
    PG_AS=(runuser -u "$user" --)
  fi
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U ewp -E UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
  PG_PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 120 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; exit 1; }
  PG_VERSION=$("$PG_BIN/postgres" --version)
}

# postgres_database NAME: creates database NAME and prints its EWP_DATABASE value.
postgres_database() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U ewp -d postgres -c "CREATE DATABASE $1" >&2
  echo "postgres://ewp@127.0.0.1:$PG_PORT/$1?sslmode=disable"
}

# stop_postgres: stops the server (if started) and removes its folder unless EWP_BENCH_KEEP is set.
stop_postgres() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  if [ -n "${EWP_BENCH_KEEP:-}" ]; then echo "PostgreSQL files kept in $PG_DIR" >&2; else rm -rf "$PG_DIR"; fi
}
