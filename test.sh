#!/usr/bin/env bash
# Runs the whole test suite: builds, starts a throwaway PostgreSQL 15 cluster on 127.0.0.1
# (installing postgresql-15 from Debian packages when it is missing), runs every test project,
# stops the cluster, and prints "N passed, M failed" last.
# Arguments go to `dotnet test`, e.g. one class of the integration tests:
#   ./test.sh --project tests/Migplan.IntegrationTests --filter-class '*PlanRehearsalTests*'
set -uo pipefail
cd "$(dirname "$0")"

PGBIN=/usr/lib/postgresql/15/bin
log() { printf '[test.sh] %s\n' "$*" >&2; }

if [ ! -x "$PGBIN/postgres" ]; then
  log "postgresql-15 not found; installing it from Debian packages"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null ||
    { log "could not install postgresql-15"; echo "0 passed, 1 failed"; exit 1; }
fi

# The cluster helpers (shared with the bench scripts): pg_cluster_start, pg_cluster_stop.
. bench/pg-cluster.sh
trap pg_cluster_stop EXIT
# One role signs in with a password (scram-sha-256): the plan --conn fault tests need a wrong password refused.
PASSWORD_ROLE=migplan_password_test
pg_cluster_before_start() { sed -i "1i host all $PASSWORD_ROLE 127.0.0.1/32 scram-sha-256" "$PGTMP/data/pg_hba.conf"; }
pg_cluster_start 54320 "-c max_connections=50" || { echo "0 passed, 1 failed"; exit 1; }
log "cluster in $PGTMP (port $PORT)"

export MIGPLAN_TEST_PG="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
export MIGPLAN_TEST_PGBIN="$PGBIN"
export MIGPLAN_TEST_PASSWORD_ROLE="$PASSWORD_ROLE"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The migration corpus (tests/corpus/manifest.txt) comes from Debian and npm packages, cached between runs.
tests/corpus/fetch.sh || log "corpus packages could not all be fetched: the corpus tests skip (fail with CI=true)"

OUT="$PGTMP/test-output.txt"
dotnet test --configuration Release "$@" 2>&1 | tee "$OUT"
rc=${PIPESTATUS[0]}

total=$(grep -E '^\s*total:' "$OUT" | tail -1 | grep -oE '[0-9]+')
failed=$(grep -E '^\s*failed:' "$OUT" | tail -1 | grep -oE '[0-9]+')
passed=$(grep -E '^\s*succeeded:' "$OUT" | tail -1 | grep -oE '[0-9]+')
if [ -z "$total" ]; then
  # The build failed or the runner crashed before its summary.
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$rc" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$rc"
