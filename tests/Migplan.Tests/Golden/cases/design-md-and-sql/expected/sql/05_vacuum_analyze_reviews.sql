-- Step 5: VACUUM (ANALYZE) reviews
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public.reviews (for the whole step)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/05_vacuum_analyze_reviews.sql   (not in a transaction block)
VACUUM (ANALYZE) public.reviews;
