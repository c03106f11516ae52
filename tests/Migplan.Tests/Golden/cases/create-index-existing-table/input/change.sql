-- Speed up "orders of a customer, newest first".
CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at DESC);
