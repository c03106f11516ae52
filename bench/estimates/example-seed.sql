INSERT INTO users (id, name, created_at) SELECT g, 'user ' || g, '2026-01-01'::timestamptz + g * interval '1 second' FROM generate_series(1, :rows) g;
INSERT INTO user_emails SELECT g, 'user' || g || '@example.com' FROM generate_series(1, :rows) g;
