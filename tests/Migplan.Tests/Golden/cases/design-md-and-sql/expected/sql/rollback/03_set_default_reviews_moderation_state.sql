-- Rollback of step 3: Set default of reviews.moderation_state
-- Data loss: none. Restores the previous default; rows written meanwhile keep the new one.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_set_default_reviews_moderation_state.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_set_default_reviews_moderation_state';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.reviews ALTER COLUMN moderation_state DROP DEFAULT;
