using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Backfill;

/// <summary>
/// A column moved to a new table (INSERT ... SELECT from a big table) is copied in committed batches of the source's
/// key, and ends with the rows the INSERT as written gives: checked on seeded tables on PostgreSQL 15.
/// </summary>
public sealed class BatchedCopyTests(PgServer server) : PgTest(server)
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, "Bio" text);
        CREATE TABLE audit (id bigint PRIMARY KEY, body text);

        """;

    // 1,000 users, 800 with a bio (every id not a multiple of 5).
    private const string Seed = """
        INSERT INTO users SELECT g, 'user ' || g, CASE WHEN g % 5 <> 0 THEN 'bio of ' || g END FROM generate_series(1, 1000) g;

        """;

    private const string Stats = """{"tables": {"public.users": {"rows": 1000, "bytes": 80000}, "public.audit": {"rows": 0, "bytes": 0}}}""";

    private const string MoveBio = """
        CREATE TABLE profiles (user_id bigint PRIMARY KEY REFERENCES users (id), bio text NOT NULL);
        INSERT INTO profiles (user_id, bio) SELECT u.id, u."Bio" FROM users AS u WHERE u."Bio" IS NOT NULL;
        ALTER TABLE users DROP COLUMN "Bio";

        """;

    [Fact]
    public async Task ColumnMovedToANewTable_IsCopiedInBatches_AndEndsLikeTheChangeAsWritten()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, MoveBio, Ct, Stats, batchSize: 100);
        var copy = rehearsal.Plan.Steps.Single(s => s.GetProperty("title").GetProperty("text").GetString() == "Insert into profiles");
        var command = copy.GetProperty("commands")[0];
        Assert.True(command.GetProperty("outsideTransaction").GetBoolean());
        Assert.False(command.GetProperty("rerunnable").GetBoolean());
        Assert.Contains("COMMIT;", command.GetProperty("sql").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("1,000 rows copied at", copy.GetProperty("estimate").GetProperty("basis").GetProperty("text").GetString(), StringComparison.Ordinal);

        await rehearsal.AssertEndsLikeNaiveAsync(Ct);

        await using var db = await rehearsal.SeededAsync(Ct);
        var psql = new PsqlRunner(db.ConnectionString);
        int batches = 0;
        foreach (var script in rehearsal.Plan.Scripts)
        {
            var result = await psql.RunFileAsync(script, Ct);
            Assert.True(result.Succeeded, result.StdErr);
            batches += result.StdErr.Split("rows so far, done up to key").Length - 1;
        }

        // One NOTICE per committed batch: 1,000 source keys in batches of 100.
        Assert.Equal(10, batches);
        Assert.Equal(800L, await db.ScalarAsync<long>("SELECT count(*) FROM profiles", Ct));
    }

    [Fact]
    public async Task CopyStoppedHalfway_ResumesAfterTheLastReportedKey_WithoutInsertingTwice()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, """
            INSERT INTO audit (id, body) SELECT id, name FROM users WHERE id > 100;

            """, Ct, Stats, batchSize: 100);
        var script = rehearsal.Plan.Steps.Single(s => s.GetProperty("title").GetProperty("text").GetString() == "Insert into audit").GetProperty("script").GetString()!;
        await using var db = await rehearsal.SeededAsync(Ct);

        // A conflicting row makes the batch of keys 401..500 fail: the batches before it are committed and stay.
        await db.ExecuteAsync("INSERT INTO audit VALUES (450, 'already there')", Ct);
        var psql = new PsqlRunner(db.ConnectionString);
        var failed = await psql.RunFileAsync(Path.Combine(rehearsal.Plan.Dir, script), Ct);
        Assert.False(failed.Succeeded);
        Assert.Equal(301L, await db.ScalarAsync<long>("SELECT count(*) FROM audit", Ct)); // keys 101..400 and the conflicting row

        await db.ExecuteAsync("DELETE FROM audit WHERE id = 450", Ct);
        var resumed = await psql.RunSqlAsync($"SET migplan.resume_after = '400';\n\\i {Path.Combine(rehearsal.Plan.Dir, script)}\n", Ct);
        Assert.True(resumed.Succeeded, resumed.StdErr);
        Assert.Equal(900L, await db.ScalarAsync<long>("SELECT count(*) FROM audit", Ct));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM audit a JOIN users u ON u.id = a.id WHERE a.body IS DISTINCT FROM u.name", Ct));
    }
}
