-- Rollback of step 5: Set default of orders.inserted_at for new rows
-- Data loss: safe. New rows get NULL again; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/05_set_default_orders_inserted_at.sql
\set AUTOCOMMIT on
SET application_name = 'migplan:rollback_05_set_default_orders_inserted_at';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.orders ALTER COLUMN inserted_at DROP DEFAULT;
