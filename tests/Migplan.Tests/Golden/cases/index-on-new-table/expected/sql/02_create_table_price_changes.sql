-- Step 2: Create table price_changes
-- Phase: 1. Schema Changes
-- Lock: SHARE ROW EXCLUSIVE on public.products (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_create_table_price_changes.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_create_table_price_changes';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
CREATE TABLE price_changes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id),
    old_price_cents bigint NOT NULL,
    new_price_cents bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
