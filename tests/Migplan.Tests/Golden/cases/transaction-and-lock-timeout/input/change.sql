BEGIN;
SET lock_timeout = '5s';
SET search_path = public;
ALTER TABLE payments ADD COLUMN refunded_at timestamptz;
CREATE INDEX payments_refunded_idx ON payments (refunded_at) WHERE refunded_at IS NOT NULL;
COMMIT;
