-- Rollback of step 5: Add column User Accounts.say "hi"
-- Data loss: only what was written to objects this plan created. Drops the column and whatever was written to it since (the application must no longer use say "hi").
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/05_add_column_user_accounts_say_hi.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_05_add_column_user_accounts_say_hi';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public."User Accounts" DROP COLUMN IF EXISTS "say ""hi""";
