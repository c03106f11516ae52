#!/usr/bin/env bash
# Runs plans at ROWS rows (default 1,000,000) on a throwaway PostgreSQL 15 cluster (started as test.sh starts its
# own, bench/pg-cluster.sh) and prints, per step, the plan's estimate next to the time its forward script took.
# Cases: the example (examples/add-user-email: users and user_emails filled), a type change (ALTER COLUMN id TYPE
# bigint on a table with three indexes whose key another table references, bench/estimates/type-change) and the
# validations, an index build and a purge (bench/estimates/ops). Each case: a database with the schema and rows,
# VACUUM (ANALYZE), `migplan plan --conn`, then every sql/NN_*.sql in order with `psql -X -v ON_ERROR_STOP=1 -f`.
# Usage: bench/estimates.sh [ROWS] [CASE...]   (needs postgresql-15, python3; results in docs/estimates.md)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
shift || true
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(example type-change ops)
work=$PWD/bench/work/estimates
. bench/pg-cluster.sh
[ -x "$PGBIN/postgres" ] || { echo "postgresql-15 is not installed (run ./test.sh once, it installs it)" >&2; exit 1; }
trap pg_cluster_stop EXIT
pg_cluster_start 54640
psql=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
rm -rf "$work"
mkdir -p "$work"
dotnet publish src/Migplan.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o bench/work/bin --nologo -v quiet >/dev/null
bin=bench/work/bin/Migplan.Cli
echo "load before: $(uptime)"

for c in "${cases[@]}"; do
  case $c in
    example) schema=examples/add-user-email/schema.sql seed=bench/estimates/example-seed.sql
             inputs=(examples/add-user-email/design.md examples/add-user-email/change.sql) ;;
    type-change|ops) schema=bench/estimates/$c/schema.sql seed=bench/estimates/$c/seed.sql inputs=(bench/estimates/$c/change.sql) ;;
    *) echo "unknown case $c (example, type-change, ops)" >&2; exit 2 ;;
  esac
  db=${c//-/_}
  "${psql[@]}" -d postgres -c "CREATE DATABASE $db"
  "${psql[@]}" -d "$db" -f "$schema"
  "${psql[@]}" -d "$db" -v rows="$rows" -f "$seed"
  "${psql[@]}" -d "$db" -c "VACUUM (ANALYZE)"
  out=$work/$c
  "$bin" plan "${inputs[@]}" --conn "host=127.0.0.1 port=$PORT dbname=$db user=postgres sslmode=disable" --project "$c" --out "$out" >/dev/null
  : > "$out/actual.tsv"
  for f in "$out"/sql/[0-9]*.sql; do
    s=$(date +%s%N)
    (cd "$out" && "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d "$db" -f "sql/$(basename "$f")" >/dev/null 2>"$out/step.log") ||
      { echo "$c: $(basename "$f") failed:" >&2; cat "$out/step.log" >&2; exit 1; }
    e=$(date +%s%N)
    printf '%s\t%s\n' "sql/$(basename "$f")" "$(( (e - s) / 1000000 ))" >> "$out/actual.tsv"
  done
  echo
  echo "case $c ($rows rows; load $(cut -d' ' -f1-3 /proc/loadavg))"
  python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
plan = json.load(open(f"{out}/plan.json"))
actual = dict(line.rstrip("\n").split("\t") for line in open(f"{out}/actual.tsv"))
print(f"| {'step':<46} | {'estimate':>8} | {'actual':>8} | {'ratio':>5} | basis")
print(f"|{'-' * 48}|{'-' * 10}|{'-' * 10}|{'-' * 7}|------")
for s in plan["steps"]:
    est = s["estimate"]["seconds"] if s.get("estimate") else None
    act = int(actual[s["script"]]) / 1000
    ratio = f"{est / act:5.2f}" if est is not None and act > 0 else "    -"
    flag = " *" if act > 10 and est is not None and not 0.5 <= est / act <= 1.5 else ""
    print(f"| {s['id']:<46} | {est if est is not None else '-':>7}s | {act:7.1f}s | {ratio} | {s['estimate']['basis']['text'] if s.get('estimate') else ''}{flag}")
PY
done
echo
echo "ratio = estimate / actual; * marks a step over 10 s outside 0.5-1.5"
echo "load after: $(uptime)"
