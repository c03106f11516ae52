-- Step 4: Drop index orders_tags_idx concurrently
-- Phase: 3. Cleanup
-- Lock: SHARE UPDATE EXCLUSIVE on public.orders (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_drop_index_orders_tags_idx.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_drop_index_orders_tags_idx';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
DROP INDEX CONCURRENTLY IF EXISTS public.orders_tags_idx;
