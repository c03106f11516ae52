-- Step 5: Make events_kind_idx on public.events and attach the partitions' indexes
-- Phase: 1. Schema Changes
-- Lock: SHARE on each of 1 relations in turn (brief): public.events
-- Lock: ACCESS SHARE on each of 3 relations in turn (brief): public.events_2025, public.events_2026, public.events_default
-- Lock: ACCESS EXCLUSIVE on each of 3 relations in turn (brief): public.events_2025_kind_idx, public.events_2026_kind_idx, public.events_default_kind_idx
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/05_attach_partition_indexes_events_kind_idx.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:05_attach_partition_indexes_events_kind_idx';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
CREATE INDEX IF NOT EXISTS events_kind_idx ON ONLY public.events (kind);
ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_2025_kind_idx;
ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_2026_kind_idx;
ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_default_kind_idx;
