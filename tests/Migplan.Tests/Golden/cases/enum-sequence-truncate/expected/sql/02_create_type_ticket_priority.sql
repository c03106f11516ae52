-- Step 2: Create type ticket_priority
-- Phase: 1. Schema Changes
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/02_create_type_ticket_priority.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:02_create_type_ticket_priority';
CREATE TYPE ticket_priority AS ENUM ('low', 'normal', 'high');
