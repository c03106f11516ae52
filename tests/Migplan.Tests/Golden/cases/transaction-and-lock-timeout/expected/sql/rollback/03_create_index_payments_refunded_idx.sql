-- Rollback of step 3: Create index payments_refunded_idx concurrently
-- Data loss: none. Drops the index; no data changes (queries lose the index).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_create_index_payments_refunded_idx.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_create_index_payments_refunded_idx';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
SET search_path = public, pg_temp;
DROP INDEX CONCURRENTLY IF EXISTS public.payments_refunded_idx;
