-- Step 4: Backfill feature_flags.owner_team
-- Phase: 2. Data Migration
-- Lock: ROW EXCLUSIVE on public.feature_flags (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/04_backfill_feature_flags_owner_team.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:04_backfill_feature_flags_owner_team';
-- On timeout (backfill): the current batch is rolled back, committed batches stay; re-run to continue.
SET lock_timeout = '3s';
SET statement_timeout = '0';
DO $migplan$
DECLARE
  migplan_lo_1 text;
  migplan_hi_1 text;
  migplan_end_1 text;
  migplan_batch bigint;
  migplan_rows bigint := 0;
BEGIN
  -- The last key when the script starts: rows inserted later are the application's, not the backfill's.
  SELECT name INTO migplan_end_1 FROM public.feature_flags ORDER BY name DESC LIMIT 1;
  IF coalesce(pg_catalog.current_setting('migplan.resume_after', true), '') <> '' THEN
    RAISE NOTICE 'migplan: resuming after key %', pg_catalog.current_setting('migplan.resume_after');
    SELECT name INTO migplan_lo_1 FROM public.feature_flags WHERE name > pg_catalog.current_setting('migplan.resume_after')::text ORDER BY name LIMIT 1;
  ELSE
    SELECT name INTO migplan_lo_1 FROM public.feature_flags ORDER BY name LIMIT 1;
  END IF;
  WHILE migplan_lo_1 IS NOT NULL AND migplan_lo_1 <= migplan_end_1 LOOP
    SELECT name INTO migplan_hi_1 FROM public.feature_flags WHERE name >= migplan_lo_1 AND name <= migplan_end_1 ORDER BY name OFFSET 9999 LIMIT 1;
    IF migplan_hi_1 IS NULL THEN
      migplan_hi_1 := migplan_end_1;
    END IF;
    UPDATE public.feature_flags
       SET owner_team = 'platform'
     WHERE (owner_team = 'infra')
         AND feature_flags.name >= migplan_lo_1 AND feature_flags.name <= migplan_hi_1
         AND feature_flags.owner_team IS DISTINCT FROM CAST(('platform') AS text);
    GET DIAGNOSTICS migplan_batch = ROW_COUNT;
    migplan_rows := migplan_rows + migplan_batch;
    RAISE NOTICE 'migplan: %: % rows so far, done up to key %', 'public.feature_flags', migplan_rows, migplan_hi_1;
    COMMIT;
    PERFORM pg_catalog.pg_sleep(0.05);
    WHILE coalesce((SELECT pg_catalog.max(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), replay_lsn)) FROM pg_stat_replication), 0::numeric) > 536870912::numeric LOOP
      RAISE NOTICE 'migplan: a standby is more than 512 MB behind; waiting';
      PERFORM pg_catalog.pg_sleep(5);
    END LOOP;
    SELECT name INTO migplan_lo_1 FROM public.feature_flags WHERE name > migplan_hi_1 AND name <= migplan_end_1 ORDER BY name LIMIT 1;
  END LOOP;
END
$migplan$;
