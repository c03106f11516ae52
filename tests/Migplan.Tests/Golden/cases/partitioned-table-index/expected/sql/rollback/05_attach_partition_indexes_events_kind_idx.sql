-- Rollback of step 5: Make events_kind_idx on public.events and attach the partitions' indexes
-- Data loss: safe. Drops events_kind_idx and every partition's index attached to it, in one brief ACCESS EXCLUSIVE on the table and every partition (PostgreSQL cannot drop a partitioned index CONCURRENTLY); no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/05_attach_partition_indexes_events_kind_idx.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_05_attach_partition_indexes_events_kind_idx';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DROP INDEX IF EXISTS public.events_kind_idx;
