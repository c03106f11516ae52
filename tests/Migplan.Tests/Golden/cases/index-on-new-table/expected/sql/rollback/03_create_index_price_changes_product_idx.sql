-- Rollback of step 3: Create index price_changes_product_idx
-- Data loss: none. Drops the index; no data changes (queries lose the index).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_create_index_price_changes_product_idx.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_create_index_price_changes_product_idx';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DROP INDEX IF EXISTS public.price_changes_product_idx;
