-- Step 11: Attach events_default_pkey as PRIMARY KEY using its index
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.events_default (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/11_attach_constraint_events_default_pkey.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:11_attach_constraint_events_default_pkey';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.events_default'::regclass::oid AND conname = 'events_default_pkey') THEN
    ALTER TABLE public.events_default ADD CONSTRAINT events_default_pkey PRIMARY KEY USING INDEX events_default_pkey;
  END IF;
END
$migplan$;
