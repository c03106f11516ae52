-- Step 4: Set shipments.carrier NOT NULL
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.shipments (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/04_set_not_null_shipments_carrier.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.shipments ALTER COLUMN carrier SET NOT NULL;
