-- Rollback of step 6: Drop helper check invoices_currency_not_null
-- Data loss: none. Re-adds the helper check as NOT VALID; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/06_drop_check_invoices_currency.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_06_drop_check_invoices_currency';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.invoices'::regclass::oid AND conname = 'invoices_currency_not_null') THEN
    ALTER TABLE public.invoices ADD CONSTRAINT invoices_currency_not_null CHECK (currency IS NOT NULL) NOT VALID;
  ELSIF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.invoices'::regclass::oid AND conname = 'invoices_currency_not_null' AND contype = 'c' AND pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(oid), ' NOT VALID$', '') = pg_catalog.format('CHECK ((%I IS NOT NULL))', 'currency')) THEN
    RAISE EXCEPTION 'constraint % of % is not the helper check this plan adds: it is left alone; re-plan with the current schema', 'invoices_currency_not_null', 'public.invoices';
  END IF;
END
$migplan$;
