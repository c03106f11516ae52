-- Rollback of step 2: Add NOT VALID check shipments_carrier_not_null
-- Data loss: none. Drops the helper check (never a constraint of another definition); no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/02_check_not_null_shipments_carrier.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_02_check_not_null_shipments_carrier';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.shipments'::regclass::oid AND conname = 'shipments_carrier_not_null' AND contype = 'c' AND pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(oid), ' NOT VALID$', '') = pg_catalog.format('CHECK ((%I IS NOT NULL))', 'carrier')) THEN
    ALTER TABLE public.shipments DROP CONSTRAINT shipments_carrier_not_null;
  END IF;
END
$migplan$;
