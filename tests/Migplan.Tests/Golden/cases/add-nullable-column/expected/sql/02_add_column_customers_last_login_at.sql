-- Step 2: Add column customers.last_login_at
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.customers (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_add_column_customers_last_login_at.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_add_column_customers_last_login_at';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.customers ADD COLUMN IF NOT EXISTS last_login_at timestamptz;
