-- Rollback of step 3: Add column customers.referral_code
-- Data loss: only what was written to objects this plan created. Drops the column and whatever was written to it since (the application must no longer use referral_code).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_add_column_customers_referral_code.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_add_column_customers_referral_code';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.customers DROP COLUMN IF EXISTS referral_code;
