-- Rollback of step 5: Set invoices.currency NOT NULL
-- Data loss: none. Drops the NOT NULL again; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/05_set_not_null_invoices_currency.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_05_set_not_null_invoices_currency';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.invoices ALTER COLUMN currency DROP NOT NULL;
