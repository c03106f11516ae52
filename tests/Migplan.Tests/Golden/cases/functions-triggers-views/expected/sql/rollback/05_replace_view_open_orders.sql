-- Rollback of step 5: Replace view public.open_orders
-- Data loss: none. Restores the view's definition from the schema.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/05_replace_view_open_orders.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_05_replace_view_open_orders';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
BEGIN
  EXECUTE 'CREATE OR REPLACE VIEW open_orders AS SELECT id, total FROM orders WHERE status = ''open''';
EXCEPTION WHEN invalid_table_definition THEN
  EXECUTE 'DROP VIEW open_orders';
  EXECUTE 'CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status = ''open''';
END
$migplan$;
