-- Step 2: Add NOT VALID check shipments_carrier_not_null
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.shipments (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_check_not_null_shipments_carrier.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_check_not_null_shipments_carrier';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.shipments'::regclass::oid AND conname = 'shipments_carrier_not_null') THEN
    ALTER TABLE public.shipments ADD CONSTRAINT shipments_carrier_not_null CHECK (carrier IS NOT NULL) NOT VALID;
  ELSIF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.shipments'::regclass::oid AND conname = 'shipments_carrier_not_null' AND contype = 'c' AND pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(oid), ' NOT VALID$', '') = pg_catalog.format('CHECK ((%I IS NOT NULL))', 'carrier')) THEN
    RAISE EXCEPTION 'constraint % of % is not the helper check this plan adds: it is left alone; re-plan with the current schema', 'shipments_carrier_not_null', 'public.shipments';
  END IF;
END
$migplan$;
