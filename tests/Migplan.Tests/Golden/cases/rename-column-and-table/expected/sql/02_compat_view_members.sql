-- Step 2: Create compatibility view migplan_compat_public.members
-- Phase: 1. Schema Changes
-- Lock: ACCESS SHARE on public.members (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_compat_view_members.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_compat_view_members';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DO $migplan$
DECLARE
  g record;
BEGIN
  CREATE SCHEMA IF NOT EXISTS migplan_compat_public;
  IF pg_catalog.to_regclass('migplan_compat_public.members') IS NULL THEN
    CREATE VIEW migplan_compat_public.members WITH (security_invoker = true) AS SELECT id, mail, joined_at FROM public.members;
    FOR g IN SELECT DISTINCT a.privilege_type AS privilege, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::pg_catalog.regrole::text END AS grantee
               FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
              WHERE c.oid = 'public.members'::regclass::oid AND a.privilege_type IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE') LOOP
      EXECUTE pg_catalog.format('GRANT %s ON %s TO %s', g.privilege, 'migplan_compat_public.members', g.grantee);
      EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %s TO %s', 'migplan_compat_public', g.grantee);
    END LOOP;
  END IF;
END
$migplan$;
