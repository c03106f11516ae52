-- Validations, an index build and a purge, each on a 1M-row table.
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    placed_at timestamptz NOT NULL
);
CREATE TABLE items (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL,
    sku text,
    qty int NOT NULL,
    note text
);
CREATE INDEX items_order_idx ON items (order_id);
CREATE TABLE audit_log (
    id bigint PRIMARY KEY,
    logged_at timestamptz NOT NULL,
    message text NOT NULL
);
