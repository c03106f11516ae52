-- Rollback of step 2: Rename members.mail to email
-- Data loss: none. Renames it back; no data changes.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/02_rename_column_members_mail.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_02_rename_column_members_mail';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.members RENAME COLUMN email TO mail;
