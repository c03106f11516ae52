-- Step 3: Drop foreign key wishlist_items_product_fk of wishlist_items
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.wishlist_items (brief)
-- Lock: ACCESS EXCLUSIVE on public.products (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_drop_foreign_key_wishlist_items_product_fk.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_drop_foreign_key_wishlist_items_product_fk';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS public.wishlist_items DROP CONSTRAINT IF EXISTS wishlist_items_product_fk;
