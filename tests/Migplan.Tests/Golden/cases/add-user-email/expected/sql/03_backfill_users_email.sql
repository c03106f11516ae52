-- Step 3: Backfill users.email
-- Phase: 2. Data Migration
-- Lock: ROW EXCLUSIVE on public.users (for the whole step)
-- Lock: ACCESS SHARE on public.user_emails (for the whole step)
-- Run: psql -X -v ON_ERROR_STOP=1 -f sql/03_backfill_users_email.sql   (not in a transaction block)
\set AUTOCOMMIT on
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET search_path = public, pg_temp;
SET application_name = 'migplan:03_backfill_users_email';
-- On timeout (backfill): the current batch is rolled back, committed batches stay; re-run to continue.
SET lock_timeout = '3s';
SET statement_timeout = '0';
DO $migplan$
DECLARE
  migplan_lo_1 bigint;
  migplan_hi_1 bigint;
  migplan_end_1 bigint;
  migplan_batch bigint;
  migplan_rows bigint := 0;
BEGIN
  -- The last key when the script starts: rows inserted later are the application's, not the backfill's.
  SELECT id INTO migplan_end_1 FROM public.users ORDER BY id DESC LIMIT 1;
  IF coalesce(pg_catalog.current_setting('migplan.resume_after', true), '') <> '' THEN
    RAISE NOTICE 'migplan: resuming after key %', pg_catalog.current_setting('migplan.resume_after');
    SELECT id INTO migplan_lo_1 FROM public.users WHERE id > pg_catalog.current_setting('migplan.resume_after')::bigint ORDER BY id LIMIT 1;
  ELSE
    SELECT id INTO migplan_lo_1 FROM public.users ORDER BY id LIMIT 1;
  END IF;
  WHILE migplan_lo_1 IS NOT NULL AND migplan_lo_1 <= migplan_end_1 LOOP
    SELECT id INTO migplan_hi_1 FROM public.users WHERE id >= migplan_lo_1 AND id <= migplan_end_1 ORDER BY id OFFSET 9999 LIMIT 1;
    IF migplan_hi_1 IS NULL THEN
      migplan_hi_1 := migplan_end_1;
    END IF;
    UPDATE public.users u
       SET email = ue.email
      FROM public.user_emails ue
     WHERE (u.id = ue.user_id)
         AND u.id >= migplan_lo_1 AND u.id <= migplan_hi_1
         AND ue.user_id >= migplan_lo_1 AND ue.user_id <= migplan_hi_1
         AND u.email IS NULL;
    GET DIAGNOSTICS migplan_batch = ROW_COUNT;
    migplan_rows := migplan_rows + migplan_batch;
    RAISE NOTICE 'migplan: %: % rows so far, done up to key %', 'public.users', migplan_rows, migplan_hi_1;
    COMMIT;
    PERFORM pg_catalog.pg_sleep(0.05);
    WHILE coalesce((SELECT pg_catalog.max(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_current_wal_lsn(), replay_lsn)) FROM pg_stat_replication), 0::numeric) > 536870912::numeric LOOP
      RAISE NOTICE 'migplan: a standby is more than 512 MB behind; waiting';
      PERFORM pg_catalog.pg_sleep(5);
    END LOOP;
    SELECT id INTO migplan_lo_1 FROM public.users WHERE id > migplan_hi_1 AND id <= migplan_end_1 ORDER BY id LIMIT 1;
  END LOOP;
END
$migplan$;
