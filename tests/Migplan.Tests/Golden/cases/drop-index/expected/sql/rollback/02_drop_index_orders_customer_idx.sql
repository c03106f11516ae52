-- Rollback of step 2: Drop index orders_customer_idx concurrently
-- Data loss: none. Rebuilds the index concurrently.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/02_drop_index_orders_customer_idx.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_02_drop_index_orders_customer_idx';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON public.orders (customer_id);
