-- Step 9: Set reviews.moderation_state NOT NULL
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.reviews (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/09_set_not_null_reviews_moderation_state.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:09_set_not_null_reviews_moderation_state';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public.reviews'::regclass::oid AND attname = 'moderation_state' AND attnotnull)
     AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.reviews'::regclass::oid AND conname = 'reviews_moderation_state_not_null' AND convalidated) THEN
    RAISE EXCEPTION '% is missing or not validated: run the validation step first (SET NOT NULL would scan % under ACCESS EXCLUSIVE)', 'reviews_moderation_state_not_null', 'public.reviews';
  END IF;
END
$migplan$;
ALTER TABLE public.reviews ALTER COLUMN moderation_state SET NOT NULL;
