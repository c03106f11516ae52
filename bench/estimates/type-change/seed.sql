INSERT INTO accounts SELECT g, g % 5000, 'account ' || g, '2026-01-01'::timestamptz + g * interval '1 second' FROM generate_series(1, :rows) g;
INSERT INTO payments SELECT g, (g::bigint * 7919) % :rows + 1, (g % 10000) / 100.0 FROM generate_series(1, :rows) g;
