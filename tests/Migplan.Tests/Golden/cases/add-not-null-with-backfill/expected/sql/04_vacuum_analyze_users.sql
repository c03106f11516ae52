-- Step 4: VACUUM (ANALYZE) users
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public.users (for the whole step)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/04_vacuum_analyze_users.sql   (not in a transaction block)
VACUUM (ANALYZE) public.users;
