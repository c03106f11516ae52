-- Step 3: Create index price_changes_product_idx
-- Phase: 1. Schema Changes
-- Lock: SHARE on public.price_changes (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_create_index_price_changes_product_idx.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_create_index_price_changes_product_idx';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
CREATE INDEX IF NOT EXISTS price_changes_product_idx ON public.price_changes (product_id, changed_at);
