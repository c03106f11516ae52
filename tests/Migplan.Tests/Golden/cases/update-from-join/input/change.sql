-- Denormalise the customer's country onto each order for the reporting queries.
ALTER TABLE orders ADD COLUMN country_code char(2);

UPDATE orders o
   SET country_code = c.country_code
  FROM customers c
 WHERE c.id = o.customer_id
   AND o.created_at >= '2020-01-01';

-- Orders and their invoices share the same id: copy the invoice number over.
ALTER TABLE orders ADD COLUMN invoice_number text;

UPDATE orders AS o
   SET invoice_number = i.number
  FROM invoices AS i
 WHERE o.id = i.order_id;
