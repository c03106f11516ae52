CREATE TABLE order_lines (
    order_id bigint NOT NULL,
    line_no integer NOT NULL,
    product_id bigint NOT NULL,
    quantity integer NOT NULL,
    unit_price numeric(12,2),
    PRIMARY KEY (order_id, line_no)
);
