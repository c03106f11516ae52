-- Rollback of step 8: Create compatibility view migplan_compat_public."User Accounts"
-- Data loss: none. Drops the compatibility view, and its schema once empty.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/08_compat_view_user_accounts.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_08_compat_view_user_accounts';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  DROP VIEW IF EXISTS migplan_compat_public."User Accounts";
  IF pg_catalog.to_regnamespace('migplan_compat_public') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
       WHERE d.refclassid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.refobjid = pg_catalog.to_regnamespace('migplan_compat_public')) THEN
    DROP SCHEMA migplan_compat_public;
  END IF;
END
$migplan$;
