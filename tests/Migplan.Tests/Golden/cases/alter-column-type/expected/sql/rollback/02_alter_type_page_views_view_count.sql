-- Rollback of step 2: Change type of page_views.view_count to bigint
-- Data loss: existing data. Changes the type back, which rewrites the table under ACCESS EXCLUSIVE (run it in a window); it fails if a value written since does not fit integer, and such values must be changed or removed first.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/02_alter_type_page_views_view_count.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_02_alter_type_page_views_view_count';
-- On timeout (window): nothing changed; re-run in the maintenance window once the blocker is gone.
SET lock_timeout = '3s';
SET statement_timeout = '0';
ALTER TABLE public.page_views ALTER COLUMN view_count TYPE integer;
