using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.EndToEnd;

/// <summary>A keyset backfill resumes after a given key (migplan.resume_after), as its timeout advice says.</summary>
public sealed class ResumeEndToEnd(PgServer server) : PgTest(server)
{
    private const string Schema = "CREATE TABLE items (id bigint PRIMARY KEY, v int NOT NULL);\n";

    [Fact]
    public async Task Backfill_WithResumeAfter_StartsAfterThatKey_AndAPlainRerunFinishesTheRest()
    {
        string input = Path.Combine(Path.GetTempPath(), $"migplan-resume-{Guid.NewGuid():N}");
        Directory.CreateDirectory(input);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(input, "schema.sql"), Schema, Ct);
            await File.WriteAllTextAsync(Path.Combine(input, "change.sql"), "ALTER TABLE items ADD COLUMN w int;\nUPDATE items SET w = v * 2;\n", Ct);
            using var plan = await GeneratedPlan.CreateAsync([input], 5000, Ct);
            await Db.ExecuteAsync(Schema + "INSERT INTO items SELECT g, g % 100 FROM generate_series(1, 30000) g; ANALYZE items;", Ct);
            var psql = new PsqlRunner(Db.ConnectionString);
            await GeneratedPlan.RunOkAsync(psql, plan.Script("add_column_items_w"), Ct);

            string backfill = plan.Script("backfill_items_w");
            string resumed = Path.Combine(input, "resumed.sql");
            await File.WriteAllTextAsync(resumed, "SET migplan.resume_after = '20000';\n" + await File.ReadAllTextAsync(backfill, Ct), Ct);
            var run = await GeneratedPlan.RunOkAsync(psql, resumed, Ct);

            Assert.Contains("resuming after key 20000", run.StdErr + run.StdOut, StringComparison.Ordinal);
            Assert.Equal(20000L, await Db.ScalarAsync<long>("SELECT count(*) FROM items WHERE w IS NULL", Ct));
            Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM items WHERE id <= 20000 AND w IS NOT NULL", Ct));

            await GeneratedPlan.RunOkAsync(psql, backfill, Ct);
            Assert.Equal(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM items WHERE w IS DISTINCT FROM v * 2", Ct));
        }
        finally
        {
            Directory.Delete(input, recursive: true);
        }
    }
}
