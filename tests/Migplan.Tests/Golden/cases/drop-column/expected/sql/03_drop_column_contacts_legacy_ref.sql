-- Step 3: Drop column contacts.legacy_ref
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.contacts (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_drop_column_contacts_legacy_ref.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_drop_column_contacts_legacy_ref';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.contacts DROP COLUMN IF EXISTS legacy_ref;
