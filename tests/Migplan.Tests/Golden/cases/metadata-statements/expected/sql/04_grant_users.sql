-- Step 4: Grant privileges on users to meta_app
-- Phase: 1. Schema Changes
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_grant_users.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_grant_users';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
GRANT ALL ON users TO meta_app;
