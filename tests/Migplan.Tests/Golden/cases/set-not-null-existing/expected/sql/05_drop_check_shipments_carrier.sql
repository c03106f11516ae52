-- Step 5: Drop helper check shipments_carrier_not_null
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.shipments (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/05_drop_check_shipments_carrier.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:05_drop_check_shipments_carrier';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.shipments DROP CONSTRAINT IF EXISTS shipments_carrier_not_null;
