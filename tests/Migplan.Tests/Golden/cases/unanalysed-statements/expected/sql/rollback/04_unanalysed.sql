-- Rollback of step 4: Not analysed: review by hand
-- Data loss: unknown (not analysed). Not analysed: write the rollback by hand and judge its data loss.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/04_unanalysed.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_04_unanalysed';
-- Not analysed: write this rollback by hand.
-- Stops here unless migplan.accept_data_loss is on (the by-hand part above is done, or its loss accepted).
DO $migplan$
BEGIN
  IF pg_catalog.lower(pg_catalog.current_setting('migplan.accept_data_loss', true)) IN ('on', 'true', 'yes', '1') IS NOT TRUE THEN
    RAISE EXCEPTION USING MESSAGE = 'rollback of step 4 (Not analysed: review by hand) cannot undo it; data loss: unknown (not analysed)',
      DETAIL = 'Not analysed: write this rollback by hand.',
      HINT = 'Do what it says by hand (or accept the loss), then run this script again with migplan.accept_data_loss on: PGOPTIONS=''-c migplan.accept_data_loss=on'' psql ..., or SET migplan.accept_data_loss = on in the session.';
  END IF;
END
$migplan$;
