-- Rollback of step 5: Add column users.updated_at
-- Data loss: only what was written to objects this plan created. Drops the column and whatever was written to it since (the application must no longer use updated_at).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/05_add_column_users_updated_at.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_05_add_column_users_updated_at';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.users DROP COLUMN IF EXISTS updated_at;
