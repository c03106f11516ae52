-- Step 4: VACUUM (ANALYZE) order_lines
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public.order_lines (for the whole step)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/04_vacuum_analyze_order_lines.sql   (not in a transaction block)
VACUUM (ANALYZE) public.order_lines;
