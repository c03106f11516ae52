CREATE TABLE payments (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL,
    amount_cents bigint NOT NULL,
    paid_at timestamptz NOT NULL
);
