-- Step 3: Backfill order_lines.unit_price_cents
-- Phase: 2. Data Migration
-- Lock: ROW EXCLUSIVE on public.order_lines (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_backfill_order_lines_unit_price_cents.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_backfill_order_lines_unit_price_cents';
-- On timeout (backfill): the current batch is rolled back, committed batches stay; re-run to continue.
SET lock_timeout = '3s';
SET statement_timeout = '0';
DO $migplan$
DECLARE
  migplan_lo_1 bigint;
  migplan_lo_2 integer;
  migplan_hi_1 bigint;
  migplan_hi_2 integer;
  migplan_end_1 bigint;
  migplan_end_2 integer;
  migplan_batch bigint;
  migplan_rows bigint := 0;
BEGIN
  -- The last key when the script starts: rows inserted later are the application's, not the backfill's.
  SELECT order_id, line_no INTO migplan_end_1, migplan_end_2 FROM public.order_lines ORDER BY order_id DESC, line_no DESC LIMIT 1;
  SELECT order_id, line_no INTO migplan_lo_1, migplan_lo_2 FROM public.order_lines ORDER BY order_id, line_no LIMIT 1;
  WHILE migplan_lo_1 IS NOT NULL AND (migplan_lo_1, migplan_lo_2) <= (migplan_end_1, migplan_end_2) LOOP
    SELECT order_id, line_no INTO migplan_hi_1, migplan_hi_2 FROM public.order_lines WHERE (order_id, line_no) >= (migplan_lo_1, migplan_lo_2) AND (order_id, line_no) <= (migplan_end_1, migplan_end_2) ORDER BY order_id, line_no OFFSET 4999 LIMIT 1;
    IF migplan_hi_1 IS NULL THEN
      migplan_hi_1 := migplan_end_1;
      migplan_hi_2 := migplan_end_2;
    END IF;
    UPDATE public.order_lines
       SET unit_price_cents = round(unit_price * 100)::bigint
     WHERE (unit_price IS NOT NULL)
         AND (order_lines.order_id, order_lines.line_no) >= (migplan_lo_1, migplan_lo_2) AND (order_lines.order_id, order_lines.line_no) <= (migplan_hi_1, migplan_hi_2)
         AND order_lines.unit_price_cents IS NULL;
    GET DIAGNOSTICS migplan_batch = ROW_COUNT;
    migplan_rows := migplan_rows + migplan_batch;
    RAISE NOTICE 'migplan: %: % rows so far, done up to key %', 'public.order_lines', migplan_rows, ROW(migplan_hi_1, migplan_hi_2);
    COMMIT;
    PERFORM pg_catalog.pg_sleep(0.05);
    WHILE coalesce((SELECT pg_catalog.max(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), replay_lsn)) FROM pg_stat_replication), 0::numeric) > 536870912::numeric LOOP
      RAISE NOTICE 'migplan: a standby is more than 512 MB behind; waiting';
      PERFORM pg_catalog.pg_sleep(5);
    END LOOP;
    SELECT order_id, line_no INTO migplan_lo_1, migplan_lo_2 FROM public.order_lines WHERE (order_id, line_no) > (migplan_hi_1, migplan_hi_2) AND (order_id, line_no) <= (migplan_end_1, migplan_end_2) ORDER BY order_id, line_no LIMIT 1;
  END LOOP;
END
$migplan$;
