CREATE TABLE subscriptions (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    product_id integer NOT NULL,
    renews_at timestamptz NOT NULL,
    cancelled_at timestamptz
);
