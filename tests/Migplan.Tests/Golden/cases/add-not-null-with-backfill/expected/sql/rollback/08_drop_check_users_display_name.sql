-- Rollback of step 8: Drop helper check users_display_name_not_null
-- Data loss: none. Re-adds the helper check as NOT VALID; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/08_drop_check_users_display_name.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_08_drop_check_users_display_name';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.users'::regclass::oid AND conname = 'users_display_name_not_null') THEN
    ALTER TABLE public.users ADD CONSTRAINT users_display_name_not_null CHECK (display_name IS NOT NULL) NOT VALID;
  ELSIF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.users'::regclass::oid AND conname = 'users_display_name_not_null' AND contype = 'c' AND pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(oid), ' NOT VALID$', '') = pg_catalog.format('CHECK ((%I IS NOT NULL))', 'display_name')) THEN
    RAISE EXCEPTION 'constraint % of % is not the helper check this plan adds: it is left alone; re-plan with the current schema', 'users_display_name_not_null', 'public.users';
  END IF;
END
$migplan$;
