-- Step 5: VACUUM (ANALYZE) feature_flags
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public.feature_flags (for the whole step)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/05_vacuum_analyze_feature_flags.sql   (not in a transaction block)
VACUUM (ANALYZE) public.feature_flags;
