using System.Text.Json;
using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.TypeChanges;

/// <summary>A type change planned as one ALTER: the locks it names through foreign keys, its rollback's type, the sequence it widens.</summary>
public sealed class TypeChangePlanTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id serial PRIMARY KEY, name text);
        CREATE TABLE orders (id bigserial PRIMARY KEY, user_id int REFERENCES users (id), n int);
        CREATE TABLE counters (name text PRIMARY KEY, tick serial);
        """;

    private const string Seed = """
        INSERT INTO users (name) SELECT 'u' || g FROM generate_series(1, 200) g;
        INSERT INTO orders (user_id, n) SELECT 1 + g % 200, g FROM generate_series(1, 500) g;
        INSERT INTO counters (name) SELECT 'c' || g FROM generate_series(1, 50) g;
        """;

    private static string[] Locked(JsonElement step) =>
        [.. step.GetProperty("locks").EnumerateArray().Select(l => $"{l.GetProperty("relation").GetProperty("name").GetString()}:{l.GetProperty("mode").GetString()}:{l.GetProperty("duration").GetString()}")];

    [Fact]
    public async Task AReferencingColumnWidened_NamesTheReferencedTableInItsLocks_AsThePlanStepTakesThem()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "ALTER TABLE orders ALTER COLUMN user_id TYPE bigint;\n", Ct);
        var step = rehearsal.Plan.Step("alter_type");
        Assert.Equal(["orders:ACCESS EXCLUSIVE:step", "users:ACCESS EXCLUSIVE:step"], Locked(step));
        Assert.Contains("foreign-key validation", step.GetProperty("estimate").GetProperty("basis").GetProperty("text").GetString(), StringComparison.Ordinal);

        await using var db = await rehearsal.SeededAsync(Ct);
        var locks = await new LockObserver(db).ObserveAsync(PlanJsonSql.Of(step), Ct);
        LockAssert.Strongest(locks, "orders", LockMode.AccessExclusive);
        LockAssert.Strongest(locks, "users", LockMode.AccessExclusive);
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(2, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct, "none", "existing_data"));
    }

    [Fact]
    public async Task ASerialColumnWidened_AlsoWidensItsSequence_AndTheRollbackUsesInteger()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "ALTER TABLE counters ALTER COLUMN tick TYPE bigint;\n", Ct);
        var step = rehearsal.Plan.Step("alter_type");
        string rollback = File.ReadAllText(Path.Combine(rehearsal.Plan.Dir, step.GetProperty("rollback").GetProperty("script").GetString()!));
        Assert.Contains("TYPE integer", rollback, StringComparison.Ordinal);
        Assert.DoesNotContain("TYPE serial", rollback, StringComparison.Ordinal);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct, intent: "ALTER SEQUENCE counters_tick_seq AS bigint;");
        Assert.Equal(2, await rehearsal.AssertRollbacksFromEveryPointAsync(Ct, "none", "existing_data"));
    }

    [Fact]
    public async Task TheRollbackOfAWidenedSequence_StopsWithAClearError_OnceItHandedOutAValuePastInteger()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "ALTER TABLE counters ALTER COLUMN tick TYPE bigint;\n", Ct);
        await using var db = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(db, Ct);
        await db.ExecuteAsync("SELECT setval('counters_tick_seq', 3000000000)", Ct);

        var step = rehearsal.Plan.Step("alter_type");
        var result = await new PsqlRunner(db.ConnectionString).RunFileAsync(Path.Combine(rehearsal.Plan.Dir, step.GetProperty("rollback").GetProperty("script").GetString()!), Ct);
        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("cannot change public.counters.tick back to integer", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("bigint", await db.ScalarAsync<string>("SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 'counters'::regclass AND attname = 'tick'", Ct));
        Assert.Equal("bigint", await db.ScalarAsync<string>("SELECT format_type(seqtypid, NULL) FROM pg_sequence WHERE seqrelid = 'counters_tick_seq'::regclass", Ct));
    }
}
