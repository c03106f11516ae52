-- Step 12: Set orders.public_id NOT NULL
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.orders (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/12_set_not_null_orders_public_id.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.orders ALTER COLUMN public_id SET NOT NULL;
