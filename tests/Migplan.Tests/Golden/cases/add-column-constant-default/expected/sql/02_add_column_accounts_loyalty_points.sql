-- Step 2: Add column accounts.loyalty_points
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.accounts (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/02_add_column_accounts_loyalty_points.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.accounts ADD COLUMN IF NOT EXISTS loyalty_points integer DEFAULT 0 NOT NULL;
