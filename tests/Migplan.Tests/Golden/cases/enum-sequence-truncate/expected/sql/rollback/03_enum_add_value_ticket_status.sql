-- Rollback of step 3: Add value on_hold to type ticket_status
-- Data loss: none. Cannot be undone: PostgreSQL cannot drop an enum value, so the value stays (unused, it is harmless); removing it means recreating the type by hand.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_enum_add_value_ticket_status.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_enum_add_value_ticket_status';
-- PostgreSQL cannot drop an enum value: nothing safe can be run, and 'on_hold' stays in public.ticket_status (unused, it is harmless).
-- To remove it by hand once no row uses it (every column of type public.ticket_status: SELECT count(*) FROM ... WHERE col = 'on_hold';), recreate the type
-- in a maintenance window: CREATE TYPE public.ticket_status_new AS ENUM (the other values, in order); ALTER TABLE ... ALTER COLUMN ... TYPE public.ticket_status_new USING col::text::public.ticket_status_new; (each column,
-- a rewrite under ACCESS EXCLUSIVE) DROP TYPE public.ticket_status; ALTER TYPE public.ticket_status_new RENAME TO ticket_status;
-- Stops here unless migplan.accept_data_loss is on (the by-hand part above is done, or its loss accepted).
DO $migplan$
BEGIN
  IF pg_catalog.lower(pg_catalog.current_setting('migplan.accept_data_loss', true)) IN ('on', 'true', 'yes', '1') IS NOT TRUE THEN
    RAISE EXCEPTION USING MESSAGE = 'rollback of step 3 (Add value on_hold to type ticket_status) cannot undo it; data loss: none',
      DETAIL = 'PostgreSQL cannot drop an enum value: nothing safe can be run, and ''on_hold'' stays in public.ticket_status (unused, it is harmless).
To remove it by hand once no row uses it (every column of type public.ticket_status: SELECT count(*) FROM ... WHERE col = ''on_hold'';), recreate the type
in a maintenance window: CREATE TYPE public.ticket_status_new AS ENUM (the other values, in order); ALTER TABLE ... ALTER COLUMN ... TYPE public.ticket_status_new USING col::text::public.ticket_status_new; (each column,
a rewrite under ACCESS EXCLUSIVE) DROP TYPE public.ticket_status; ALTER TYPE public.ticket_status_new RENAME TO ticket_status;',
      HINT = 'Do what it says by hand (or accept the loss), then run this script again with migplan.accept_data_loss on: PGOPTIONS=''-c migplan.accept_data_loss=on'' psql ..., or SET migplan.accept_data_loss = on in the session.';
  END IF;
END
$migplan$;
