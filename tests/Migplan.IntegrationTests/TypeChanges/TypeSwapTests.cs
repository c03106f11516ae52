using System.Text.Json;
using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.TypeChanges;

/// <summary>The online type change (new column, trigger, batched backfill, unique index CONCURRENTLY, swap) run on PostgreSQL 15.</summary>
public sealed class TypeSwapTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);
        CREATE TABLE orders (id bigserial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id) ON DELETE CASCADE, total int);
        CREATE TABLE reviews (id bigint PRIMARY KEY, author int REFERENCES users);
        """;

    private const string Seed = """
        INSERT INTO users (name) SELECT 'user ' || g FROM generate_series(1, 2000) g;
        INSERT INTO orders (user_id, total) SELECT 1 + g % 2000, g FROM generate_series(1, 4000) g;
        INSERT INTO reviews SELECT g, 1 + g % 1500 FROM generate_series(1, 500) g;
        """;

    private const string Change = "ALTER TABLE users ALTER COLUMN id TYPE bigint;\n";

    private const string Intent = "ALTER SEQUENCE users_id_seq AS bigint;";

    private static string[] Kinds(GeneratedPlan plan) => [.. plan.Steps.Select(s => s.GetProperty("id").GetString()!)];

    [Fact]
    public async Task IntToBigintOnAReferencedKey_RunsOnline_AndEndsLikeTheAlterAsWritten()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, Change, Ct, batchSize: 300);
        var ids = Kinds(rehearsal.Plan);
        Assert.Contains(ids, i => i.Contains("type_swap_expand", StringComparison.Ordinal));
        Assert.Contains(ids, i => i.Contains("type_swap_backfill", StringComparison.Ordinal));
        Assert.Contains(ids, i => i.Contains("type_swap_drop_old", StringComparison.Ordinal));
        Assert.Equal(2, ids.Count(i => i.Contains("validate_fk", StringComparison.Ordinal)));
        Assert.DoesNotContain(ids, i => i.Contains("alter_type", StringComparison.Ordinal));

        await rehearsal.AssertEndsLikeNaiveAsync(Ct, Intent);
    }

    [Fact]
    public async Task IntToBigintOnAReferencedKey_RollsBackFromEveryPoint()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, Change, Ct, batchSize: 300);

        Assert.True(await rehearsal.AssertRollbacksFromEveryPointAsync(Ct) >= 7);
    }

    [Fact]
    public async Task TheSwap_TakesBriefAccessExclusiveOnTheTableAndEveryReferencingTable_AsThePlanSays()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, Change, Ct, batchSize: 300);
        var steps = rehearsal.Plan.Steps.ToList();
        int swap = steps.FindIndex(s => s.GetProperty("id").GetString()!.EndsWith("_type_swap_users_id", StringComparison.Ordinal));
        var planned = steps[swap].GetProperty("locks").EnumerateArray()
            .Select(l => $"{l.GetProperty("relation").GetProperty("name").GetString()}:{l.GetProperty("mode").GetString()}:{l.GetProperty("duration").GetString()}").ToList();
        Assert.Equal(["users:ACCESS EXCLUSIVE:brief", "orders:ACCESS EXCLUSIVE:brief", "reviews:ACCESS EXCLUSIVE:brief"], planned);

        await using var db = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(db, Ct, upTo: swap);
        var locks = await new LockObserver(db).ObserveAsync(PlanJsonSql.Of(steps[swap]), Ct);
        LockAssert.Strongest(locks, "users", LockMode.AccessExclusive);
        LockAssert.Strongest(locks, "orders", LockMode.AccessExclusive);
        LockAssert.Strongest(locks, "reviews", LockMode.AccessExclusive);
    }

    [Fact]
    public async Task RowsWrittenBetweenTheSteps_AreKeptInSync_BeforeAndAfterTheSwap()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, Change, Ct, batchSize: 300);
        var steps = rehearsal.Plan.Steps.ToList();
        int swap = steps.FindIndex(s => s.GetProperty("id").GetString()!.EndsWith("_type_swap_users_id", StringComparison.Ordinal));
        await using var db = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(db, Ct, upTo: 2);
        await db.ExecuteAsync("INSERT INTO users (name) VALUES ('during expand'); UPDATE users SET name = 'renamed' WHERE id = 7", Ct);
        await rehearsal.RunForwardAsync(db, Ct, upTo: swap + 1);
        await db.ExecuteAsync("INSERT INTO users (name) VALUES ('after swap'); INSERT INTO orders (user_id, total) SELECT max(id), 1 FROM users", Ct);

        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM users WHERE id IS DISTINCT FROM id_migplan_old", Ct));
        Assert.Equal("bigint", await db.ScalarAsync<string>("SELECT format_type(seqtypid, NULL) FROM pg_sequence WHERE seqrelid = 'users_id_seq'::regclass", Ct));

        // The swap undone here still has every row's old value, the rows written since included.
        var psql = new PsqlRunner(db.ConnectionString);
        await GeneratedPlan.RunOkAsync(psql, Path.Combine(rehearsal.Plan.Dir, steps[swap].GetProperty("rollback").GetProperty("script").GetString()!), Ct);
        Assert.Equal("integer", await db.ScalarAsync<string>("SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'id'", Ct));
        Assert.Equal(2002L, await db.ScalarAsync<long>("SELECT count(*) FROM users", Ct));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM users u JOIN orders o ON o.user_id = u.id WHERE u.name = 'after swap'", Ct));
        Assert.Equal("renamed", await db.ScalarAsync<string>("SELECT name FROM users WHERE id = 7", Ct));
    }

    [Fact]
    public async Task TheSwapsRollback_StopsWithAClearError_OnceARowHoldsAValuePastInteger()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, Change, Ct, batchSize: 300);
        var steps = rehearsal.Plan.Steps.ToList();
        int swap = steps.FindIndex(s => s.GetProperty("id").GetString()!.EndsWith("_type_swap_users_id", StringComparison.Ordinal));
        await using var db = await rehearsal.SeededAsync(Ct);
        await rehearsal.RunForwardAsync(db, Ct, upTo: swap + 1);
        await db.ExecuteAsync("INSERT INTO users (id, name) VALUES (3000000000, 'big')", Ct);

        var result = await new PsqlRunner(db.ConnectionString).RunFileAsync(Path.Combine(rehearsal.Plan.Dir, steps[swap].GetProperty("rollback").GetProperty("script").GetString()!), Ct);
        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("cannot swap public.users.id back to integer", result.StdErr, StringComparison.Ordinal);
        Assert.Equal("bigint", await db.ScalarAsync<string>("SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'id'", Ct));
    }

    [Fact]
    public async Task ARenameOfTheColumnWrittenAfter_RunsAfterTheSwap_AndTheEndIsTheSame()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, Change + "ALTER TABLE users RENAME COLUMN id TO user_key;\n", Ct, batchSize: 300);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct, Intent);
        Assert.True(await rehearsal.AssertRollbacksFromEveryPointAsync(Ct) >= 7);
    }
}
