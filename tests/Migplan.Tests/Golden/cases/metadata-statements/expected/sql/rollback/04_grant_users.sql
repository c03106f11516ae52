-- Rollback of step 4: Grant privileges on users to meta_app
-- Data loss: none. Revokes from meta_app only the privileges the step gave: those the schema's grants show held before are kept (privileges held as the object's owner are not in the schema).
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/04_grant_users.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_04_grant_users';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
REVOKE INSERT, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE users FROM meta_app;
