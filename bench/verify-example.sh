#!/usr/bin/env bash
# Times `migplan verify` of the bundled example (examples/add-user-email) with ROWS synthetic rows in its largest
# table (users; user_emails in proportion to stats.json) on a throwaway PostgreSQL 15 cluster (bench/pg-cluster.sh):
# the schema loaded, the rows written, every step run and observed, every rollback point rehearsed on its own copy,
# and the change as written run on another. Prints the wall time and peak memory of the verify process
# (/usr/bin/time -v) and verify's own summary line. Issue 12's target: under 60 s at 1,000,000 users on this machine.
# Usage: bench/verify-example.sh [ROWS]   (default 1000000; needs postgresql-15: ./test.sh installs it, and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=bench/work/verify
. bench/pg-cluster.sh
trap pg_cluster_stop EXIT
[ -x "$PGBIN/postgres" ] || { echo "postgresql-15 is not installed (run ./test.sh once, it installs it)" >&2; exit 1; }
pg_cluster_start 54560 || exit 1
dotnet publish src/Migplan.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bin" --nologo -v quiet >/dev/null
bin="$work/bin/Migplan.Cli"
rm -rf "$work/plan"
env -u MIGPLAN_TIMING "$bin" plan examples/add-user-email --out "$work/plan" >/dev/null
status=0
/usr/bin/time -v env MIGPLAN_TIMING="${MIGPLAN_TIMING:-}" "$bin" verify "$work/plan" --scratch "host=127.0.0.1 port=$PORT user=postgres dbname=postgres" \
  --change examples/add-user-email --rows "$rows" >"$work/out.txt" 2>"$work/time.txt" || status=$?
grep -v '^\s' "$work/time.txt" | grep -v '^Command' | grep -v '^$' >&2 || true
cat "$work/out.txt"
wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
printf 'verify of the example at %s rows: wall %s, peak RSS %d MB, exit %d\n' "$rows" "$wall" "$((rss / 1024))" "$status"
