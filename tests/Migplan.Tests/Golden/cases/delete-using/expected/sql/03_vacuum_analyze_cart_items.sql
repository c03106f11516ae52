-- Step 3: VACUUM (ANALYZE) cart_items
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public.cart_items (for the whole step)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/03_vacuum_analyze_cart_items.sql   (not in a transaction block)
VACUUM (ANALYZE) public.cart_items;
