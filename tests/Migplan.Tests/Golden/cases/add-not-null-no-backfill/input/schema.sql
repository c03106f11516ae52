CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    amount_cents bigint NOT NULL,
    issued_at date NOT NULL
);
