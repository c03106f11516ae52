-- Step 6: Create index events_2025_pkey concurrently
-- Phase: 3. Cleanup
-- Lock: SHARE UPDATE EXCLUSIVE on public.events_2025 (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/06_create_index_events_2025_pkey.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:06_create_index_events_2025_pkey';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
SET maintenance_work_mem = '512MB';
-- A failed or cancelled CONCURRENTLY build leaves an INVALID index behind: drop it first.
SELECT 'DROP INDEX CONCURRENTLY IF EXISTS public.events_2025_pkey' WHERE EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.events_2025_pkey')::oid AND NOT indisvalid)
\gexec
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS events_2025_pkey ON public.events_2025 (id, created_at);
-- IF NOT EXISTS also accepts an INVALID index: fail unless the index is valid.
DO $migplan$
BEGIN
  IF NOT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.events_2025_pkey')::oid), false) THEN
    RAISE EXCEPTION 'index % is missing or INVALID: re-run this script', 'public.events_2025_pkey';
  END IF;
END
$migplan$;
