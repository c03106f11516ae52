CREATE TABLE reviews (
    id bigint PRIMARY KEY,
    product_id bigint NOT NULL,
    author_id bigint NOT NULL,
    rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
