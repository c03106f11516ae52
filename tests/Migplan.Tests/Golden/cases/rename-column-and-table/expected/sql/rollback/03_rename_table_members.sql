-- Rollback of step 3: Rename table members to subscribers, keeping a view with the old name
-- Data loss: none. Drops the compatibility view and renames the table back.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_rename_table_members.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_rename_table_members';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF pg_catalog.to_regclass('public.subscribers') IS NOT NULL THEN
    DROP VIEW IF EXISTS public.members;
    ALTER TABLE public.subscribers RENAME TO members;
  END IF;
END
$migplan$;
