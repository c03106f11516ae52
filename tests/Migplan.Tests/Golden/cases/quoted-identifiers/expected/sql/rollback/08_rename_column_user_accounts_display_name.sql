-- Rollback of step 8: Rename User Accounts.Display Name to user
-- Data loss: none. Renames it back; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/08_rename_column_user_accounts_display_name.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_08_rename_column_user_accounts_display_name';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public."User Accounts" RENAME COLUMN "user" TO "Display Name";
