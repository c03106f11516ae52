-- Step 1: Pre-migration validation
-- Phase: 1. Schema Changes
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/01_pre_migration_checks.sql
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:01_pre_migration_checks';
-- Pre-migration checks: read-only, no locks beyond catalog reads. Server major version.
SELECT pg_catalog.current_setting('server_version_num')::int / 10000 AS major_version;
-- Size and estimated rows of every table the plan locks (compare with the plan's assumptions).
SELECT c.oid::regclass AS table_name, c.reltuples::bigint AS estimated_rows,
       pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) AS table_size, pg_catalog.pg_size_pretty(pg_catalog.pg_indexes_size(c.oid)) AS index_size
  FROM pg_class c
 WHERE c.oid IN (pg_catalog.to_regclass('public.open_orders')::oid, pg_catalog.to_regclass('public.orders')::oid)
 ORDER BY 1;
-- Transaction ID age of each table: near autovacuum_freeze_max_age an anti-wraparound autovacuum starts and blocks the plan's locks.
SELECT oid::regclass AS table_name, pg_catalog.age(relfrozenxid) AS xid_age FROM pg_class WHERE oid IN (pg_catalog.to_regclass('public.open_orders')::oid, pg_catalog.to_regclass('public.orders')::oid) ORDER BY 2 DESC;
-- Sessions holding or awaiting locks on these tables right now (the plan's locks would queue behind them).
SELECT l.relation::regclass AS table_name, l.mode, l.granted, a.pid, a.state, pg_catalog.now() - a.xact_start AS xact_age
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.relation IN (pg_catalog.to_regclass('public.open_orders')::oid, pg_catalog.to_regclass('public.orders')::oid) AND l.pid <> pg_catalog.pg_backend_pid();
-- Anti-wraparound autovacuum running: it does not yield its lock; wait for it to finish.
SELECT pid, query FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND query LIKE '%to prevent wraparound%';
-- Transactions older than 5 minutes: every lock and CONCURRENTLY build would queue behind them.
SELECT pid, state, pg_catalog.now() - xact_start AS xact_age, pg_catalog.left(query, 80) AS query
  FROM pg_stat_activity
 WHERE xact_start < pg_catalog.now() - interval '5 minutes' AND pid <> pg_catalog.pg_backend_pid();
-- Replication: lag of every standby.
SELECT application_name, state, replay_lag FROM pg_stat_replication;
-- Replication slots that retain WAL.
SELECT slot_name, active, pg_catalog.pg_size_pretty(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), restart_lsn)) AS retained_wal FROM pg_replication_slots;
-- INVALID indexes left by earlier failed CONCURRENTLY builds.
SELECT indexrelid::regclass AS invalid_index FROM pg_index WHERE NOT indisvalid;
-- Transaction ID age: an anti-wraparound autovacuum would block the plan's locks.
SELECT datname, pg_catalog.age(datfrozenxid) AS xid_age FROM pg_database WHERE datname = pg_catalog.current_database();
