using Migplan.IntegrationTests.Live;
using Migplan.IntegrationTests.PgDump;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Partitions;

/// <summary>
/// A partitioned table read from the server (<c>plan --conn</c>) and from its pg_dump (partitions written as
/// CREATE TABLE, then ALTER TABLE ONLY ... ATTACH PARTITION): both know the partitions, so both plan an index on the
/// partitioned table one partition at a time, with the same steps.
/// </summary>
public sealed class PartitionedLiveTests(PgServer server) : PgTest(server)
{
    private readonly TempDir _work = new();

    public override async ValueTask DisposeAsync()
    {
        _work.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task PlanConn_AndPlanOfThePgDump_BothBuildTheIndexPartitionByPartition()
    {
        await Db.ExecuteAsync("""
            CREATE TABLE events (id bigint NOT NULL, created_at date NOT NULL, kind text NOT NULL) PARTITION BY RANGE (created_at);
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY LIST (kind);
            CREATE TABLE events_2026_click PARTITION OF events_2026 FOR VALUES IN ('click');
            CREATE TABLE events_2026_other PARTITION OF events_2026 DEFAULT;
            INSERT INTO events SELECT g, date '2025-01-01' + (g % 700), CASE WHEN g % 3 = 0 THEN 'click' ELSE 'view' END FROM generate_series(1, 6000) g;
            ANALYZE;
            """, Ct);
        await File.WriteAllTextAsync(_work.Combine("change.sql"), "CREATE INDEX ON events (kind);\n", Ct);
        await File.WriteAllTextAsync(_work.Combine("schema.sql"), await new PgDumpRunner(Db.ConnectionString).SchemaOnlyAsync(Ct), Ct);
        await File.WriteAllTextAsync(_work.Combine("stats.json"), await LiveConn.StatsJsonAsync(Db, Ct), Ct);

        var fromDump = await LiveConn.RunAsync(_work.Path, null, ["plan", "change.sql", "--schema", "schema.sql", "--stats", "stats.json", "--project", "p", "--out", "dump-plan"]);
        Assert.True(fromDump.ExitCode == 0, fromDump.ToString());
        var fromLive = await LiveConn.RunAsync(_work.Path, null, ["plan", "change.sql", "--conn", LiveConn.For(Db), "--project", "p", "--out", "live-plan"]);
        Assert.True(fromLive.ExitCode == 0, fromLive.ToString());

        var liveScripts = LiveConn.Scripts(_work.Combine("live-plan"));
        Assert.Equal(LiveConn.Scripts(_work.Combine("dump-plan")), liveScripts);
        string all = string.Concat(liveScripts.Values);
        foreach (string leaf in new[] { "events_2025", "events_2026_click", "events_2026_other" })
        {
            Assert.Contains($"CREATE INDEX CONCURRENTLY IF NOT EXISTS {leaf}_kind_idx ON public.{leaf} (kind);", all, StringComparison.Ordinal);
        }

        Assert.Contains("CREATE INDEX IF NOT EXISTS events_2026_kind_idx ON ONLY public.events_2026 (kind);", all, StringComparison.Ordinal);
        Assert.Contains("ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_2026_kind_idx;", all, StringComparison.Ordinal);
        Assert.DoesNotContain("ON public.events (kind)", all, StringComparison.Ordinal);
    }
}
