-- Rollback of step 3: Drop column contacts.legacy_ref
-- Data loss: restore from backup. Data comes back only from a backup (or from the copy contacts_legacy_ref_migplan_copy, if it was kept before the drop).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_drop_column_contacts_legacy_ref.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_drop_column_contacts_legacy_ref';
-- The values of contacts.legacy_ref come back only from a backup, or from the copy if it was kept:
--   ALTER TABLE public.contacts ADD COLUMN legacy_ref text;
--   UPDATE public.contacts t SET legacy_ref = c.legacy_ref FROM public.contacts_legacy_ref_migplan_copy c WHERE <key matches>; (in batches)
-- Stops here unless migplan.accept_data_loss is on (the by-hand part above is done, or its loss accepted).
DO $migplan$
BEGIN
  IF pg_catalog.lower(pg_catalog.current_setting('migplan.accept_data_loss', true)) IN ('on', 'true', 'yes', '1') IS NOT TRUE THEN
    RAISE EXCEPTION USING MESSAGE = 'rollback of step 3 (Drop column contacts.legacy_ref) cannot undo it; data loss: restore from backup',
      DETAIL = 'The values of contacts.legacy_ref come back only from a backup, or from the copy if it was kept:
  ALTER TABLE public.contacts ADD COLUMN legacy_ref text;
  UPDATE public.contacts t SET legacy_ref = c.legacy_ref FROM public.contacts_legacy_ref_migplan_copy c WHERE <key matches>; (in batches)',
      HINT = 'Do what it says by hand (or accept the loss), then run this script again with migplan.accept_data_loss on: PGOPTIONS=''-c migplan.accept_data_loss=on'' psql ..., or SET migplan.accept_data_loss = on in the session.';
  END IF;
END
$migplan$;
