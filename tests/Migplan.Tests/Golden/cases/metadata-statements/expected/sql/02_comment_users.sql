-- Step 2: Comment on TABLE users
-- Phase: 1. Schema Changes
-- Lock: SHARE UPDATE EXCLUSIVE on public.users (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_comment_users.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_comment_users';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
COMMENT ON TABLE users IS 'People';
