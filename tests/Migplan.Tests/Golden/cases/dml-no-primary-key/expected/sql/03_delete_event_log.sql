-- Step 3: Delete from event_log
-- Phase: 2. Data Migration
-- Lock: ROW EXCLUSIVE on public.event_log (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_delete_event_log.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_delete_event_log';
-- On timeout (backfill): the current batch is rolled back, committed batches stay; re-run to continue.
SET lock_timeout = '3s';
SET statement_timeout = '0';
DO $migplan$
DECLARE
  migplan_pages bigint := pg_catalog.pg_relation_size('public.event_log'::regclass::oid) / pg_catalog.current_setting('block_size')::bigint;
  migplan_step bigint := greatest(1::bigint, (20000::float8 / greatest(1::float8, (SELECT reltuples::float8 / greatest(relpages, 1)::float8 FROM pg_class WHERE oid = 'public.event_log'::regclass::oid)))::bigint);
  migplan_page bigint := 0;
  migplan_batch bigint;
  migplan_rows bigint := 0;
  migplan_started_at timestamptz := pg_catalog.now(); -- now() of the first batch, used by every batch
BEGIN
  PERFORM pg_catalog.set_config('migplan.started_at', pg_catalog.to_char(pg_catalog.timezone('UTC', migplan_started_at), 'YYYY-MM-DD"T"HH24:MI:SS.US"+00"'), false);
  RAISE NOTICE 'migplan: time functions fixed at %', pg_catalog.current_setting('migplan.started_at');
  WHILE migplan_page <= migplan_pages LOOP
    DELETE FROM public.event_log
     WHERE (level = 'debug' AND logged_at < migplan_started_at - interval '90 days')
         AND event_log.ctid >= pg_catalog.format('(%s,0)', migplan_page)::tid AND event_log.ctid < pg_catalog.format('(%s,0)', migplan_page + migplan_step)::tid;
    GET DIAGNOSTICS migplan_batch = ROW_COUNT;
    migplan_rows := migplan_rows + migplan_batch;
    RAISE NOTICE 'migplan: %: % rows so far, page % of %', 'public.event_log', migplan_rows, migplan_page, migplan_pages;
    COMMIT;
    PERFORM pg_catalog.pg_sleep(0.05);
    WHILE coalesce((SELECT pg_catalog.max(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), replay_lsn)) FROM pg_stat_replication), 0::numeric) > 536870912::numeric LOOP
      RAISE NOTICE 'migplan: a standby is more than 512 MB behind; waiting';
      PERFORM pg_catalog.pg_sleep(5);
    END LOOP;
    migplan_page := migplan_page + migplan_step;
  END LOOP;
END
$migplan$;
