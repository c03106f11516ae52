-- Superseded by orders_customer_created_idx.
DROP INDEX orders_customer_idx;
-- No longer queried.
DROP INDEX IF EXISTS orders_status_idx;
DROP INDEX CONCURRENTLY orders_tags_idx;
