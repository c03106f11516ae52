-- Step 3: Add column orders.inserted_at
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.orders (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_add_column_orders_inserted_at.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_add_column_orders_inserted_at';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS inserted_at timestamptz,
  ALTER COLUMN inserted_at SET DEFAULT clock_timestamp();
