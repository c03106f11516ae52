INSERT INTO orders SELECT g, '2026-01-01'::timestamptz + g * interval '1 second' FROM generate_series(1, :rows) g;
INSERT INTO items SELECT g, (g::bigint * 7919) % :rows + 1, 'SKU-' || (g % 100000), g % 7, 'item ' || g FROM generate_series(1, :rows) g;
INSERT INTO audit_log SELECT g, '2020-01-01'::timestamptz + g * interval '1 minute', 'audit event number ' || g FROM generate_series(1, :rows) g;
