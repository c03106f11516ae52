using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Definitions;

/// <summary>
/// Functions, procedures, triggers and views created, replaced and dropped, rehearsed on the server: the plan's forward
/// scripts end like the change as written (same catalog, definitions included, same rows), and every rollback, run in
/// reverse from each point, brings the schema back exactly (every definition as the schema had it).
/// </summary>
public sealed class DefinedObjectRehearsalTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, total numeric(12, 2) NOT NULL, updated_at timestamptz);
        CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.updated_at := '2020-01-01'::timestamptz;
            RETURN NEW;
        END
        $$;
        CREATE FUNCTION order_total(bigint) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT total FROM orders WHERE id = $1 $$;
        CREATE FUNCTION unused(a int, b text DEFAULT 'x') RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT b || a';
        CREATE PROCEDURE close_order(IN order_id bigint) LANGUAGE sql AS $$ UPDATE orders SET status = 'closed' WHERE id = order_id $$;
        CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
        CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status = 'open';
        CREATE VIEW big_orders AS SELECT id FROM orders WHERE total > 100;
        """;

    private const string Seed = """
        INSERT INTO orders SELECT g, CASE WHEN g % 3 = 0 THEN 'closed' ELSE 'open' END, g * 2.5, NULL FROM generate_series(1, 60) g;
        """;

    private async Task RehearseAsync(string change, int steps)
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, change, Ct);
        Assert.All(rehearsal.Plan.Steps, s => Assert.True(s.GetProperty("analysed").GetBoolean(), s.GetProperty("id").GetString()));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(steps, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }

    [Fact]
    public async Task Functions_ReplacedCreatedAsAnOverloadAndDropped_RollBackToTheSchemasDefinitions()
    {
        await RehearseAsync("""
            CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.updated_at := coalesce(NEW.updated_at, '2021-01-01'::timestamptz);
                RETURN NEW;
            END
            $$;
            CREATE FUNCTION order_total(id bigint, OUT total numeric, with_tax boolean, VARIADIC extra int[])
                LANGUAGE sql STABLE AS $$ SELECT o.total * CASE WHEN with_tax THEN 1.2 ELSE 1 END FROM orders o WHERE o.id = $1 $$;
            DROP FUNCTION unused(int, text);
            CREATE OR REPLACE PROCEDURE close_order(IN order_id bigint) LANGUAGE sql AS $$ UPDATE orders SET status = 'done' WHERE id = order_id $$;
            CREATE PROCEDURE reopen(order_id bigint) LANGUAGE sql AS $$ UPDATE orders SET status = 'open' WHERE id = order_id $$;
            """, 6);
    }

    [Fact]
    public async Task Triggers_CreatedReplacedAndDroppedAndCreatedAgain_RollBackToTheSchemasTriggers()
    {
        await RehearseAsync("""
            CREATE TRIGGER orders_touch_insert BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
            DROP TRIGGER orders_touch ON orders;
            CREATE TRIGGER orders_touch BEFORE UPDATE OF status, total ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
            CREATE OR REPLACE TRIGGER orders_touch_insert BEFORE INSERT OR UPDATE OF total ON orders FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
            """, 4);
    }

    [Fact]
    public async Task Views_ReplacedWithANewColumnCreatedAndDropped_RollBackToTheSchemasViews()
    {
        await RehearseAsync("""
            CREATE OR REPLACE VIEW open_orders AS SELECT id, total, updated_at FROM orders WHERE status = 'open';
            CREATE VIEW closed_orders AS SELECT id FROM orders WHERE status = 'closed';
            DROP VIEW big_orders;
            """, 4);
    }

    [Fact]
    public async Task DollarQuotedBodiesHoldingMigplansTags_AreRestoredExactly()
    {
        const string schema = Schema + """

            CREATE FUNCTION tricky() RETURNS text LANGUAGE sql AS $migplan$SELECT '$$ it''s $migplan1$ \\ ' || $q$;$q$$migplan$;
            """;
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, schema, Seed, """
            CREATE OR REPLACE FUNCTION tricky() RETURNS text LANGUAGE sql AS $f$SELECT 'replaced'$f$;
            DROP FUNCTION tricky();
            CREATE FUNCTION tricky() RETURNS text LANGUAGE sql AS $$SELECT 'again $migplan$'$$;
            """, Ct);
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.True(await rehearsal.AssertRollbacksFromEveryPointAsync(Ct) >= 3);
    }
}
