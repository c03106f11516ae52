-- Step 5: Create index idx_users_email concurrently
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public.users (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/05_create_index_idx_users_email.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:05_create_index_idx_users_email';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
SET maintenance_work_mem = '512MB';
-- A failed or cancelled CONCURRENTLY build leaves an INVALID index behind: drop it first.
SELECT 'DROP INDEX CONCURRENTLY IF EXISTS public.idx_users_email' WHERE EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.idx_users_email')::oid AND NOT indisvalid)
\gexec
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON public.users (email);
-- IF NOT EXISTS also accepts an INVALID index: fail unless the index is valid.
DO $migplan$
BEGIN
  IF NOT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.idx_users_email')::oid), false) THEN
    RAISE EXCEPTION 'index % is missing or INVALID: re-run this script', 'public.idx_users_email';
  END IF;
END
$migplan$;
