-- Step 9: Validate orders_public_id_not_null
-- Phase: 3. Cleanup
-- Lock: SHARE UPDATE EXCLUSIVE on public.orders (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/09_validate_not_null_orders_public_id.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:09_validate_not_null_orders_public_id';
-- On timeout (online-scan): nothing changed; re-run once the blocker is gone. The scan itself has no time limit.
SET lock_timeout = '3s';
SET statement_timeout = '0';
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_public_id_not_null;
