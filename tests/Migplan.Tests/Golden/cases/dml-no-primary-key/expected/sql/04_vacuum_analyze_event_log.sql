-- Step 4: VACUUM (ANALYZE) event_log
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public.event_log (for the whole step)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/04_vacuum_analyze_event_log.sql   (not in a transaction block)
VACUUM (ANALYZE) public.event_log;
