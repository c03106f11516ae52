-- Step 6: Truncate ticket_import_staging
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.ticket_import_staging (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/06_truncate_ticket_import_staging.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:06_truncate_ticket_import_staging';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
TRUNCATE ticket_import_staging;
