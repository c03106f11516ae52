-- Step 5: Set invoices.currency NOT NULL
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.invoices (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/05_set_not_null_invoices_currency.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:05_set_not_null_invoices_currency';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public.invoices'::regclass::oid AND attname = 'currency' AND attnotnull)
     AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.invoices'::regclass::oid AND conname = 'invoices_currency_not_null' AND convalidated) THEN
    RAISE EXCEPTION '% is missing or not validated: run the validation step first (SET NOT NULL would scan % under ACCESS EXCLUSIVE)', 'invoices_currency_not_null', 'public.invoices';
  END IF;
END
$migplan$;
ALTER TABLE public.invoices ALTER COLUMN currency SET NOT NULL;
