-- Step 4: Create sequence ticket_number_seq
-- Phase: 1. Schema Changes
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_create_sequence_ticket_number_seq.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_create_sequence_ticket_number_seq';
CREATE SEQUENCE ticket_number_seq START 100000;
