-- Rollback of step 4: Drop table wishlist_items
-- Data loss: restore from backup. Data comes back only from a backup (or from the copy wishlist_items_migplan_copy, if it was kept before the drop).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/04_drop_table_wishlist_items.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_04_drop_table_wishlist_items';
-- public.wishlist_items and its 5,400,000 rows come back only from a backup. From the dump of the table taken before the plan, restore the whole archive: the table, its rows, primary key, indexes, constraints, triggers and owned sequences (pg_restore --table would bring back only the table and its rows):
--   pg_restore --dbname=DBNAME --single-transaction --exit-on-error wishlist_items.dump
-- or, if the copy was kept (its indexes have other names; it has no foreign keys): ALTER TABLE public.wishlist_items_migplan_copy RENAME TO wishlist_items;
-- Stops here unless migplan.accept_data_loss is on (the by-hand part above is done, or its loss accepted).
DO $migplan$
BEGIN
  IF pg_catalog.lower(pg_catalog.current_setting('migplan.accept_data_loss', true)) IN ('on', 'true', 'yes', '1') IS NOT TRUE THEN
    RAISE EXCEPTION USING MESSAGE = 'rollback of step 4 (Drop table wishlist_items) cannot undo it; data loss: restore from backup',
      DETAIL = 'public.wishlist_items and its 5,400,000 rows come back only from a backup. From the dump of the table taken before the plan, restore the whole archive: the table, its rows, primary key, indexes, constraints, triggers and owned sequences (pg_restore --table would bring back only the table and its rows):
  pg_restore --dbname=DBNAME --single-transaction --exit-on-error wishlist_items.dump
or, if the copy was kept (its indexes have other names; it has no foreign keys): ALTER TABLE public.wishlist_items_migplan_copy RENAME TO wishlist_items;',
      HINT = 'Do what it says by hand (or accept the loss), then run this script again with migplan.accept_data_loss on: PGOPTIONS=''-c migplan.accept_data_loss=on'' psql ..., or SET migplan.accept_data_loss = on in the session.';
  END IF;
END
$migplan$;
