-- Step 3: Rename table members to subscribers, keeping a view with the old name
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.members (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_rename_table_members.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_rename_table_members';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF pg_catalog.to_regclass('public.subscribers') IS NULL THEN
    ALTER TABLE public.members RENAME TO subscribers;
    CREATE VIEW public.members AS SELECT * FROM public.subscribers;
  END IF;
END
$migplan$;
