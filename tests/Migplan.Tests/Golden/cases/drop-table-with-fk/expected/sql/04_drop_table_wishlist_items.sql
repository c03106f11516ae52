-- Step 4: Drop table wishlist_items
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.wishlist_items (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_drop_table_wishlist_items.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_drop_table_wishlist_items';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DROP TABLE IF EXISTS public.wishlist_items;
