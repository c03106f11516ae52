-- Step 5: Attach ledger_entries_pkey as PRIMARY KEY using its index
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.ledger_entries (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/05_attach_constraint_ledger_entries_pkey.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:05_attach_constraint_ledger_entries_pkey';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'public.ledger_entries'::regclass::oid AND conname = 'ledger_entries_pkey') THEN
    ALTER TABLE public.ledger_entries ADD CONSTRAINT ledger_entries_pkey PRIMARY KEY USING INDEX ledger_entries_pkey;
  END IF;
END
$migplan$;
