#!/usr/bin/env bash
# Times the synthetic rows of `migplan verify` (src/Migplan/Verify/SyntheticRows): loads the bundled example's
# schema (examples/add-user-email) into a throwaway PostgreSQL 15 cluster (bench/pg-cluster.sh) and fills it with
# ROWS rows in its largest table, the others in proportion to its stats.json (users and user_emails: ROWS each).
# Prints each table's rows and the wall time of the fill. Issue 12's target: the whole verify of the example at
# 1,000,000 users under 60 s; this is the part that writes the rows.
# Usage: bench/fill-rows.sh [ROWS]   (default 1000000; needs postgresql-15: ./test.sh installs it)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
. bench/pg-cluster.sh
trap pg_cluster_stop EXIT
[ -x "$PGBIN/postgres" ] || { echo "postgresql-15 is not installed (run ./test.sh once, it installs it)" >&2; exit 1; }
pg_cluster_start 54530 || exit 1
"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "CREATE DATABASE bench"
dotnet build bench/fill-rows -c Release --nologo -v quiet >/dev/null
dotnet bench/fill-rows/bin/Release/net10.0/FillRows.dll \
  "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=bench" examples/add-user-email "$rows"
