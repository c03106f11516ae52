-- Step 4: Create function public.order_total(bigint, boolean)
-- Phase: 1. Schema Changes
-- Lock: ACCESS SHARE on public.orders (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_create_function_order_total.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_create_function_order_total';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
CREATE FUNCTION order_total(id bigint, OUT total numeric, with_tax boolean)
    LANGUAGE sql STABLE AS $$ SELECT o.total * CASE WHEN with_tax THEN 1.2 ELSE 1 END FROM orders o WHERE o.id = $1 $$;
