CREATE TABLE coupons (
    id bigint PRIMARY KEY,
    code text NOT NULL,
    percent_off integer NOT NULL
);

CREATE TABLE ledger_entries (
    entry_id bigint NOT NULL,
    account_id bigint NOT NULL,
    amount_cents bigint NOT NULL,
    booked_at timestamptz NOT NULL
);
