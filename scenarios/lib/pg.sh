# Sourced by scenarios/run: a private PostgreSQL 15 cluster in a temp dir, on a free localhost
# port (sqlite2pg connects over TCP with JDBC) and a unix socket in the same dir. initdb refuses
# to run as root, so as root the cluster belongs to the `postgres` user the postgresql package
# created (runuser); otherwise to the current user. The superuser is always `postgres`, trust
# authentication, listening on 127.0.0.1 only. pg_stop is called from the runner's EXIT trap.
export PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  PG_DIR="$(mktemp -d /tmp/sqlite2pg-scenarios-pg.XXXXXX)"
  chmod 755 "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
  PGPORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PG_DIR -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
      start >/dev/null || { cat "$PG_DIR/server.log"; return 1; }
  export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PG_DIR
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  [ -f "$PG_DIR/data/postmaster.pid" ] && \
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
}

# pg_url DB -> the URL sqlite2pg and the frameworks connect to
pg_url() { echo "postgresql://postgres@127.0.0.1:$PGPORT/$1"; }
