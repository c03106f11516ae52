-- Rollback of step 4: Add constraint order_items_product_fk NOT VALID
-- Data loss: none. Drops the constraint; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/04_add_constraint_order_items_product_fk.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_04_add_constraint_order_items_product_fk';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.order_items DROP CONSTRAINT IF EXISTS order_items_product_fk;
