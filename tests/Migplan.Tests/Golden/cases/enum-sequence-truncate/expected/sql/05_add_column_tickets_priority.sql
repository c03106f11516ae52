-- Step 5: Add column tickets.priority
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.tickets (brief)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/05_add_column_tickets_priority.sql
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '30s';
ALTER TABLE public.tickets ADD COLUMN IF NOT EXISTS priority ticket_priority;
