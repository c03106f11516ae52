-- Step 3: Validate order_items_quantity_positive
-- Phase: 3. Cleanup
-- Lock: SHARE UPDATE EXCLUSIVE on public.order_items (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_validate_order_items_quantity_positive.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_validate_order_items_quantity_positive';
-- On timeout (online-scan): nothing changed; re-run once the blocker is gone. The scan itself has no time limit.
SET lock_timeout = '3s';
SET statement_timeout = '0';
ALTER TABLE public.order_items VALIDATE CONSTRAINT order_items_quantity_positive;
