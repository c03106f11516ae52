-- Rollback of step 3: Comment on COLUMN users.deleted_at
-- Data loss: none. Removes the comment on COLUMN users.deleted_at: the schema gives it none.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_comment_deleted_at.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_comment_deleted_at';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
COMMENT ON COLUMN users.deleted_at IS NULL;
