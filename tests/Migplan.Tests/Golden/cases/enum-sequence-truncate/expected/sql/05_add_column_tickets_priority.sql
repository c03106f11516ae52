-- Step 5: Add column tickets.priority
-- Phase: 1. Schema Changes
-- Lock: ACCESS EXCLUSIVE on public.tickets (brief)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/05_add_column_tickets_priority.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:05_add_column_tickets_priority';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
ALTER TABLE public.tickets ADD COLUMN IF NOT EXISTS priority ticket_priority;
