# Shared by test.sh and the bench scripts (source it, do not run it): a throwaway PostgreSQL 15 cluster on
# 127.0.0.1, in a temporary directory, on a free port, run as the postgres OS user when we are root (the server
# refuses to run as root). Defines:
#   pg_cluster_start FIRST_PORT [EXTRA_SERVER_OPTIONS]  sets PGBIN, PGTMP, PORT, RUNAS; returns non-zero (with the
#                                                       server's log on stderr) when the cluster cannot start
#   pg_cluster_stop                                     stops the cluster and removes its directory
# The caller installs a trap that calls pg_cluster_stop.
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then RUNAS=(runuser -u postgres --); fi
PGTMP=""
PORT=""

pg_free_port() {
  local p
  for p in $(seq "$1" "$(($1 + 100))"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

pg_cluster_start() {
  local first=$1 extra=${2:-}
  PGTMP=$(mktemp -d /tmp/migplan-pg.XXXXXX)
  chmod 755 "$PGTMP"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PGTMP"; fi
  PORT=$(pg_free_port "$first") || { echo "no free port from $first" >&2; return 1; }
  "${RUNAS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 ||
    { cat "$PGTMP/initdb.log" >&2; return 1; }
  if declare -F pg_cluster_before_start >/dev/null; then pg_cluster_before_start; fi
  local attempt
  for attempt in 1 2 3; do
    "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off $extra" \
      start >/dev/null 2>&1 && return 0
    # Another cluster took the port between the probe and the start: try the next free one.
    grep -q 'Address already in use' "$PGTMP/server.log" 2>/dev/null || break
    PORT=$(pg_free_port "$((PORT + 1))") || break
  done
  cat "$PGTMP/server.log" >&2
  return 1
}

pg_cluster_stop() {
  if [ -n "$PGTMP" ]; then
    "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGTMP"
  fi
}
