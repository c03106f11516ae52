CREATE TABLE shipments (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL,
    carrier text,
    tracking_number text,
    shipped_at timestamptz
);
