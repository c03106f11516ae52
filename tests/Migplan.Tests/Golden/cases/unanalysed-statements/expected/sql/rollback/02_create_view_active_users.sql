-- Rollback of step 2: Create view public.active_users
-- Data loss: none. Drops the view the step created.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/02_create_view_active_users.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_02_create_view_active_users';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DROP VIEW active_users;
