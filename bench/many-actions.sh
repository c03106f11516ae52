#!/usr/bin/env bash
# Plans changes with many actions of one kind, at N and 2N, and prints the wall time and peak memory of each
# whole `migplan plan` process (/usr/bin/time -v): doubling N should about double the time (linear), never
# quadruple it. Shapes: ALTER COLUMN ... SET DEFAULT actions in one ALTER TABLE; unnamed CHECKs in one ALTER
# TABLE (each named table_col_checkN, as PostgreSQL names them); unnamed CHECKs as separate statements; ADD
# COLUMN beyond PostgreSQL's 1,600 columns (refused at the first column too many, exit 2).
# Usage: bench/many-actions.sh [N]   (default 10000; needs python3 and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
work=bench/work/many
mkdir -p "$work"
dotnet publish src/Migplan.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o bench/work/bin --nologo -v quiet >/dev/null
bin=bench/work/bin/Migplan.Cli
printf 'CREATE TABLE t (id bigint PRIMARY KEY, a int, b text);\n' > "$work/schema.sql"
for size in "$n" "$((n * 2))"; do
  python3 - "$work" "$size" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
def write(name, text):
    open(f"{work}/{name}-{n}.sql", "w").write(text)
write("set-default", "ALTER TABLE t " + ",\n ".join(f"ALTER COLUMN a SET DEFAULT {i}" for i in range(n)) + ";\n")
write("checks-one-alter", "ALTER TABLE t " + ",\n ".join(f"ADD CHECK (a > {i}) NOT VALID" for i in range(n)) + ";\n")
write("checks-statements", "".join(f"ALTER TABLE t ADD CHECK (a > {i}) NOT VALID;\n" for i in range(n)))
write("add-columns", "ALTER TABLE t " + ",\n ".join(f"ADD COLUMN c{i} int" for i in range(n)) + ";\n")
PY
  for shape in set-default checks-one-alter checks-statements add-columns; do
    rm -rf "$work/out"
    code=0
    /usr/bin/time -v "$bin" plan "$work/$shape-$size.sql" --schema "$work/schema.sql" --out "$work/out" >/dev/null 2>"$work/time.txt" || code=$?
    wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
    printf '%-18s N=%-7d exit %d  wall %s  peak RSS %d MB\n' "$shape" "$size" "$code" "$wall" "$((rss / 1024))"
  done
done
