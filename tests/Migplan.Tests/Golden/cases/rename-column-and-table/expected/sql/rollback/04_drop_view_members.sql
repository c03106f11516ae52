-- Rollback of step 4: Drop compatibility view members
-- Data loss: none. Recreates the compatibility view.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/04_drop_view_members.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_04_drop_view_members';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
CREATE OR REPLACE VIEW public.members AS SELECT * FROM public.subscribers;
