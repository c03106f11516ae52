-- Rollback of step 2: Create table price_changes
-- Data loss: only what was written to objects this plan created. Drops the new table and anything written to it since.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/02_create_table_price_changes.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_02_create_table_price_changes';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DROP TABLE IF EXISTS public.price_changes;
