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
 WHERE c.oid IN (pg_catalog.to_regclass('public.coupons')::oid, pg_catalog.to_regclass('public.ledger_entries')::oid)
 ORDER BY 1;
-- Transaction ID age of each table: near autovacuum_freeze_max_age an anti-wraparound autovacuum starts and blocks the plan's locks.
SELECT oid::regclass AS table_name, pg_catalog.age(relfrozenxid) AS xid_age FROM pg_class WHERE oid IN (pg_catalog.to_regclass('public.coupons')::oid, pg_catalog.to_regclass('public.ledger_entries')::oid) ORDER BY 2 DESC;
-- Sessions holding or awaiting locks on these tables right now (the plan's locks would queue behind them).
SELECT l.relation::regclass AS table_name, l.mode, l.granted, a.pid, a.state, pg_catalog.now() - a.xact_start AS xact_age
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.relation IN (pg_catalog.to_regclass('public.coupons')::oid, pg_catalog.to_regclass('public.ledger_entries')::oid) AND l.pid <> pg_catalog.pg_backend_pid();
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
-- Go/no-go check 1 (stops the script if it fails): Duplicates would make the build of coupons_code_key fail: expect no rows. Expected: no rows. Cost: 1 s (full scan of public.coupons (400,000 rows) grouped by the key (sorted like an index build): scan of 36 MB at 250 MB/s, then 400,000 rows sorted into the index at 650,000 rows/s).
DO $migplan$
#variable_conflict use_column
DECLARE
  migplan_found text;
BEGIN
  SELECT pg_catalog.string_agg(migplan_row::text, '; ') INTO migplan_found
    FROM (SELECT * FROM (SELECT code, pg_catalog.count(*) FROM public.coupons GROUP BY code HAVING pg_catalog.count(*) > 1 LIMIT 10
    ) migplan_query LIMIT 5) migplan_row;
  IF migplan_found IS NOT NULL THEN
    RAISE EXCEPTION 'migplan: go/no-go check % failed: % Found: %; expected: %.', 1, 'Duplicates would make the build of coupons_code_key fail: expect no rows.', coalesce(migplan_found, 'no rows'), 'no rows'
      USING HINT = 'Nothing was changed. Fix the rows the check''s query finds (or re-plan), then run this script again; the plan must not start before every check passes.';
  END IF;
  RAISE NOTICE 'migplan: go/no-go check % passed: %', 1, 'Duplicates would make the build of coupons_code_key fail: expect no rows.';
END
$migplan$;
-- Go/no-go check 2 (optional, stops the script if it fails): Duplicates would make the build of ledger_entries_pkey fail: expect no rows. Expected: no rows. Cost: 3 min (full scan of public.ledger_entries (70,000,000 rows) grouped by the key (sorted like an index build): scan of 5.6 GB at 250 MB/s, then 70,000,000 rows sorted into the index at 650,000 rows/s).
DO $migplan$
#variable_conflict use_column
DECLARE
  migplan_found text;
BEGIN
  IF pg_catalog.lower(pg_catalog.current_setting('migplan.run_optional_checks', true)) IN ('on', 'true', 'yes', '1') IS NOT TRUE THEN
    RAISE NOTICE 'migplan: go/no-go check % skipped (optional, estimated %): % Run it with PGOPTIONS=''-c %=on'' (or SET it in the session) when its cost is acceptable.', 2, '3 min (full scan of public.ledger_entries (70,000,000 rows) grouped by the key (sorted like an index build): scan of 5.6 GB at 250 MB/s, then 70,000,000 rows sorted into the index at 650,000 rows/s)', 'Duplicates would make the build of ledger_entries_pkey fail: expect no rows.', 'migplan.run_optional_checks';
    RETURN;
  END IF;
  SELECT pg_catalog.string_agg(migplan_row::text, '; ') INTO migplan_found
    FROM (SELECT * FROM (SELECT entry_id, pg_catalog.count(*) FROM public.ledger_entries GROUP BY entry_id HAVING pg_catalog.count(*) > 1 LIMIT 10
    ) migplan_query LIMIT 5) migplan_row;
  IF migplan_found IS NOT NULL THEN
    RAISE EXCEPTION 'migplan: go/no-go check % failed: % Found: %; expected: %.', 2, 'Duplicates would make the build of ledger_entries_pkey fail: expect no rows.', coalesce(migplan_found, 'no rows'), 'no rows'
      USING HINT = 'Nothing was changed. Fix the rows the check''s query finds (or re-plan), then run this script again; the plan must not start before every check passes.';
  END IF;
  RAISE NOTICE 'migplan: go/no-go check % passed: %', 2, 'Duplicates would make the build of ledger_entries_pkey fail: expect no rows.';
END
$migplan$;
