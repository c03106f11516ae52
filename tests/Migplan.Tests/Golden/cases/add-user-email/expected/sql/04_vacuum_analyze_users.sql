-- Step 4: VACUUM (ANALYZE) users
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public.users (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_vacuum_analyze_users.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_vacuum_analyze_users';
-- On timeout (online-scan): nothing changed; re-run once the blocker is gone. The scan itself has no time limit.
SET lock_timeout = '3s';
SET statement_timeout = '0';
VACUUM (ANALYZE) public.users;
