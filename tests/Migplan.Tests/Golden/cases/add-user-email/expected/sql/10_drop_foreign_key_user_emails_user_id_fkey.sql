-- Step 10: Drop foreign key user_emails_user_id_fkey of user_emails
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.user_emails (brief)
-- Lock: ACCESS EXCLUSIVE on public.users (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/10_drop_foreign_key_user_emails_user_id_fkey.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:10_drop_foreign_key_user_emails_user_id_fkey';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE IF EXISTS public.user_emails DROP CONSTRAINT IF EXISTS user_emails_user_id_fkey;
