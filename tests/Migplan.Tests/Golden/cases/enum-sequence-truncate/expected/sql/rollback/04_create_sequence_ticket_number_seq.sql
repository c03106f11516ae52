-- Rollback of step 4: Create sequence ticket_number_seq
-- Data loss: none. Drops the new sequence.
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/rollback/04_create_sequence_ticket_number_seq.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:rollback_04_create_sequence_ticket_number_seq';
-- On timeout (brief-lock): nothing changed; wait for the blocker to finish and re-run this script.
SET lock_timeout = '3s';
SET statement_timeout = '5s';
DROP SEQUENCE IF EXISTS public.ticket_number_seq;
