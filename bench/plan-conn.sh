#!/usr/bin/env bash
# Loads the schema of the synthetic big workload (../shared/bench/gen_big_change.py: 5,000 tables) into a
# throwaway PostgreSQL 15 cluster, fills a few tables, runs ANALYZE, then times `migplan plan --conn` on the
# workload's change.sql: wall time and peak memory of the whole process (/usr/bin/time -v) and the phases
# (MIGPLAN_TIMING=1). The cluster is started as test.sh starts its own (as the postgres OS user when run as
# root, on a free port, in a temporary directory) and stopped at the end.
# Usage: bench/plan-conn.sh [RUNS]   (needs python3, GNU time and postgresql-15)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=bench/work
gen=../shared/bench/gen_big_change.py
PGBIN=/usr/lib/postgresql/15/bin
mkdir -p "$work"
[ -f "$work/big/change.sql" ] || python3 "$gen" "$work/big"
[ -x "$PGBIN/postgres" ] || { echo "postgresql-15 is not installed (run ./test.sh once, it installs it)" >&2; exit 1; }

RUNAS=()
if [ "$(id -u)" -eq 0 ]; then RUNAS=(runuser -u postgres --); fi
PGTMP=$(mktemp -d /tmp/migplan-bench-pg.XXXXXX)
chmod 755 "$PGTMP"
[ "$(id -u)" -eq 0 ] && chown postgres: "$PGTMP"
PORT=""
for p in $(seq 54430 54530); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
done
[ -n "$PORT" ] || { echo "no free port" >&2; exit 1; }
stop_cluster() {
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap stop_cluster EXIT
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 ||
  { cat "$PGTMP/initdb.log" >&2; exit 1; }
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$PGTMP/server.log" >&2; exit 1; }

psql=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
"${psql[@]}" -d postgres -c "CREATE DATABASE bench"
start=$(date +%s%N)
"${psql[@]}" -d bench -f "$work/big/schema.sql"
# A few tables with rows, so some sizes are real; then statistics for all.
for t in 0 1 2 3 4 5 6 7 8 9; do
  "${psql[@]}" -d bench -c "INSERT INTO t$t (name, v$t) SELECT 'row ' || g, g FROM generate_series(1, 20000) g"
done
"${psql[@]}" -d bench -c "ANALYZE"
printf 'loaded %s tables in %d ms\n' "$("${psql[@]}" -d bench -Atc "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace")" "$((($(date +%s%N) - start) / 1000000))"

# Published as it would ship: ReadyToRun (precompiled), framework-dependent.
dotnet publish src/Migplan.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bin" --nologo -v quiet >/dev/null
bin="$work/bin/Migplan.Cli"
conn="host=127.0.0.1 port=$PORT dbname=bench user=postgres sslmode=disable"
for i in $(seq 1 "$runs"); do
  rm -rf "$work/out-conn"
  MIGPLAN_TIMING=1 /usr/bin/time -v "$bin" plan "$work/big/change.sql" --conn "$conn" --out "$work/out-conn" >/dev/null 2>"$work/time-conn.txt" ||
    { cat "$work/time-conn.txt" >&2; exit 1; }
  wall=$(grep 'Elapsed (wall clock)' "$work/time-conn.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time-conn.txt" | awk '{print $NF}')
  phases=$(grep '^timing: ' "$work/time-conn.txt" | awk '{printf "%s %s ms  ", $2, $3}')
  printf 'run %d: wall %s  peak RSS %d MB  (%s)\n' "$i" "$wall" "$((rss / 1024))" "$phases"
done
printf 'output: %s files in sql/, %s\n' "$(find "$work/out-conn/sql" -type f | wc -l)" "$(du -sh "$work/out-conn" | cut -f1)"
