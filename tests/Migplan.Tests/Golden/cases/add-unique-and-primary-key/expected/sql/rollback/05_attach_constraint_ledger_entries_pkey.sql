-- Rollback of step 5: Attach ledger_entries_pkey as PRIMARY KEY using its index
-- Data loss: none. Drops the constraint; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/05_attach_constraint_ledger_entries_pkey.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_05_attach_constraint_ledger_entries_pkey';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.ledger_entries DROP CONSTRAINT IF EXISTS ledger_entries_pkey;
