-- Step 9: Attach events_2026_pkey as PRIMARY KEY using its index
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.events_2026 (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/09_attach_constraint_events_2026_pkey.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:09_attach_constraint_events_2026_pkey';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.events_2026'::regclass::oid AND conname = 'events_2026_pkey') THEN
    ALTER TABLE public.events_2026 ADD CONSTRAINT events_2026_pkey PRIMARY KEY USING INDEX events_2026_pkey;
  END IF;
END
$migplan$;
