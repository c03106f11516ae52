ALTER TABLE items ADD CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty >= 0);
ALTER TABLE items ALTER COLUMN sku SET NOT NULL;
CREATE INDEX items_sku_idx ON items (sku);
-- Purge the log: every row is older than the cutoff.
DELETE FROM audit_log WHERE logged_at < '2030-01-01';
