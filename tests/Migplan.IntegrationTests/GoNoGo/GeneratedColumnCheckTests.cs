using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.GoNoGo;

/// <summary>
/// Adding a GENERATED ... STORED column rewrites the table in a maintenance window; its expression is computed on
/// every existing row by the pre-migration step first (PostgreSQL 15), so a row it fails on stops the plan before the
/// window, with the server's error, not in it.
/// </summary>
public sealed class GeneratedColumnCheckTests(PgServer server) : PgTest(server)
{
    private const string Schema = "CREATE TABLE items (id bigint PRIMARY KEY, quantity integer NOT NULL, total integer NOT NULL);\n";

    private const string Change = "ALTER TABLE items ADD COLUMN unit_price integer GENERATED ALWAYS AS (total / quantity) STORED;\n";

    private const string Seed = "INSERT INTO items SELECT g, 1 + g % 7, 10 * g FROM generate_series(1, 300) g;\n";

    [Fact]
    public async Task AnExpressionThatComputesOnEveryRow_Passes_AndThePlanEndsLikeTheChange()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, Change, Ct);
        await using var db = await rehearsal.SeededAsync(Ct);

        var result = await new PsqlRunner(db.ConnectionString).RunFileAsync(rehearsal.Plan.Scripts[0], Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("generated column public.items.unit_price computes on every existing row", result.StdErr, StringComparison.Ordinal);
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
    }

    [Fact]
    public async Task AnExpressionThatFailsOnARow_StopsThePreMigrationStep_AsTheRewriteWouldHaveFailed()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed + "UPDATE items SET quantity = 0 WHERE id = 150;\n", Change, Ct);
        await using var db = await rehearsal.SeededAsync(Ct);

        var result = await new PsqlRunner(db.ConnectionString).RunFileAsync(rehearsal.Plan.Scripts[0], Ct);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("division by zero", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'unit_price'", Ct));
        var naive = await rehearsal.RunNaiveAsync(Ct);
        Assert.False(naive.Result.Succeeded);
        Assert.Contains("division by zero", naive.Result.StdErr, StringComparison.Ordinal);
    }
}
