-- Step 2: Create index orders_customer_created_idx concurrently
-- Phase: 1. Schema Changes
-- Lock: SHARE UPDATE EXCLUSIVE on public.orders (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_create_index_orders_customer_created_idx.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_create_index_orders_customer_created_idx';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
SET maintenance_work_mem = '512MB';
-- A failed or cancelled CONCURRENTLY build leaves an INVALID index behind: drop it first.
SELECT 'DROP INDEX CONCURRENTLY IF EXISTS public.orders_customer_created_idx' WHERE EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.orders_customer_created_idx')::oid AND NOT indisvalid)
\gexec
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_created_idx ON public.orders (customer_id, created_at DESC);
-- IF NOT EXISTS also accepts an INVALID index: fail unless the index is valid.
DO $migplan$
BEGIN
  IF NOT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.orders_customer_created_idx')::oid), false) THEN
    RAISE EXCEPTION 'index % is missing or INVALID: re-run this script', 'public.orders_customer_created_idx';
  END IF;
END
$migplan$;
