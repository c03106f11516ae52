-- Step 12: Add events_pkey on public.events and attach the partitions' keys
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on each of 4 relations in turn (brief): public.events, public.events_2025_pkey, public.events_2026_pkey and 1 more
-- Lock: ACCESS SHARE on each of 3 relations in turn (brief): public.events_2025, public.events_2026, public.events_default
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/12_attach_partition_indexes_events_pkey.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:12_attach_partition_indexes_events_pkey';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.events'::regclass::oid AND conname = 'events_pkey') THEN
    ALTER TABLE ONLY public.events ADD CONSTRAINT events_pkey PRIMARY KEY (id, created_at);
  END IF;
END
$migplan$;
ALTER INDEX public.events_pkey ATTACH PARTITION public.events_2025_pkey;
ALTER INDEX public.events_pkey ATTACH PARTITION public.events_2026_pkey;
ALTER INDEX public.events_pkey ATTACH PARTITION public.events_default_pkey;
