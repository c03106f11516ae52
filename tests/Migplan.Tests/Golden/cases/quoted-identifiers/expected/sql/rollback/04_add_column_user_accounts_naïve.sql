-- Rollback of step 4: Add column User Accounts.naïve
-- Data loss: data loss. Drops the column and whatever was written to it since (the application must no longer use naïve).
-- Run: psql -v ON_ERROR_STOP=1 -f sql/rollback/04_add_column_user_accounts_naïve.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public."User Accounts" DROP COLUMN IF EXISTS "naïve";
