-- Rollback of step 12: Add events_pkey on public.events and attach the partitions' keys
-- Data loss: safe. Drops events_pkey and every partition's key attached to it, in one brief ACCESS EXCLUSIVE on the table and every partition; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/12_attach_partition_indexes_events_pkey.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_12_attach_partition_indexes_events_pkey';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.events DROP CONSTRAINT IF EXISTS events_pkey;
