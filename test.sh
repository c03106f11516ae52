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

# The server refuses to run as root: run it as the postgres OS user when we are root.
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then RUNAS=(runuser -u postgres --); fi

PGTMP=$(mktemp -d /tmp/migplan-pg.XXXXXX)
chmod 755 "$PGTMP"
[ "$(id -u)" -eq 0 ] && chown postgres: "$PGTMP"

free_port() {
  local p
  for p in $(seq 54320 54420); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
PORT=$(free_port) || { log "no free port"; echo "0 passed, 1 failed"; exit 1; }

stop_cluster() {
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PGTMP"
}
trap stop_cluster EXIT

log "initdb in $PGTMP (port $PORT)"
"${RUNAS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 ||
  { cat "$PGTMP/initdb.log" >&2; echo "0 passed, 1 failed"; exit 1; }
# One role signs in with a password (scram-sha-256): the plan --conn fault tests need a wrong password refused.
PASSWORD_ROLE=migplan_password_test
sed -i "1i host all $PASSWORD_ROLE 127.0.0.1/32 scram-sha-256" "$PGTMP/data/pg_hba.conf"
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
  start >/dev/null ||
  { cat "$PGTMP/server.log" >&2; echo "0 passed, 1 failed"; exit 1; }

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
