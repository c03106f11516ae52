CREATE TABLE orders (
    id bigint PRIMARY KEY,
    status text NOT NULL,
    total numeric(12, 2) NOT NULL,
    updated_at timestamptz
);

CREATE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE FUNCTION order_total(bigint) RETURNS numeric
    LANGUAGE sql STABLE AS $$ SELECT total FROM orders WHERE id = $1 $$;

CREATE TRIGGER orders_touch BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status = 'open';
