-- Rollback of step 6: Replace TRIGGER orders_touch in one transaction
-- Data loss: none. Drops what the step created and creates again what it dropped, as the schema defines it, in one transaction.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/06_drop_trigger_orders_touch.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_06_drop_trigger_orders_touch';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
-- Lock retry: the lock is taken in attempts of 200 ms (at most 20, 3 s in all), with a growing, jittered pause of up to 450 ms between them, so the application's queries never queue behind it for longer than one attempt; if it is still held, the script fails naming the sessions that hold it.
DO $migplan$
DECLARE
  migplan_attempt int := 0;
  migplan_started timestamptz := pg_catalog.clock_timestamp();
  migplan_saved text := pg_catalog.current_setting('lock_timeout');
  migplan_sleep float8;
  migplan_blockers text;
BEGIN
  PERFORM pg_catalog.set_config('lock_timeout', '200ms', true);
  LOOP
    migplan_attempt := migplan_attempt + 1;
    BEGIN
BEGIN
  EXECUTE 'DROP TRIGGER orders_touch ON orders';
  EXECUTE 'CREATE TRIGGER orders_touch BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at()';
END;
      EXIT;
    EXCEPTION WHEN lock_not_available THEN
      migplan_sleep := LEAST(300::float8, 25::float8 * 2::float8 ^ (migplan_attempt - 1)::float8) * (0.5::float8 + pg_catalog.random()) / 1000::float8;
      IF migplan_attempt >= 20
         OR pg_catalog.clock_timestamp() + (migplan_sleep + 200::float8 / 1000::float8) * interval '1 second' > migplan_started + interval '3000 milliseconds' THEN
        SELECT pg_catalog.string_agg(b.line, '; ') INTO migplan_blockers FROM (
          SELECT pg_catalog.format('pid %s (application_name %L, state %s, transaction age %s, holding %s): %s', a.pid, a.application_name, a.state,
                 pg_catalog.date_trunc('milliseconds', pg_catalog.clock_timestamp() - a.xact_start),
                 pg_catalog.string_agg(pg_catalog.format('%s on %s', l.mode, l.relation::regclass), ', '), pg_catalog.left(a.query, 60)) AS line
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.granted AND l.locktype = 'relation'::text AND l.pid <> pg_catalog.pg_backend_pid()
             AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = pg_catalog.current_database())
             AND l.relation IN (pg_catalog.to_regclass('public.orders')::oid)
           GROUP BY a.pid, a.application_name, a.state, a.xact_start, a.query
           ORDER BY a.xact_start LIMIT 5) b;
        RAISE EXCEPTION 'migplan: could not lock % in % attempts of % ms each (% in all); held by: %', 'public.orders', migplan_attempt, 200,
          pg_catalog.date_trunc('milliseconds', pg_catalog.clock_timestamp() - migplan_started), coalesce(migplan_blockers, 'no session any more (the blockers finished after the last attempt)')
          USING ERRCODE = 'lock_not_available', HINT = 'Nothing was changed. Let the sessions named finish (or stop them), then re-run this script.';
      END IF;
      RAISE NOTICE 'migplan: lock not available (attempt %); trying again in % s', migplan_attempt, pg_catalog.round(migplan_sleep::numeric, 3);
      PERFORM pg_catalog.pg_sleep(migplan_sleep);
    END;
  END LOOP;
  PERFORM pg_catalog.set_config('lock_timeout', migplan_saved, true);
END
$migplan$;
