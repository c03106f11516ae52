-- Rollback of step 3: Rename table members to subscribers
-- Data loss: safe. Renames it back.
-- Run: psql -v ON_ERROR_STOP=1 -f sql/rollback/03_rename_table_members.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.subscribers RENAME TO members;
