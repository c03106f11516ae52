-- Rollback of step 3: Attach coupons_code_key as UNIQUE using its index
-- Data loss: safe. Drops the constraint; no data changes.
-- Run: psql -v ON_ERROR_STOP=1 -f sql/rollback/03_attach_constraint_coupons_code_key.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.coupons DROP CONSTRAINT IF EXISTS coupons_code_key;
