-- Step 3: Add column accounts.synced_at
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.accounts (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/03_add_column_accounts_synced_at.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.accounts ADD COLUMN IF NOT EXISTS synced_at timestamptz DEFAULT now();
