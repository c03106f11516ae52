-- Step 8: Rename User Accounts.Display Name to user
-- Phase: 2. Data Migration
-- Lock: ACCESS EXCLUSIVE on public."User Accounts" (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/08_rename_column_user_accounts_display_name.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:08_rename_column_user_accounts_display_name';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public."User Accounts"'::regclass::oid AND attname = 'Display Name' AND NOT attisdropped) THEN
    ALTER TABLE public."User Accounts" RENAME COLUMN "Display Name" TO "user";
  END IF;
END
$migplan$;
