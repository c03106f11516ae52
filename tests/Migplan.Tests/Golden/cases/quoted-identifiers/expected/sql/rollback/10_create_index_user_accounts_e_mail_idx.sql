-- Rollback of step 10: Create index User Accounts_E-mail_idx concurrently
-- Data loss: none. Drops the index; no data changes (queries lose the index).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/10_create_index_user_accounts_e_mail_idx.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_10_create_index_user_accounts_e_mail_idx';
-- On timeout (concurrent): no timeouts; if cancelled or failed, re-run: an INVALID index left behind is dropped first.
SET lock_timeout = '0';
SET statement_timeout = '0';
DROP INDEX CONCURRENTLY IF EXISTS public."User Accounts_E-mail_idx";
