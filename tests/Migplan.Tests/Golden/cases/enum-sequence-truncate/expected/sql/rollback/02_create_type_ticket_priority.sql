-- Rollback of step 2: Create type ticket_priority
-- Data loss: safe. Drops the new type (nothing uses it yet).
-- Run: psql -v ON_ERROR_STOP=1 -f sql/rollback/02_create_type_ticket_priority.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
DROP TYPE IF EXISTS public.ticket_priority;
