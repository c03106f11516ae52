-- Step 3: Add value on_hold to type ticket_status
-- Phase: 1. Schema Changes
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_enum_add_value_ticket_status.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_enum_add_value_ticket_status';
ALTER TYPE public.ticket_status ADD VALUE IF NOT EXISTS 'on_hold' AFTER 'open';
