-- Step 8: Set users.email NOT NULL
-- Phase: 3. Cleanup
-- Lock: ACCESS EXCLUSIVE on public.users (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/08_set_not_null_users_email.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;
