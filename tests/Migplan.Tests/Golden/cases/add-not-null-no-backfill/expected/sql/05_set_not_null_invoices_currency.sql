-- Step 5: Set invoices.currency NOT NULL
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.invoices (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/05_set_not_null_invoices_currency.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.invoices ALTER COLUMN currency SET NOT NULL;
