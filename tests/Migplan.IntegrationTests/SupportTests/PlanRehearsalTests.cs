using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.SupportTests;

public sealed class PlanRehearsalTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), total numeric(10, 2));
        """;

    private const string Seed = """
        INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 50) g;
        INSERT INTO orders SELECT g, 1 + g % 50, g * 1.5 FROM generate_series(1, 120) g;
        """;

    [Fact]
    public async Task APlanOfAddBackfillAndIndex_EndsLikeTheChangeAsWritten_AndRollsBackFromEveryPoint()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            ALTER TABLE users ADD COLUMN email text;
            UPDATE users SET email = lower(name) || '@example.com';
            CREATE INDEX users_email_idx ON users (email);
            ALTER TABLE users ALTER COLUMN email SET NOT NULL;
            """, Ct);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.True(await rehearsal.AssertRollbacksFromEveryPointAsync(Ct) >= 3);
    }

    [Fact]
    public async Task Fingerprints_SeeDefaultsIndexNamesConstraintsAndRows()
    {
        await using var a = await Server.CreateScratchDatabaseAsync(Ct);
        await using var b = await Server.CreateScratchDatabaseAsync(Ct);
        await a.ExecuteAsync(Schema + Seed, Ct);
        await b.ExecuteAsync(Schema + Seed, Ct);
        Assert.Equal(await SchemaFingerprint.OfAsync(a, Ct), await SchemaFingerprint.OfAsync(b, Ct));
        Assert.Equal(await SchemaFingerprint.DataOfAsync(a, Ct), await SchemaFingerprint.DataOfAsync(b, Ct));

        foreach (var (change, undo) in new[]
        {
            ("ALTER TABLE users ALTER COLUMN name SET DEFAULT 'x'", "ALTER TABLE users ALTER COLUMN name DROP DEFAULT"),
            ("CREATE INDEX users_name_idx ON users (name)", "DROP INDEX users_name_idx"),
            ("ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID", "ALTER TABLE orders DROP CONSTRAINT positive"),
            ("ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2)", "ALTER TABLE orders ALTER COLUMN total TYPE numeric(10, 2)"),
        })
        {
            await b.ExecuteAsync(change, Ct);
            Assert.NotEqual(await SchemaFingerprint.OfAsync(a, Ct), await SchemaFingerprint.OfAsync(b, Ct));
            await b.ExecuteAsync(undo, Ct);
            Assert.Equal(await SchemaFingerprint.OfAsync(a, Ct), await SchemaFingerprint.OfAsync(b, Ct));
        }

        await b.ExecuteAsync("UPDATE users SET name = 'changed' WHERE id = 7", Ct);
        Assert.NotEqual(await SchemaFingerprint.DataOfAsync(a, Ct), await SchemaFingerprint.DataOfAsync(b, Ct));
    }

    [Fact]
    public async Task Fingerprints_IgnoreColumnOrder_OnlyWhenAsked()
    {
        await using var a = await Server.CreateScratchDatabaseAsync(Ct);
        await using var b = await Server.CreateScratchDatabaseAsync(Ct);
        await a.ExecuteAsync("CREATE TABLE t (x int, y text); INSERT INTO t VALUES (1, 'a')", Ct);
        await b.ExecuteAsync("CREATE TABLE t (y text, x int); INSERT INTO t VALUES ('a', 1)", Ct);
        Assert.Equal(await SchemaFingerprint.OfAsync(a, Ct), await SchemaFingerprint.OfAsync(b, Ct));
        Assert.Equal(await SchemaFingerprint.DataOfAsync(a, Ct), await SchemaFingerprint.DataOfAsync(b, Ct));
        Assert.NotEqual(await SchemaFingerprint.OfAsync(a, Ct, ignoreColumnOrder: false), await SchemaFingerprint.OfAsync(b, Ct, ignoreColumnOrder: false));
    }

    [Fact]
    public async Task Fingerprints_SeeCommentsPrivilegesAndSequenceOptions_NotHowAnAclIsSpelled()
    {
        const string schema = Schema + """
            DO $$ BEGIN CREATE ROLE meta_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
            CREATE SEQUENCE s;
            CREATE FUNCTION f(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';
            """;
        await using var a = await Server.CreateScratchDatabaseAsync(Ct);
        await using var b = await Server.CreateScratchDatabaseAsync(Ct);
        await a.ExecuteAsync(schema, Ct);
        await b.ExecuteAsync(schema, Ct);

        foreach (var (change, undo) in new[]
        {
            ("COMMENT ON CONSTRAINT users_pkey ON users IS 'k'", "COMMENT ON CONSTRAINT users_pkey ON users IS NULL"),
            ("COMMENT ON FUNCTION f(integer) IS 'k'", "COMMENT ON FUNCTION f(integer) IS NULL"),
            ("GRANT SELECT ON users TO meta_app", "REVOKE SELECT ON users FROM meta_app"),
            ("GRANT UPDATE (name) ON users TO meta_app", "REVOKE UPDATE (name) ON users FROM meta_app"),
            ("REVOKE EXECUTE ON FUNCTION f(integer) FROM PUBLIC", "GRANT EXECUTE ON FUNCTION f(integer) TO PUBLIC"),
            ("ALTER SEQUENCE s CACHE 5", "ALTER SEQUENCE s CACHE 1"),
            ("ALTER SEQUENCE s START WITH 7", "ALTER SEQUENCE s START WITH 1"),
        })
        {
            await b.ExecuteAsync(change, Ct);
            Assert.NotEqual(await SchemaFingerprint.OfAsync(a, Ct), await SchemaFingerprint.OfAsync(b, Ct));
            await b.ExecuteAsync(undo, Ct);
            Assert.Equal(await SchemaFingerprint.OfAsync(a, Ct), await SchemaFingerprint.OfAsync(b, Ct));
        }
    }
}
