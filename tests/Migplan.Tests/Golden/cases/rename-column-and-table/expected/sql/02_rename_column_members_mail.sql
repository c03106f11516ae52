-- Step 2: Rename members.mail to email
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.members (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_rename_column_members_mail.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_rename_column_members_mail';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public.members'::regclass::oid AND attname = 'mail' AND NOT attisdropped) THEN
    ALTER TABLE public.members RENAME COLUMN mail TO email;
  END IF;
END
$migplan$;
