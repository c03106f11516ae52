-- Step 10: Set orders.public_id NOT NULL
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.orders (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/10_set_not_null_orders_public_id.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:10_set_not_null_orders_public_id';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public.orders'::regclass::oid AND attname = 'public_id' AND attnotnull)
     AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.orders'::regclass::oid AND conname = 'orders_public_id_not_null' AND convalidated) THEN
    RAISE EXCEPTION '% is missing or not validated: run the validation step first (SET NOT NULL would scan % under ACCESS EXCLUSIVE)', 'orders_public_id_not_null', 'public.orders';
  END IF;
END
$migplan$;
ALTER TABLE public.orders ALTER COLUMN public_id SET NOT NULL;
