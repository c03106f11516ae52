-- Rollback of step 3: Attach coupons_code_key as UNIQUE using its index
-- Data loss: none. Drops the constraint; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_attach_constraint_coupons_code_key.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_attach_constraint_coupons_code_key';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.coupons DROP CONSTRAINT IF EXISTS coupons_code_key;
