-- Rollback of step 2: Comment on TABLE users
-- Data loss: none. Sets the comment on TABLE users back to the one the schema gives it.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/02_comment_users.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_02_comment_users';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
COMMENT ON TABLE users IS E'Accounts: it''s \\ one per person';
