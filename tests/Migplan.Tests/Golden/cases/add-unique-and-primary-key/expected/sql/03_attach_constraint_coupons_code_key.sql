-- Step 3: Attach coupons_code_key as UNIQUE using its index
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.coupons (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_attach_constraint_coupons_code_key.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_attach_constraint_coupons_code_key';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.coupons'::regclass::oid AND conname = 'coupons_code_key') THEN
    ALTER TABLE public.coupons ADD CONSTRAINT coupons_code_key UNIQUE USING INDEX coupons_code_key;
  END IF;
END
$migplan$;
