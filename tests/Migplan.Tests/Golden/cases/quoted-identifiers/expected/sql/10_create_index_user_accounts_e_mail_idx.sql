-- Step 10: Create index User Accounts_E-mail_idx concurrently
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public."User Accounts" (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/10_create_index_user_accounts_e_mail_idx.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:10_create_index_user_accounts_e_mail_idx';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
SET maintenance_work_mem = '512MB';
-- A failed or cancelled CONCURRENTLY build leaves an INVALID index behind: drop it first.
SELECT 'DROP INDEX CONCURRENTLY IF EXISTS public."User Accounts_E-mail_idx"' WHERE EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public."User Accounts_E-mail_idx"')::oid AND NOT indisvalid)
\gexec
CREATE INDEX CONCURRENTLY IF NOT EXISTS "User Accounts_E-mail_idx" ON public."User Accounts" ("E-mail");
-- IF NOT EXISTS also accepts an INVALID index: fail unless the index is valid.
DO $migplan$
BEGIN
  IF NOT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = pg_catalog.to_regclass('public."User Accounts_E-mail_idx"')::oid), false) THEN
    RAISE EXCEPTION 'index % is missing or INVALID: re-run this script', 'public."User Accounts_E-mail_idx"';
  END IF;
END
$migplan$;
