-- Step 4: Create function public.touch_updated_at()
-- Phase: 1. Schema Changes
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_create_function_touch_updated_at.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_create_function_touch_updated_at';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now(); -- keep the ; inside the body
    RETURN NEW;
END
$$;
