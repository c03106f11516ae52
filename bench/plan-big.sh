#!/usr/bin/env bash
# Plans the synthetic big workload (5,000 tables, 15,000 risky statements) and prints the wall time
# and peak memory of the whole `migplan plan` process, as measured by /usr/bin/time -v.
# Usage: bench/plan-big.sh [RUNS]   (needs python3 and GNU time: apt-get install time)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=bench/work
gen=../shared/bench/gen_big_change.py
mkdir -p "$work"
[ -f "$work/big/change.sql" ] || python3 "$gen" "$work/big"
# Published as it would ship: ReadyToRun (precompiled), framework-dependent.
dotnet publish src/Migplan.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bin" --nologo -v quiet >/dev/null
bin="$work/bin/Migplan.Cli"
printf 'input: %s bytes (change.sql + schema.sql + stats.json)\n' "$(cat "$work"/big/* | wc -c)"
for i in $(seq 1 "$runs"); do
  rm -rf "$work/out"
  /usr/bin/time -v "$bin" plan "$work/big" --out "$work/out" >/dev/null 2>"$work/time.txt"
  wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
  printf 'run %d: wall %s  peak RSS %d MB\n' "$i" "$wall" "$((rss / 1024))"
done
printf 'output: %s files in sql/, %s\n' "$(find "$work/out/sql" -type f | wc -l)" "$(du -sh "$work/out" | cut -f1)"
