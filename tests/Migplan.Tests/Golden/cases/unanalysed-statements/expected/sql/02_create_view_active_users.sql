-- Step 2: Create view public.active_users
-- Phase: 1. Schema Changes
-- Lock: ACCESS SHARE on public.users (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_create_view_active_users.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_create_view_active_users';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
CREATE VIEW active_users AS
    SELECT id, email FROM users WHERE deleted_at IS NULL;
