-- Rollback of step 3: Add NOT VALID check invoices_currency_not_null
-- Data loss: none. Drops the helper check (never a constraint of another definition); no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_check_not_null_invoices_currency.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_check_not_null_invoices_currency';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.invoices'::regclass::oid AND conname = 'invoices_currency_not_null' AND contype = 'c' AND pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(oid), ' NOT VALID$', '') = pg_catalog.format('CHECK ((%I IS NOT NULL))', 'currency')) THEN
    ALTER TABLE public.invoices DROP CONSTRAINT invoices_currency_not_null;
  END IF;
END
$migplan$;
