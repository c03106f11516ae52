-- Step 4: Create index ledger_entries_pkey concurrently
-- Phase: 3. Cleanup
-- Lock: SHARE UPDATE EXCLUSIVE on public.ledger_entries (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_create_index_ledger_entries_pkey.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_create_index_ledger_entries_pkey';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
SET maintenance_work_mem = '512MB';
-- A failed or cancelled CONCURRENTLY build leaves an INVALID index behind: drop it first.
SELECT 'DROP INDEX CONCURRENTLY IF EXISTS public.ledger_entries_pkey' WHERE EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.ledger_entries_pkey')::oid AND NOT indisvalid)
\gexec
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ledger_entries_pkey ON public.ledger_entries (entry_id);
-- IF NOT EXISTS also accepts an INVALID index: fail unless the index is valid.
DO $migplan$
BEGIN
  IF NOT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public.ledger_entries_pkey')::oid), false) THEN
    RAISE EXCEPTION 'index % is missing or INVALID: re-run this script', 'public.ledger_entries_pkey';
  END IF;
END
$migplan$;
