namespace Migplan.IntegrationTests.GoldenOnServer;

/// <summary>
/// A handful of rows for the golden cases whose scripts mean little on empty tables: on an empty
/// table a keyset backfill or batched DELETE never enters its loop (PL/pgSQL resolves the names of a
/// statement only when it first runs it), and a validation or a unique build has nothing to check.
/// Each seed is hand-written against the case's schema.sql; cases without one run only empty.
/// </summary>
public static class GoldenSeeds
{
    public static readonly IReadOnlyDictionary<string, string> ByCase = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["add-check-and-foreign-key"] = """
            INSERT INTO products (id, name) VALUES (1, 'pen'), (2, 'ink');
            INSERT INTO order_items (id, order_id, product_id, quantity) VALUES (1, 1, 1, 2), (2, 1, 2, 1), (3, 2, 1, 5);
            """,
        ["add-column-volatile-default"] = """
            INSERT INTO orders (id, customer_id, total_cents) SELECT g, g, g * 100 FROM generate_series(1, 5) g;
            """,
        ["add-not-null-no-backfill"] = """
            INSERT INTO invoices (id, account_id, amount_cents, issued_at) VALUES (1, 1, 100, '2024-01-01'), (2, 1, 200, '2024-02-01');
            """,
        ["add-not-null-with-backfill"] = """
            INSERT INTO users (id, name, nickname) VALUES (1, 'Ann', NULL), (2, 'Bob', 'bobby'), (3, 'Cy', NULL);
            """,
        ["add-unique-and-primary-key"] = """
            INSERT INTO coupons (id, code, percent_off) VALUES (1, 'SPRING', 10), (2, 'SUMMER', 15), (3, 'FALL', 5);
            INSERT INTO ledger_entries (entry_id, account_id, amount_cents, booked_at) SELECT g, g % 2, g * 10, now() FROM generate_series(1, 5) g;
            """,
        ["add-user-email"] = """
            INSERT INTO users (id, name) SELECT g, 'user ' || g FROM generate_series(1, 5) g;
            INSERT INTO user_emails (user_id, email) SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 5) g;
            """,
        ["alter-column-type"] = """
            INSERT INTO page_views (page_id, view_count, updated_at) VALUES (1, 2147483647, now()), (2, 0, now());
            INSERT INTO articles (id, title, body) VALUES (1, 'Hello', 'First'), (2, repeat('t', 100), 'Long title');
            """,
        ["delete-using"] = """
            INSERT INTO carts (id, user_id, checked_out, updated_at) VALUES
              (1, 1, false, now() - interval '1 year'), (2, 2, true, now() - interval '1 year'), (3, 3, false, now());
            INSERT INTO cart_items (id, cart_id, product_id, quantity) VALUES (1, 1, 10, 1), (2, 1, 11, 2), (3, 2, 10, 1), (4, 3, 12, 1);
            """,
        ["design-md-and-sql"] = """
            INSERT INTO reviews (id, product_id, author_id, rating, body) VALUES (1, 1, 1, 5, 'great'), (2, 1, 2, 3, 'ok'), (3, 2, 1, 1, 'bad');
            """,
        ["dml-no-primary-key"] = """
            INSERT INTO event_log (logged_at, level, source, message) VALUES
              (now() - interval '1 year', 'debug', 'website', 'old debug'), (now(), 'debug', 'website', 'new debug'),
              (now() - interval '1 year', 'info', 'api', 'old info'), (now(), 'error', 'web', NULL);
            """,
        ["partitioned-table-index"] = """
            INSERT INTO events (id, created_at, kind, payload)
            SELECT g, date '2024-12-01' + (g % 800), CASE WHEN g % 3 = 0 THEN 'click' ELSE 'view' END, NULL FROM generate_series(1, 30) g;
            """,
        ["quoted-identifiers"] = """
            INSERT INTO "User Accounts" ("Account ID", "Login", "Display Name") VALUES (1, 'Ann@Example.com', 'Ann'), (2, 'bob', NULL), (3, 'CY@x.org', 'Cy');
            """,
        ["set-not-null-existing"] = """
            INSERT INTO shipments (id, order_id, carrier) VALUES (1, 1, 'UPS'), (2, 2, 'DHL');
            """,
        ["set-not-null-pg11"] = """
            INSERT INTO shipments (id, order_id, carrier) VALUES (1, 1, 'UPS'), (2, 2, 'DHL');
            """,
        ["update-composite-key"] = """
            INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price) VALUES (1, 1, 10, 1, 9.99), (1, 2, 11, 2, NULL), (2, 1, 10, 3, 0.50);
            """,
        ["update-from-join"] = """
            INSERT INTO customers (id, name, country_code) VALUES (1, 'Ann', 'FR'), (2, 'Bob', 'DE');
            INSERT INTO orders (id, customer_id, total_cents, created_at) VALUES (1, 1, 100, '2019-06-01'), (2, 1, 200, '2021-06-01'), (3, 2, 300, now());
            INSERT INTO invoices (order_id, number, issued_at) VALUES (1, 'INV-1', '2019-06-02'), (3, 'INV-3', now());
            """,
        ["update-uuid-and-text-key"] = """
            INSERT INTO sessions (user_id, last_seen_at) VALUES (1, now() - interval '2 years'), (2, now()), (3, now() - interval '400 days');
            INSERT INTO feature_flags (name, enabled, owner_team) VALUES ('dark-mode', true, 'infra'), ('beta', false, 'growth');
            """,
    };
}
