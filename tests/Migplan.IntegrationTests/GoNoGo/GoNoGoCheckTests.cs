using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.GoNoGo;

/// <summary>
/// The pre-migration step's go/no-go checks on PostgreSQL 15: a seeded table with one NULL, one duplicate, one orphan
/// or one violator makes the pre-check script fail (psql exit 3 under ON_ERROR_STOP) naming that check; clean data
/// passes; an informative check never stops; an optional (expensive) check runs only when asked.
/// </summary>
public sealed class GoNoGoCheckTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE products (id bigint PRIMARY KEY, name text NOT NULL);
        CREATE TABLE items (id bigint PRIMARY KEY, product_id bigint, quantity integer, code text, note text);
        """;

    private const string CleanSeed = """
        INSERT INTO products SELECT g, 'product ' || g FROM generate_series(1, 10) g;
        INSERT INTO items SELECT g, 1 + g % 10, g, 'c' || g, 'n' || g FROM generate_series(1, 200) g;
        INSERT INTO items VALUES (201, NULL, NULL, NULL, 'nulls in the key and the check pass');
        """;

    private const string Change = """
        ALTER TABLE items ALTER COLUMN note SET NOT NULL;
        CREATE UNIQUE INDEX items_code_key ON items (code);
        ALTER TABLE items ADD CONSTRAINT items_product_fk FOREIGN KEY (product_id) REFERENCES products (id);
        ALTER TABLE items ADD CONSTRAINT items_quantity_positive CHECK (quantity > 0);
        """;

    [Fact]
    public async Task CleanData_PassesEveryCheck_AndThePlanRunsLikeTheChange()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, CleanSeed, Change, Ct);
        await using var db = await rehearsal.SeededAsync(Ct);
        var result = await new PsqlRunner(db.ConnectionString).RunFileAsync(rehearsal.Plan.Scripts[0], Ct);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(4, CountOf(result.StdErr, "passed:"));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
    }

    [Theory]
    [InlineData("UPDATE items SET note = NULL WHERE id = 5;", "No NULL in public.items.note")]
    [InlineData("UPDATE items SET code = 'c1' WHERE id = 2;", "Duplicates would make the build of items_code_key fail")]
    [InlineData("UPDATE items SET product_id = 999 WHERE id = 3;", "No row of public.items without its row in public.products")]
    [InlineData("UPDATE items SET quantity = 0 WHERE id = 4;", "No row of public.items breaks items_quantity_positive")]
    public async Task OneBadRow_StopsThePreCheckScript_NamingItsCheck(string spoil, string named)
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, CleanSeed + spoil, Change, Ct);
        await using var db = await rehearsal.SeededAsync(Ct);
        var result = await new PsqlRunner(db.ConnectionString).RunFileAsync(rehearsal.Plan.Scripts[0], Ct);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("go/no-go check", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("failed: " + named, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullsTheBackfillFills_AreInformative_AndDoNotStopThePlan()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, CleanSeed + "UPDATE items SET note = NULL WHERE id <= 3;", """
            UPDATE items SET note = 'none' WHERE note IS NULL;
            ALTER TABLE items ALTER COLUMN note SET NOT NULL;
            """, Ct);
        await using var db = await rehearsal.SeededAsync(Ct);
        var result = await new PsqlRunner(db.ConnectionString).RunFileAsync(rehearsal.Plan.Scripts[0], Ct);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("(informative, never stops the plan): NULLs in public.items.note now", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Found: 3.", result.StdErr, StringComparison.Ordinal);
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
    }

    [Fact]
    public async Task AnExpensiveCheck_IsSkippedUnasked_AndStopsTheScriptWhenAsked()
    {
        // 52M rows: the anti-join is estimated at minutes, so it is optional; the CHECK's scan of 3.6 GB stays under 30 s.
        const string Stats = """{ "tables": { "public.products": { "rows": 120000, "bytes": 18000000 }, "public.items": { "rows": 52000000, "bytes": 3600000000 } } }""";
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, CleanSeed + "UPDATE items SET product_id = 999 WHERE id = 3;", """
            ALTER TABLE items ADD CONSTRAINT items_product_fk FOREIGN KEY (product_id) REFERENCES products (id);
            """, Ct, Stats);
        await using var db = await rehearsal.SeededAsync(Ct);
        var psql = new PsqlRunner(db.ConnectionString);
        string script = await File.ReadAllTextAsync(rehearsal.Plan.Scripts[0], Ct);

        var unasked = await psql.RunSqlAsync(script, Ct);
        Assert.True(unasked.Succeeded, unasked.ToString());
        var cost = Migplan.Planning.Estimator.Duration(52_000_000 / new Migplan.Planning.ThroughputModel().IndexedAntiJoinRowsPerSecond);
        Assert.Contains($"skipped (optional, estimated {cost}", unasked.StdErr, StringComparison.Ordinal);

        var asked = await psql.RunSqlAsync("SET migplan.run_optional_checks = on;\n" + script, Ct);
        Assert.Equal(3, asked.ExitCode);
        Assert.Contains("failed: No row of public.items without its row in public.products", asked.StdErr, StringComparison.Ordinal);
        Assert.Contains("Found: 1; expected: 0.", asked.StdErr, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
