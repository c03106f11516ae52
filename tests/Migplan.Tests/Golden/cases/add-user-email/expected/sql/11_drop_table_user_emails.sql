-- Step 11: Drop table user_emails
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.user_emails (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/11_drop_table_user_emails.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:11_drop_table_user_emails';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DROP TABLE IF EXISTS public.user_emails;
