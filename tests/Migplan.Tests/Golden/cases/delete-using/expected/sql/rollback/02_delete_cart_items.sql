-- Rollback of step 2: Delete from cart_items
-- Data loss: restore from backup. Deleted rows come back only from a backup, or from a copy taken before the step.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/02_delete_cart_items.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_02_delete_cart_items';
-- Deleted rows come back only from a backup (or from a copy taken before this step, e.g.
-- CREATE TABLE cart_items_deleted_backup AS SELECT * FROM public.cart_items WHERE ...;).
-- Stops here unless migplan.accept_data_loss is on (the by-hand part above is done, or its loss accepted).
DO $migplan$
BEGIN
  IF pg_catalog.lower(pg_catalog.current_setting('migplan.accept_data_loss', true)) IN ('on', 'true', 'yes', '1') IS NOT TRUE THEN
    RAISE EXCEPTION USING MESSAGE = 'rollback of step 2 (Delete from cart_items) cannot undo it; data loss: restore from backup',
      DETAIL = 'Deleted rows come back only from a backup (or from a copy taken before this step, e.g.
CREATE TABLE cart_items_deleted_backup AS SELECT * FROM public.cart_items WHERE ...;).',
      HINT = 'Do what it says by hand (or accept the loss), then run this script again with migplan.accept_data_loss on: PGOPTIONS=''-c migplan.accept_data_loss=on'' psql ..., or SET migplan.accept_data_loss = on in the session.';
  END IF;
END
$migplan$;
