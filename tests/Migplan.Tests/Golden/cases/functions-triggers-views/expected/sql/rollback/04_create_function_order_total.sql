-- Rollback of step 4: Create function public.order_total(bigint, boolean)
-- Data loss: none. Drops the function the step created: exactly it, by its argument types (other overloads stay).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/04_create_function_order_total.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_04_create_function_order_total';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DROP FUNCTION order_total(bigint, boolean);
