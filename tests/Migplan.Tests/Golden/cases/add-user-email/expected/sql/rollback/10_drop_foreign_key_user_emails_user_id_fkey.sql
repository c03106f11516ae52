-- Rollback of step 10: Drop foreign key user_emails_user_id_fkey of user_emails
-- Data loss: none. Re-adds the foreign key NOT VALID and validates it (a scan that lets writes continue).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/10_drop_foreign_key_user_emails_user_id_fkey.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_10_drop_foreign_key_user_emails_user_id_fkey';
-- On timeout (online-scan): nothing changed; re-run once the blocker is gone. The scan itself has no time limit.
SET lock_timeout = '3s';
SET statement_timeout = '0';
DO $migplan$
BEGIN
  IF pg_catalog.to_regclass('public.user_emails') IS NULL THEN
    RAISE NOTICE '% does not exist (it comes back only from the backup): foreign key % not re-added', 'public.user_emails', 'user_emails_user_id_fkey';
  ELSIF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = pg_catalog.to_regclass('public.user_emails')::oid AND conname = 'user_emails_user_id_fkey') THEN
    ALTER TABLE public.user_emails ADD CONSTRAINT user_emails_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) NOT VALID;
  END IF;
END
$migplan$;
ALTER TABLE IF EXISTS public.user_emails VALIDATE CONSTRAINT user_emails_user_id_fkey;
