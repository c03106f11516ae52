-- Step 3: Add column customers.referral_code
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.customers (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/03_add_column_customers_referral_code.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.customers ADD COLUMN IF NOT EXISTS referral_code text;
