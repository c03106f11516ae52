-- Step 5: Replace view public.open_orders
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.open_orders (brief)
-- Lock: ACCESS SHARE on public.orders (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/05_replace_view_open_orders.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:05_replace_view_open_orders';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
-- Lock retry: the lock is taken in attempts of 200 ms (at most 20, 3 s in all), with a growing, jittered pause of up to 450 ms between them, so the application's queries never queue behind it for longer than one attempt; if it is still held, the script fails naming the sessions that hold it. Each statement that takes such a lock runs in a DO block below; after a failed attempt it calls pg_temp.migplan_lock_wait, defined here for this session, which sleeps before the next attempt or raises the error.
CREATE OR REPLACE FUNCTION pg_temp.migplan_lock_wait(migplan_attempt int, migplan_started timestamptz, migplan_relations text[],
    migplan_attempts int, migplan_attempt_ms int, migplan_max_backoff_ms int, migplan_budget_ms int)
  RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $migplan$
DECLARE
  migplan_sleep float8 := LEAST(migplan_max_backoff_ms::float8, 25::float8 * 2::float8 ^ (migplan_attempt - 1)::float8) * (0.5::float8 + pg_catalog.random()) / 1000::float8;
  migplan_blockers text;
BEGIN
  IF migplan_attempt >= migplan_attempts
     OR pg_catalog.clock_timestamp() + (migplan_sleep + migplan_attempt_ms::float8 / 1000::float8) * interval '1 second'
        > migplan_started + migplan_budget_ms::float8 * interval '1 millisecond' THEN
    SELECT pg_catalog.string_agg(b.line, '; ') INTO migplan_blockers FROM (
      SELECT pg_catalog.format('pid %s (application_name %L, state %s, transaction age %s, holding %s): %s', a.pid, a.application_name, a.state,
             pg_catalog.date_trunc('milliseconds', pg_catalog.clock_timestamp() - a.xact_start),
             pg_catalog.string_agg(pg_catalog.format('%s on %s', l.mode, l.relation::regclass), ', '), pg_catalog.left(a.query, 60)) AS line
        FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
       WHERE l.granted AND l.locktype = 'relation'::text AND l.pid <> pg_catalog.pg_backend_pid()
         AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
         AND l.relation IN (SELECT pg_catalog.to_regclass(r)::oid FROM pg_catalog.unnest(migplan_relations) r)
       GROUP BY a.pid, a.application_name, a.state, a.xact_start, a.query
       ORDER BY a.xact_start LIMIT 5) b;
    RAISE EXCEPTION 'migplan: could not lock % in % attempts of % ms each (% in all); held by: %', pg_catalog.array_to_string(migplan_relations, ', '), migplan_attempt, migplan_attempt_ms,
      pg_catalog.date_trunc('milliseconds', pg_catalog.clock_timestamp() - migplan_started), coalesce(migplan_blockers, 'no session any more (the blockers finished after the last attempt)')
      USING ERRCODE = 'lock_not_available', HINT = 'Nothing was changed. Let the sessions named finish (or stop them), then re-run this script.';
  END IF;
  RAISE NOTICE 'migplan: lock not available (attempt %); trying again in % s', migplan_attempt, pg_catalog.round(migplan_sleep::numeric, 3);
  PERFORM pg_catalog.pg_sleep(migplan_sleep);
END
$migplan$;
DO $migplan$
DECLARE
  migplan_attempt int := 0;
  migplan_started timestamptz := pg_catalog.clock_timestamp();
  migplan_saved text := pg_catalog.current_setting('lock_timeout');
BEGIN
  PERFORM pg_catalog.set_config('lock_timeout', '200ms', true);
  LOOP
    migplan_attempt := migplan_attempt + 1;
    BEGIN
CREATE OR REPLACE VIEW open_orders AS SELECT id, total, updated_at FROM orders WHERE status = 'open';
      EXIT;
    EXCEPTION WHEN lock_not_available THEN
      PERFORM pg_temp.migplan_lock_wait(migplan_attempt, migplan_started, ARRAY['public.open_orders', 'public.orders']::pg_catalog.text[], 20, 200, 300, 3000);
    END;
  END LOOP;
  PERFORM pg_catalog.set_config('lock_timeout', migplan_saved, true);
END
$migplan$;
