CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE TABLE audit_log (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    message text NOT NULL
);
