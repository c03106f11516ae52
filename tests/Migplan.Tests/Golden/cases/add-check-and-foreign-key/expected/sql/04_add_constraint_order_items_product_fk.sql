-- Step 4: Add constraint order_items_product_fk NOT VALID
-- Phase: 3. Cleanup
-- Lock: SHARE ROW EXCLUSIVE on public.order_items (brief)
-- Lock: SHARE ROW EXCLUSIVE on public.products (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_add_constraint_order_items_product_fk.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_add_constraint_order_items_product_fk';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.order_items'::regclass::oid AND conname = 'order_items_product_fk') THEN
    ALTER TABLE public.order_items ADD CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;
  END IF;
END
$migplan$;
