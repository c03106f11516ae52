-- Step 2: Drop table wishlist_items
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.wishlist_items (brief)
-- Lock: ACCESS EXCLUSIVE on public.users (brief)
-- Lock: ACCESS EXCLUSIVE on public.products (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_drop_table_wishlist_items.sql
\set AUTOCOMMIT on
SET application_name = 'migplan:02_drop_table_wishlist_items';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DROP TABLE IF EXISTS public.wishlist_items;
