-- Rollback of step 3: Add column accounts.synced_at
-- Data loss: data loss. Drops the column and whatever was written to it since (the application must no longer use synced_at).
-- Run: psql -v ON_ERROR_STOP=1 -f sql/rollback/03_add_column_accounts_synced_at.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.accounts DROP COLUMN IF EXISTS synced_at;
