#!/usr/bin/env bash
# Measures the throughput figures of the estimate model (src/Migplan/Planning/ThroughputModel.cs) on a throwaway
# PostgreSQL 15 cluster started as test.sh starts its own (bench/pg-cluster.sh). Each operation runs REPEATS times
# (default 3) on a fresh copy of a seeded database (CREATE DATABASE ... TEMPLATE, vacuumed and analysed) and the
# median is printed with the sizes it is measured against. Tables hold ROWS rows (default 1,000,000).
# Usage: bench/measure.sh [REPEATS] [ROWS]   (needs postgresql-15 and python3; docs/estimates.md has the results)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
rows=${2:-1000000}
. bench/pg-cluster.sh
[ -x "$PGBIN/postgres" ] || { echo "postgresql-15 is not installed (run ./test.sh once, it installs it)" >&2; exit 1; }
trap pg_cluster_stop EXIT
pg_cluster_start 54540
psql=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
echo "load before: $(uptime)"

# The seed: t (heap only), ti (the same with a primary key and two more indexes), parent/child for foreign keys.
"${psql[@]}" -d postgres -c "CREATE DATABASE seed"
"${psql[@]}" -d seed <<SQL
CREATE TABLE t (id bigint NOT NULL, a int NOT NULL, b text, c timestamptz NOT NULL);
INSERT INTO t SELECT g, g % 1000, 'row number ' || g || ' of the bench', '2026-01-01'::timestamptz + g * interval '1 second' FROM generate_series(1, $rows) g;
CREATE TABLE ti (LIKE t);
INSERT INTO ti SELECT * FROM t;
ALTER TABLE ti ADD PRIMARY KEY (id);
CREATE INDEX ti_a ON ti (a);
CREATE INDEX ti_c ON ti (c);
CREATE TABLE parent (id bigint PRIMARY KEY, name text NOT NULL);
INSERT INTO parent SELECT g, 'parent ' || g FROM generate_series(1, $rows) g;
CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint NOT NULL, note text);
INSERT INTO child SELECT g, (g::bigint * 7919) % $rows + 1, 'child ' || g FROM generate_series(1, $rows) g;
CREATE INDEX child_parent ON child (parent_id);
VACUUM (ANALYZE, FREEZE);
SQL
"${psql[@]}" -d seed -At -c "SELECT relname || ': ' || pg_relation_size(oid) || ' heap bytes, ' || pg_indexes_size(oid) || ' index bytes' FROM pg_class WHERE relname IN ('t','ti','parent','child') ORDER BY 1"

# measure NAME SETUP_SQL TIMED_SQL: median wall seconds of TIMED_SQL over the repeats, each on a fresh copy.
measure() {
  local name=$1 setup=$2 timed=$3 i s e times=()
  for i in $(seq 1 "$repeats"); do
    "${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS run" -c "CREATE DATABASE run TEMPLATE seed"
    [ -z "$setup" ] || "${psql[@]}" -d run -c "$setup"
    # Warm the cache as a production table would be: read the heap once.
    "${psql[@]}" -d run -c "SELECT count(*) FROM t" -c "SELECT count(*) FROM ti" -c "SELECT count(*) FROM child" -c "SELECT count(*) FROM parent" >/dev/null
    s=$(date +%s%N)
    "${psql[@]}" -d run -c "$timed" >/dev/null
    e=$(date +%s%N)
    times+=("$(( (e - s) / 1000000 ))")
  done
  printf '%-34s median %6d ms  (%s)  load %s\n' "$name" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (repeats + 1) / 2 ))p")" "${times[*]}" "$(cut -d' ' -f1 /proc/loadavg)"
}

measure "rewrite, no index" "" "ALTER TABLE t ALTER COLUMN a TYPE bigint"
measure "rewrite, 3 indexes" "" "ALTER TABLE ti ALTER COLUMN a TYPE bigint"
measure "rewrite, pk referenced by a fk" "" "ALTER TABLE parent ALTER COLUMN id TYPE int"
measure "create index (one, in a rewrite)" "" "CREATE INDEX ON t (c)"
measure "create index concurrently bigint" "" "CREATE INDEX CONCURRENTLY t_c ON t (c)"
measure "create index concurrently text" "" "CREATE INDEX CONCURRENTLY t_b ON t (b)"
measure "check validation" "ALTER TABLE t ADD CONSTRAINT t_a CHECK (a >= 0) NOT VALID" "ALTER TABLE t VALIDATE CONSTRAINT t_a"
measure "set not null scan" "" "ALTER TABLE t ALTER COLUMN b SET NOT NULL"
measure "fk validation" "ALTER TABLE child ADD CONSTRAINT child_fk FOREIGN KEY (parent_id) REFERENCES parent NOT VALID" "ALTER TABLE child VALIDATE CONSTRAINT child_fk"
measure "seq scan count" "" "SELECT count(*) FROM t"
measure "anti-join, hash" "" "SELECT count(*) FROM child c WHERE NOT EXISTS (SELECT 1 FROM parent p WHERE p.id = c.parent_id)"
measure "anti-join, index probes" "" "SET enable_hashjoin = off; SET enable_mergejoin = off; SELECT count(*) FROM child c WHERE NOT EXISTS (SELECT 1 FROM parent p WHERE p.id = c.parent_id)"
measure "vacuum, clean table" "" "VACUUM (ANALYZE) ti"
measure "vacuum after 1M-row update, 3 idx" "UPDATE ti SET b = b || '.'" "VACUUM (ANALYZE) ti"
measure "vacuum after 1M-row update, 0 idx" "UPDATE t SET b = b || '.'" "VACUUM (ANALYZE) t"
measure "vacuum after 1M-row delete, 3 idx" "DELETE FROM ti" "VACUUM (ANALYZE) ti"
echo "load after: $(uptime)"
