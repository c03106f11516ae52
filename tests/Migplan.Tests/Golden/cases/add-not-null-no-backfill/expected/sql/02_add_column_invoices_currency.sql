-- Step 2: Add column invoices.currency
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.invoices (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_add_column_invoices_currency.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_add_column_invoices_currency';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.invoices ADD COLUMN IF NOT EXISTS currency char(3);
