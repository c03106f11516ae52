-- Step 3: Rename table members to subscribers
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.members (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/03_rename_table_members.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.members RENAME TO subscribers;
