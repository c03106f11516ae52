-- Step 3: Change type of articles.title to varchar(255)
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.articles (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_alter_type_articles_title.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_alter_type_articles_title';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.articles ALTER COLUMN title TYPE varchar(255);
