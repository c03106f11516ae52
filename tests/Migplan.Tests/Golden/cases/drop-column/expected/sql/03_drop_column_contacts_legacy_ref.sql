-- Step 3: Drop column contacts.legacy_ref
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.contacts (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/03_drop_column_contacts_legacy_ref.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.contacts DROP COLUMN IF EXISTS legacy_ref;
