-- Step 2: Create index subscriptions_active_uq concurrently
-- Phase: 1. Schema Changes
-- Lock: SHARE UPDATE EXCLUSIVE on public.subscriptions (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_create_index_subscriptions_active_uq.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_create_index_subscriptions_active_uq';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
SET maintenance_work_mem = '512MB';
-- A failed or cancelled CONCURRENTLY build leaves an INVALID index behind: drop it first.
SELECT 'DROP INDEX CONCURRENTLY IF EXISTS public.subscriptions_active_uq' WHERE EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.subscriptions_active_uq')::oid AND NOT indisvalid)
\gexec
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS subscriptions_active_uq ON public.subscriptions (account_id, product_id) INCLUDE (renews_at) WHERE cancelled_at IS NULL;
-- IF NOT EXISTS also accepts an INVALID index: fail unless the index is valid.
DO $migplan$
BEGIN
  IF NOT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.subscriptions_active_uq')::oid), false) THEN
    RAISE EXCEPTION 'index % is missing or INVALID: re-run this script', 'public.subscriptions_active_uq';
  END IF;
END
$migplan$;
