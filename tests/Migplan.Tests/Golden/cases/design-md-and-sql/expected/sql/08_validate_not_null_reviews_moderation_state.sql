-- Step 8: Validate reviews_moderation_state_not_null
-- Phase: 3. Cleanup
-- Lock: SHARE UPDATE EXCLUSIVE on public.reviews (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/08_validate_not_null_reviews_moderation_state.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:08_validate_not_null_reviews_moderation_state';
-- On timeout (online-scan): nothing changed; re-run once the blocker is gone. The scan itself has no time limit.
SET lock_timeout = '3s';
SET statement_timeout = '0';
ALTER TABLE public.reviews VALIDATE CONSTRAINT reviews_moderation_state_not_null;
