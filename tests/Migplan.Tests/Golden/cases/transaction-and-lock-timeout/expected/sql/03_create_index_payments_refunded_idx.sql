-- Step 3: Create index payments_refunded_idx concurrently
-- Phase: 1. Schema Changes
-- Lock: SHARE UPDATE EXCLUSIVE on public.payments (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_create_index_payments_refunded_idx.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_create_index_payments_refunded_idx';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
SET maintenance_work_mem = '512MB';
SET search_path = public, pg_temp;
-- A failed or cancelled CONCURRENTLY build leaves an INVALID index behind: drop it first.
SELECT 'DROP INDEX CONCURRENTLY IF EXISTS public.payments_refunded_idx' WHERE EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.payments_refunded_idx')::oid AND NOT indisvalid)
\gexec
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_refunded_idx ON public.payments (refunded_at) WHERE refunded_at IS NOT NULL;
-- IF NOT EXISTS also accepts an INVALID index: fail unless the index is valid.
DO $migplan$
BEGIN
  IF NOT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.payments_refunded_idx')::oid), false) THEN
    RAISE EXCEPTION 'index % is missing or INVALID: re-run this script', 'public.payments_refunded_idx';
  END IF;
END
$migplan$;
