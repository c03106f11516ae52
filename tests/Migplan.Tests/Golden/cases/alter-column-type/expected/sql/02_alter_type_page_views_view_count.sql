-- Step 2: Change type of page_views.view_count to bigint
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.page_views (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_alter_type_page_views_view_count.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_alter_type_page_views_view_count';
-- On timeout (window): nothing changed; re-run in the maintenance window once the blocker is gone.
SET lock_timeout = '3s';
SET statement_timeout = '0';
ALTER TABLE public.page_views ALTER COLUMN view_count TYPE bigint;
