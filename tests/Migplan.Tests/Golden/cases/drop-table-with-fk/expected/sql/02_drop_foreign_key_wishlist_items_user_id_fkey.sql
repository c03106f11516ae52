-- Step 2: Drop foreign key wishlist_items_user_id_fkey of wishlist_items
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.wishlist_items (brief)
-- Lock: ACCESS EXCLUSIVE on public.users (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_drop_foreign_key_wishlist_items_user_id_fkey.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_drop_foreign_key_wishlist_items_user_id_fkey';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS public.wishlist_items DROP CONSTRAINT IF EXISTS wishlist_items_user_id_fkey;
