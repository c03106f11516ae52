-- Rollback of step 2: Change type of page_views.view_count to bigint
-- Data loss: safe. Changes the type back (the same lock and, unless binary-coercible, the same rewrite).
-- Run: psql -v ON_ERROR_STOP=1 -f sql/rollback/02_alter_type_page_views_view_count.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.page_views ALTER COLUMN view_count TYPE integer;
