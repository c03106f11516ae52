-- Rollback of step 2: Add column payments.refunded_at
-- Data loss: only what was written to objects this plan created. Drops the column and whatever was written to it since (the application must no longer use refunded_at).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/02_add_column_payments_refunded_at.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_02_add_column_payments_refunded_at';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.payments DROP COLUMN IF EXISTS refunded_at;
