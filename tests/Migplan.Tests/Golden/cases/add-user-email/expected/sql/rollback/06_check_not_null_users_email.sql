-- Rollback of step 6: Add NOT VALID check users_email_not_null
-- Data loss: safe. Drops the helper check; no data changes.
-- Run: psql -v ON_ERROR_STOP=1 -f sql/rollback/06_check_not_null_users_email.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.users DROP CONSTRAINT IF EXISTS users_email_not_null;
