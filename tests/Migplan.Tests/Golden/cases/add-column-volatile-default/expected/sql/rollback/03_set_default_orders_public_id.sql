-- Rollback of step 3: Set default of orders.public_id for new rows
-- Data loss: safe. New rows get NULL again; no data changes.
-- Run: psql -v ON_ERROR_STOP=1 -f sql/rollback/03_set_default_orders_public_id.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.orders ALTER COLUMN public_id DROP DEFAULT;
