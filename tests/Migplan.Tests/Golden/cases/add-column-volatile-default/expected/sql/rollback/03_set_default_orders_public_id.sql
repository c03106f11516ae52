-- Rollback of step 3: Set default of orders.public_id for new rows
-- Data loss: safe. New rows get NULL again; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_set_default_orders_public_id.sql
\set AUTOCOMMIT on
SET application_name = 'migplan:rollback_03_set_default_orders_public_id';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.orders ALTER COLUMN public_id DROP DEFAULT;
