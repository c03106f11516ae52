-- Step 4: Set shipments.carrier NOT NULL
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.shipments (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_set_not_null_shipments_carrier.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_set_not_null_shipments_carrier';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public.shipments'::regclass::oid AND attname = 'carrier' AND attnotnull)
     AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.shipments'::regclass::oid AND conname = 'shipments_carrier_not_null' AND convalidated) THEN
    RAISE EXCEPTION '% is missing or not validated: run the validation step first (SET NOT NULL would scan % under ACCESS EXCLUSIVE)', 'shipments_carrier_not_null', 'public.shipments';
  END IF;
END
$migplan$;
ALTER TABLE public.shipments ALTER COLUMN carrier SET NOT NULL;
