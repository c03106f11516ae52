-- Step 7: VACUUM (ANALYZE) User Accounts
-- Phase: 2. Data Migration
-- Lock: SHARE UPDATE EXCLUSIVE on public."User Accounts" (for the whole step)
-- Run: psql -v ON_ERROR_STOP=1 -f sql/07_vacuum_analyze_user_accounts.sql   (not in a transaction block)
VACUUM (ANALYZE) public."User Accounts";
