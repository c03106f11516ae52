-- Step 2: Delete from cart_items
-- Phase: 2. Data Migration
-- Lock: ROW EXCLUSIVE on public.cart_items (for the whole step)
-- Lock: ACCESS SHARE on public.carts (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_delete_cart_items.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_delete_cart_items';
-- On timeout (backfill): the current batch is rolled back, committed batches stay; re-run to continue.
SET lock_timeout = '3s';
SET statement_timeout = '0';
DO $migplan$
DECLARE
  migplan_lo_1 bigint;
  migplan_hi_1 bigint;
  migplan_end_1 bigint;
  migplan_batch bigint;
  migplan_rows bigint := 0;
  migplan_started_at timestamptz := pg_catalog.now(); -- now() of the first batch, used by every batch
BEGIN
  PERFORM pg_catalog.set_config('migplan.started_at', pg_catalog.to_char(pg_catalog.timezone('UTC', migplan_started_at), 'YYYY-MM-DD"T"HH24:MI:SS.US"+00"'), false);
  RAISE NOTICE 'migplan: time functions fixed at %', pg_catalog.current_setting('migplan.started_at');
  -- The last key when the script starts: rows inserted later are the application's, not the backfill's.
  SELECT id INTO migplan_end_1 FROM public.cart_items ORDER BY id DESC LIMIT 1;
  IF coalesce(pg_catalog.current_setting('migplan.resume_after', true), '') <> '' THEN
    RAISE NOTICE 'migplan: resuming after key %', pg_catalog.current_setting('migplan.resume_after');
    SELECT id INTO migplan_lo_1 FROM public.cart_items WHERE id > pg_catalog.current_setting('migplan.resume_after')::bigint ORDER BY id LIMIT 1;
  ELSE
    SELECT id INTO migplan_lo_1 FROM public.cart_items ORDER BY id LIMIT 1;
  END IF;
  WHILE migplan_lo_1 IS NOT NULL AND migplan_lo_1 <= migplan_end_1 LOOP
    SELECT id INTO migplan_hi_1 FROM public.cart_items WHERE id >= migplan_lo_1 AND id <= migplan_end_1 ORDER BY id OFFSET 9999 LIMIT 1;
    IF migplan_hi_1 IS NULL THEN
      migplan_hi_1 := migplan_end_1;
    END IF;
    DELETE FROM public.cart_items ci
      USING public.carts c
     WHERE (ci.cart_id = c.id
       AND c.updated_at < migplan_started_at - interval '180 days'
       AND c.checked_out = false)
         AND ci.id >= migplan_lo_1 AND ci.id <= migplan_hi_1;
    GET DIAGNOSTICS migplan_batch = ROW_COUNT;
    migplan_rows := migplan_rows + migplan_batch;
    RAISE NOTICE 'migplan: %: % rows so far, done up to key %', 'public.cart_items', migplan_rows, migplan_hi_1;
    COMMIT;
    PERFORM pg_catalog.pg_sleep(0.05);
    WHILE coalesce((SELECT pg_catalog.max(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), replay_lsn)) FROM pg_stat_replication), 0::numeric) > 536870912::numeric LOOP
      RAISE NOTICE 'migplan: a standby is more than 512 MB behind; waiting';
      PERFORM pg_catalog.pg_sleep(5);
    END LOOP;
    SELECT id INTO migplan_lo_1 FROM public.cart_items WHERE id > migplan_hi_1 AND id <= migplan_end_1 ORDER BY id LIMIT 1;
  END LOOP;
END
$migplan$;
