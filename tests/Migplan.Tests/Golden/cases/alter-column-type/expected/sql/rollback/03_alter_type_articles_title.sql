-- Rollback of step 3: Change type of articles.title to varchar(255)
-- Data loss: existing data. Changes the type back, which rewrites the table under ACCESS EXCLUSIVE (run it in a window); it fails if a value written since does not fit varchar(100), and such values must be changed or removed first.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/03_alter_type_articles_title.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_03_alter_type_articles_title';
-- On timeout (window): nothing changed; re-run in the maintenance window once the blocker is gone.
SET lock_timeout = '3s';
SET statement_timeout = '0';
ALTER TABLE public.articles ALTER COLUMN title TYPE varchar(100);
