-- The trigger function now also stamps inserts: every write of orders runs the new body.
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := coalesce(NEW.updated_at, now());
    RETURN NEW;
END
$$;

CREATE TRIGGER orders_touch_insert BEFORE INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- An overload: the rollback drops exactly this one.
CREATE FUNCTION order_total(id bigint, OUT total numeric, with_tax boolean)
    LANGUAGE sql STABLE AS $$ SELECT o.total * CASE WHEN with_tax THEN 1.2 ELSE 1 END FROM orders o WHERE o.id = $1 $$;

CREATE OR REPLACE VIEW open_orders AS SELECT id, total, updated_at FROM orders WHERE status = 'open';

DROP TRIGGER orders_touch ON orders;
CREATE TRIGGER orders_touch BEFORE UPDATE OF status, total ON orders
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
