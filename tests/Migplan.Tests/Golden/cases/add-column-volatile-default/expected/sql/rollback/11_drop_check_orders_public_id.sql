-- Rollback of step 11: Drop helper check orders_public_id_not_null
-- Data loss: none. Re-adds the helper check as NOT VALID; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/11_drop_check_orders_public_id.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_11_drop_check_orders_public_id';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.orders'::regclass::oid AND conname = 'orders_public_id_not_null') THEN
    ALTER TABLE public.orders ADD CONSTRAINT orders_public_id_not_null CHECK (public_id IS NOT NULL) NOT VALID;
  ELSIF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.orders'::regclass::oid AND conname = 'orders_public_id_not_null' AND contype = 'c' AND pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(oid), ' NOT VALID$', '') = pg_catalog.format('CHECK ((%I IS NOT NULL))', 'public_id')) THEN
    RAISE EXCEPTION 'constraint % of % is not the helper check this plan adds: it is left alone; re-plan with the current schema', 'orders_public_id_not_null', 'public.orders';
  END IF;
END
$migplan$;
