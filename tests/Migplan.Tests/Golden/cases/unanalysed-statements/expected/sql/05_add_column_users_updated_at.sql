-- Step 5: Add column users.updated_at
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.users (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/05_add_column_users_updated_at.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:05_add_column_users_updated_at';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.users ADD COLUMN IF NOT EXISTS updated_at timestamptz;
