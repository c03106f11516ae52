-- Step 4: Add column User Accounts.naïve
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public."User Accounts" (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/04_add_column_user_accounts_naïve.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public."User Accounts" ADD COLUMN IF NOT EXISTS "naïve" boolean;
