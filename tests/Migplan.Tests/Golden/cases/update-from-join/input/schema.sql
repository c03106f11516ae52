CREATE TABLE customers (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    country_code char(2) NOT NULL
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    total_cents bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE invoices (
    order_id bigint PRIMARY KEY REFERENCES orders (id),
    number text NOT NULL UNIQUE,
    issued_at timestamptz NOT NULL
);
