-- A 1M-row table whose int primary key is referenced by a foreign key from another 1M-row table.
CREATE TABLE accounts (
    id int PRIMARY KEY,
    owner_id int NOT NULL,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_owner_idx ON accounts (owner_id);
CREATE INDEX accounts_created_idx ON accounts (created_at);

CREATE TABLE payments (
    id bigint PRIMARY KEY,
    account_id int NOT NULL REFERENCES accounts (id),
    amount numeric(12, 2) NOT NULL
);
CREATE INDEX payments_account_idx ON payments (account_id);
