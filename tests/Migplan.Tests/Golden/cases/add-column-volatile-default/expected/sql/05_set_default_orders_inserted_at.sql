-- Step 5: Set default of orders.inserted_at for new rows
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.orders (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/05_set_default_orders_inserted_at.sql
\set AUTOCOMMIT on
SET application_name = 'migplan:05_set_default_orders_inserted_at';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.orders ALTER COLUMN inserted_at SET DEFAULT clock_timestamp();
