-- Step 4: Not analysed: review by hand
-- Phase: 1. Schema Changes
-- NOT ANALYSED: carried verbatim from the change; review by hand before running.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_unanalysed.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_unanalysed';
-- On timeout (unanalysed): nothing changed; re-run once the blocker is gone (the lock it takes is unknown).
SET lock_timeout = '3s';
SET statement_timeout = '0';
CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now(); -- keep the ; inside the body
    RETURN NEW;
END
$$;
