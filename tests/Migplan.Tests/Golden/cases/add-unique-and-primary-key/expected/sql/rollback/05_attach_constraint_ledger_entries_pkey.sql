-- Rollback of step 5: Attach ledger_entries_pkey as PRIMARY KEY using its index
-- Data loss: safe. Drops the constraint; no data changes.
-- Run: psql -v ON_ERROR_STOP=1 -f sql/rollback/05_attach_constraint_ledger_entries_pkey.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.ledger_entries DROP CONSTRAINT IF EXISTS ledger_entries_pkey;
