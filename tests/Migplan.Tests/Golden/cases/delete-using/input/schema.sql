CREATE TABLE carts (
    id bigint PRIMARY KEY,
    user_id bigint,
    checked_out boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL
);

CREATE TABLE cart_items (
    id bigint PRIMARY KEY,
    cart_id bigint NOT NULL REFERENCES carts (id),
    product_id bigint NOT NULL,
    quantity integer NOT NULL
);
