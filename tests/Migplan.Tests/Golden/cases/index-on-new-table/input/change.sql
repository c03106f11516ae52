-- Audit trail of price changes.
CREATE TABLE price_changes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id),
    old_price_cents bigint NOT NULL,
    new_price_cents bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX price_changes_product_idx ON price_changes (product_id, changed_at);
