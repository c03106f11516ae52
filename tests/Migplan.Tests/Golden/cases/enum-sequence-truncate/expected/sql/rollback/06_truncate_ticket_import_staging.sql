-- Rollback of step 6: Truncate ticket_import_staging
-- Data loss: restore from backup. Data comes back only from a backup.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/06_truncate_ticket_import_staging.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_06_truncate_ticket_import_staging';
-- The rows of public.ticket_import_staging come back only from a backup.
-- Stops here unless migplan.accept_data_loss is on (the by-hand part above is done, or its loss accepted).
DO $migplan$
BEGIN
  IF pg_catalog.lower(pg_catalog.current_setting('migplan.accept_data_loss', true)) IN ('on', 'true', 'yes', '1') IS NOT TRUE THEN
    RAISE EXCEPTION USING MESSAGE = 'rollback of step 6 (Truncate ticket_import_staging) cannot undo it; data loss: restore from backup',
      DETAIL = 'The rows of public.ticket_import_staging come back only from a backup.',
      HINT = 'Do what it says by hand (or accept the loss), then run this script again with migplan.accept_data_loss on: PGOPTIONS=''-c migplan.accept_data_loss=on'' psql ..., or SET migplan.accept_data_loss = on in the session.';
  END IF;
END
$migplan$;
