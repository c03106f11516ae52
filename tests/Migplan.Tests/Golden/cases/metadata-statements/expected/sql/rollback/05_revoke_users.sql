-- Rollback of step 5: Revoke privileges on users from meta_app
-- Data loss: none. Grants back to meta_app the privileges the schema's grants show held before the step, with the grant option where it was held.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/05_revoke_users.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_05_revoke_users';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
GRANT UPDATE ON TABLE users TO meta_app;
