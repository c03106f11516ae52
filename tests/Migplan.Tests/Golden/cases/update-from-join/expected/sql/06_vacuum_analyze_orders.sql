-- Step 6: VACUUM (ANALYZE) orders
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public.orders (for the whole step)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/06_vacuum_analyze_orders.sql   (not in a transaction block)
VACUUM (ANALYZE) public.orders;
