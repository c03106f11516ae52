CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE TABLE products (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE wishlist_items (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    product_id bigint NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wishlist_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
);

CREATE INDEX wishlist_items_user_idx ON wishlist_items (user_id);
