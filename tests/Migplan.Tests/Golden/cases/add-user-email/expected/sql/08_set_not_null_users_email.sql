-- Step 8: Set users.email NOT NULL
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.users (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/08_set_not_null_users_email.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:08_set_not_null_users_email';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public.users'::regclass::oid AND attname = 'email' AND attnotnull)
     AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.users'::regclass::oid AND conname = 'users_email_not_null' AND convalidated) THEN
    RAISE EXCEPTION '% is missing or not validated: run the validation step first (SET NOT NULL would scan % under ACCESS EXCLUSIVE)', 'users_email_not_null', 'public.users';
  END IF;
END
$migplan$;
ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;
