using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;
using Migplan.Verify;

namespace Migplan.IntegrationTests.Verify;

/// <summary>Synthetic rows on PostgreSQL 15: the constraints accept them (the INSERTs would fail otherwise), counts follow the stats.</summary>
public sealed class SyntheticRowsTests(PgServer server) : PgTest(server)
{
    private static string Example => Path.Combine(GeneratedPlan.RepoRoot(), "examples", "add-user-email");

    [Fact]
    public async Task TheExample_FillsItsLargestTableWithTheRowsAsked_AndTheOthersInProportion()
    {
        await Db.ExecuteAsync(File.ReadAllText(Path.Combine(Example, "schema.sql")), Ct);
        var stats = RowsFixture.StatsRows(Path.Combine(Example, "stats.json"));
        var result = await RowsFixture.FillAsync(Db, new SyntheticRowsOptions { LargestTableRows = 10_000, TableRows = stats }, Ct);

        Assert.True(result.Complete, RowsFixture.Describe(result));
        Assert.Equal(["public.users", "public.user_emails"], result.Tables.Select(t => t.Table.Key));
        Assert.All(result.Tables, t => Assert.Equal((10_000L, RowCountBasis.Estimate), (t.Inserted, t.Basis)));
        Assert.Equal(10_000, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM users", Ct));
        // Every email row belongs to its own user: the example's backfill (UPDATE ... FROM user_emails) has a row to copy for each.
        Assert.Equal(10_000, await RowsFixture.CountAsync(Db, "SELECT count(DISTINCT u.id) FROM users u JOIN user_emails e ON e.user_id = u.id", Ct));
        Assert.Equal(0, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM user_emails WHERE length(email) > 255 OR email NOT LIKE '%@%'", Ct));
    }

    [Fact]
    public async Task WithForeignKeysCheckedRowByRow_TheExampleFillsTheSame()
    {
        await using var other = await Server.CreateScratchDatabaseAsync(Ct);
        foreach (var db in new[] { Db, other })
        {
            await db.ExecuteAsync(File.ReadAllText(Path.Combine(Example, "schema.sql")), Ct);
        }

        var options = new SyntheticRowsOptions { LargestTableRows = 3_000, TableRows = RowsFixture.StatsRows(Path.Combine(Example, "stats.json")) };
        await using var session = await Db.OpenSessionAsync(Ct);
        var afterwards = await SyntheticRows.FillAsync(session, options, Ct);
        await using (var show = new Npgsql.NpgsqlCommand("SHOW session_replication_role", session))
        {
            Assert.Equal("origin", await show.ExecuteScalarAsync(Ct)); // the session's triggers are back on
        }

        var rowByRow = await RowsFixture.FillAsync(other, options with { CheckForeignKeysAfterwards = false }, Ct);

        Assert.True(afterwards.Complete && rowByRow.Complete, RowsFixture.Describe(afterwards) + "\n" + RowsFixture.Describe(rowByRow));
        Assert.Equal(await RowsFixture.ChecksumAsync(Db, "user_emails", Ct), await RowsFixture.ChecksumAsync(other, "user_emails", Ct));
    }

    [Fact]
    public async Task SmallerTables_GetTheirShareOfTheLargest_AndATableWithoutAnEstimateTheDefault_SayingSo()
    {
        await Db.ExecuteAsync("""
            CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), total_cents bigint NOT NULL);
            CREATE TABLE notes (body text);
            """, Ct);
        var result = await RowsFixture.FillAsync(Db, new SyntheticRowsOptions
        {
            LargestTableRows = 5_000,
            TableRows = new Dictionary<string, long> { ["public.orders"] = 2_000_000, ["public.customers"] = 100_000 },
        }, Ct);

        Assert.Equal((5_000L, RowCountBasis.Estimate), (result.Find("public.orders")!.Inserted, result.Find("public.orders")!.Basis));
        Assert.Equal(250, result.Find("public.customers")!.Inserted);
        var notes = result.Find("public.notes")!;
        Assert.Equal((1_000L, RowCountBasis.DefaultRows), (notes.Inserted, notes.Basis));
        Assert.Contains(notes.Notes, m => m.Id == "rows.note.default-count");
        Assert.True(result.Complete, RowsFixture.Describe(result));
        // Orders spread over many customers, each pointing to one that exists (the foreign key would refuse it otherwise).
        Assert.True(await RowsFixture.CountAsync(Db, "SELECT count(DISTINCT customer_id) FROM orders", Ct) > 200);
        Assert.Equal(0, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id)", Ct));
        // A share of NULLs in nullable columns, none in NOT NULL ones.
        long nulls = await RowsFixture.CountAsync(Db, "SELECT count(*) FROM notes WHERE body IS NULL", Ct);
        Assert.InRange(nulls, 50, 200);
    }

    [Fact]
    public async Task BackfillsFromAnotherTable_FindARowToCopyForEveryRowTheirForeignKeysReach()
    {
        var golden = GoldenOnServer.GoldenCaseFolder.Open("update-from-join");
        await Db.ExecuteAsync(File.ReadAllText(golden.SchemaFile), Ct);
        var stats = RowsFixture.StatsRows(Path.Combine(golden.InputDir, "stats.json"));

        var result = await RowsFixture.FillAsync(Db, new SyntheticRowsOptions { LargestTableRows = 4_500, TableRows = stats }, Ct);

        Assert.True(result.Complete, RowsFixture.Describe(result));
        Assert.Equal([150L, 4_500L, 4_400L], result.Tables.Select(t => t.Inserted));
        // The change copies each customer's country onto its orders, and each invoice's number onto its order.
        await Db.ExecuteAsync(File.ReadAllText(Path.Combine(golden.InputDir, "change.sql")), Ct);
        Assert.Equal(0, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM orders WHERE country_code IS NULL", Ct));
        Assert.Equal(4_400, await RowsFixture.CountAsync(Db, "SELECT count(*) FROM orders WHERE invoice_number IS NOT NULL", Ct));
    }

    [Fact]
    public async Task TheSameSeed_GivesTheSameRowsInTwoDatabases_AndAnotherSeedOtherRows()
    {
        const string schema = """
            CREATE TYPE state AS ENUM ('new', 'paid', 'shipped');
            CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(100) UNIQUE, born date, score numeric(5, 2), tags text[]);
            CREATE TABLE orders (id uuid PRIMARY KEY, customer_id bigint REFERENCES customers (id), state state NOT NULL,
                                 placed_at timestamptz NOT NULL, payload jsonb, flags bytea, ip inet, wait interval, paid boolean);
            """;
        await using var other = await Server.CreateScratchDatabaseAsync(Ct);
        await using var third = await Server.CreateScratchDatabaseAsync(Ct);
        foreach (var db in new[] { Db, other, third })
        {
            await db.ExecuteAsync(schema, Ct);
        }

        var options = new SyntheticRowsOptions { LargestTableRows = 2_000, Seed = 7 };
        var first = await RowsFixture.FillAsync(Db, options, Ct);
        var second = await RowsFixture.FillAsync(other, options, Ct);
        await RowsFixture.FillAsync(third, options with { Seed = 8 }, Ct);

        Assert.True(first.Complete, RowsFixture.Describe(first));
        Assert.Equal(first, second, new ResultComparer());
        foreach (var table in new[] { "customers", "orders" })
        {
            string checksum = await RowsFixture.ChecksumAsync(Db, table, Ct);
            Assert.Equal(checksum, await RowsFixture.ChecksumAsync(other, table, Ct));
            Assert.NotEqual(checksum, await RowsFixture.ChecksumAsync(third, table, Ct));
        }
    }

    private sealed class ResultComparer : IEqualityComparer<SyntheticRowsResult>
    {
        public bool Equals(SyntheticRowsResult? x, SyntheticRowsResult? y) =>
            x is not null && y is not null && x.Tables.Select(t => (t.Table.Key, t.Inserted)).SequenceEqual(y.Tables.Select(t => (t.Table.Key, t.Inserted)));

        public int GetHashCode(SyntheticRowsResult obj) => obj.Tables.Length;
    }
}
