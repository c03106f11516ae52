-- Prices were stored in euros with two decimals; move to integer cents.
ALTER TABLE order_lines ADD COLUMN unit_price_cents bigint;

UPDATE order_lines SET unit_price_cents = round(unit_price * 100)::bigint WHERE unit_price IS NOT NULL;
