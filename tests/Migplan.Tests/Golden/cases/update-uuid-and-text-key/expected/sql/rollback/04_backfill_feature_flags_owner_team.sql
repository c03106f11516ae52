-- Rollback of step 4: Backfill feature_flags.owner_team
-- Data loss: restore from backup. Overwritten values come back only from a backup, or from a copy of the key and columns taken before the step.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/04_backfill_feature_flags_owner_team.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_04_backfill_feature_flags_owner_team';
-- The previous values of owner_team were overwritten: they come back only from a backup
-- (or from a copy taken before this step: CREATE TABLE ... AS SELECT key, columns FROM public.feature_flags).
-- Stops here unless migplan.accept_data_loss is on (the by-hand part above is done, or its loss accepted).
DO $migplan$
BEGIN
  IF pg_catalog.lower(pg_catalog.current_setting('migplan.accept_data_loss', true)) IN ('on', 'true', 'yes', '1') IS NOT TRUE THEN
    RAISE EXCEPTION USING MESSAGE = 'rollback of step 4 (Backfill feature_flags.owner_team) cannot undo it; data loss: restore from backup',
      DETAIL = 'The previous values of owner_team were overwritten: they come back only from a backup
(or from a copy taken before this step: CREATE TABLE ... AS SELECT key, columns FROM public.feature_flags).',
      HINT = 'Do what it says by hand (or accept the loss), then run this script again with migplan.accept_data_loss on: PGOPTIONS=''-c migplan.accept_data_loss=on'' psql ..., or SET migplan.accept_data_loss = on in the session.';
  END IF;
END
$migplan$;
