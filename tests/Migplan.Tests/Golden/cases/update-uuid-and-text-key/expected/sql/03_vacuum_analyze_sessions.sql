-- Step 3: VACUUM (ANALYZE) sessions
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public.sessions (for the whole step)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/03_vacuum_analyze_sessions.sql   (not in a transaction block)
VACUUM (ANALYZE) public.sessions;
