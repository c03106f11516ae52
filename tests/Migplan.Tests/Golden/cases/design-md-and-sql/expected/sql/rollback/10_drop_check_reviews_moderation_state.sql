-- Rollback of step 10: Drop helper check reviews_moderation_state_not_null
-- Data loss: none. Re-adds the helper check as NOT VALID; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/10_drop_check_reviews_moderation_state.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_10_drop_check_reviews_moderation_state';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.reviews'::regclass::oid AND conname = 'reviews_moderation_state_not_null') THEN
    ALTER TABLE public.reviews ADD CONSTRAINT reviews_moderation_state_not_null CHECK (moderation_state IS NOT NULL) NOT VALID;
  ELSIF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.reviews'::regclass::oid AND conname = 'reviews_moderation_state_not_null' AND contype = 'c' AND pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(oid), ' NOT VALID$', '') = pg_catalog.format('CHECK ((%I IS NOT NULL))', 'moderation_state')) THEN
    RAISE EXCEPTION 'constraint % of % is not the helper check this plan adds: it is left alone; re-plan with the current schema', 'reviews_moderation_state_not_null', 'public.reviews';
  END IF;
END
$migplan$;
