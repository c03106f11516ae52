using System.Text.Json;
using Migplan.IntegrationTests.EndToEnd;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.Partitions;

/// <summary>
/// An index or key on a partitioned table, which PostgreSQL cannot build CONCURRENTLY: the plan builds each partition's
/// index CONCURRENTLY and attaches them under an index made ON ONLY the partitioned table. Proved on PostgreSQL 15 on
/// seeded partitions: the plan runs, ends like the change as written (the partitions' indexes named as PostgreSQL names
/// them), rolls back from every point, and the locks its attach step takes are the ones it states.
/// </summary>
public sealed class PartitionedIndexTests(PgServer server) : PgTest(server)
{
    /// <summary>Three partitions as pg_dump writes them (CREATE TABLE, then ATTACH PARTITION), one created PARTITION OF.</summary>
    private const string Schema = """
        CREATE TABLE public.events (id bigint NOT NULL, created_at date NOT NULL, kind text NOT NULL, payload text)
        PARTITION BY RANGE (created_at);
        CREATE TABLE public.events_2025 (id bigint NOT NULL, created_at date NOT NULL, kind text NOT NULL, payload text);
        CREATE TABLE public.events_2026 (id bigint NOT NULL, created_at date NOT NULL, kind text NOT NULL, payload text);
        ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;
        """;

    /// <summary>The same, with 2026 itself partitioned by kind (two leaves under it).</summary>
    private const string TwoLevelSchema = """
        CREATE TABLE public.events (id bigint NOT NULL, created_at date NOT NULL, kind text NOT NULL, payload text)
        PARTITION BY RANGE (created_at);
        CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY LIST (kind);
        CREATE TABLE public.events_2026_click PARTITION OF public.events_2026 FOR VALUES IN ('click');
        CREATE TABLE public.events_2026_other PARTITION OF public.events_2026 DEFAULT;
        CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;
        """;

    private const string Seed = """
        INSERT INTO events SELECT g, date '2024-12-01' + (g % 800), CASE WHEN g % 3 = 0 THEN 'click' ELSE 'view' END, 'p' || g
        FROM generate_series(1, 3000) g;
        """;

    /// <summary>Sizes that make every partition worth a concurrent build.</summary>
    private const string Stats = """
        { "tables": {
          "public.events": { "rows": 0, "bytes": 0 },
          "public.events_2025": { "rows": 30000000, "bytes": 5200000000 },
          "public.events_2026": { "rows": 12000000, "bytes": 2100000000 },
          "public.events_2026_click": { "rows": 6000000, "bytes": 1000000000 },
          "public.events_2026_other": { "rows": 6000000, "bytes": 1100000000 },
          "public.events_default": { "rows": 1000, "bytes": 180000 }
        } }
        """;

    [Theory]
    [InlineData("CREATE INDEX ON events (kind);")]
    [InlineData("CREATE UNIQUE INDEX events_id_created_at_idx ON events (id, created_at);")]
    [InlineData("ALTER TABLE events ADD PRIMARY KEY (id, created_at);")]
    [InlineData("ALTER TABLE events ADD CONSTRAINT events_id_created_key UNIQUE (id, created_at);")]
    public async Task OnAPartitionedTable_ThePlanRuns_EndsLikeTheChangeAsWritten_AndRollsBackFromEveryPoint(string change)
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, change, Ct, Stats);

        AssertNoConcurrentBuildOnTheParent(rehearsal.Plan);
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(rehearsal.Plan.Steps.Count(), await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }

    [Theory]
    [InlineData("CREATE INDEX ON events (payload);")]
    [InlineData("CREATE UNIQUE INDEX ON events (id, created_at, kind);")]
    [InlineData("ALTER TABLE events ADD PRIMARY KEY (id, created_at, kind);")]
    public async Task OnATwoLevelPartitionedTable_ThePlanRuns_EndsLikeTheChangeAsWritten_AndRollsBackFromEveryPoint(string change)
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, TwoLevelSchema, Seed, change, Ct, Stats);

        AssertNoConcurrentBuildOnTheParent(rehearsal.Plan);
        Assert.DoesNotContain(rehearsal.Plan.Steps, s => PlanJsonSql.Of(s).Contains("CONCURRENTLY IF NOT EXISTS events_2026_", StringComparison.Ordinal)
            && PlanJsonSql.Of(s).Contains("ON public.events_2026 ", StringComparison.Ordinal));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(rehearsal.Plan.Steps.Count(), await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AForeignKeyOnAPartitionedTable_IsValidatedPartitionByPartition_EndsLikeTheChangeAsWritten_AndRollsBack(bool twoLevel)
    {
        const string kinds = "CREATE TABLE public.kinds (name text PRIMARY KEY);\n";
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, kinds + (twoLevel ? TwoLevelSchema : Schema), "INSERT INTO kinds VALUES ('click'), ('view');\n" + Seed,
            "ALTER TABLE events ADD CONSTRAINT events_kind_fk FOREIGN KEY (kind) REFERENCES kinds (name);", Ct, Stats);

        Assert.DoesNotContain(rehearsal.Plan.Steps, s => PlanJsonSql.Of(s).Contains("public.events ADD CONSTRAINT events_kind_fk FOREIGN KEY (kind) REFERENCES kinds (name) NOT VALID", StringComparison.Ordinal));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
        Assert.Equal(rehearsal.Plan.Steps.Count(), await rehearsal.AssertRollbacksFromEveryPointAsync(Ct));
    }

    [Fact]
    public async Task DropIndex_OfAPartitionedIndex_Runs_AndEndsLikeTheChangeAsWritten()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, TwoLevelSchema + "CREATE INDEX events_kind_idx ON events (kind);\n", Seed,
            "DROP INDEX events_kind_idx;", Ct, Stats);

        Assert.DoesNotContain(rehearsal.Plan.Steps, s => PlanJsonSql.Of(s).Contains("CONCURRENTLY", StringComparison.Ordinal));
        await rehearsal.AssertEndsLikeNaiveAsync(Ct);
    }

    [Fact]
    public async Task AHalfDoneRun_RollsBack_DroppingTheInvalidLeftoverToo()
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, Schema, Seed, "CREATE INDEX ON events (kind);", Ct, Stats);
        await using var db = await rehearsal.SeededAsync(Ct);
        string start = await SchemaFingerprint.OfAsync(db, Ct);
        var steps = rehearsal.Plan.Steps.ToList();
        var psql = new PsqlRunner(db.ConnectionString);
        int firstBuild = steps.FindIndex(s => s.GetProperty("id").GetString()!.Contains("create_index", StringComparison.Ordinal));
        for (int i = 0; i < firstBuild; i++)
        {
            await GeneratedPlan.RunOkAsync(psql, Path.Combine(rehearsal.Plan.Dir, steps[i].GetProperty("script").GetString()!), Ct);
        }

        // A CONCURRENTLY build that failed: the INVALID index it leaves behind, as PostgreSQL marks it.
        await db.ExecuteAsync("CREATE INDEX events_2025_kind_idx ON events_2025 (kind); UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'events_2025_kind_idx'::regclass;", Ct);
        for (int i = firstBuild; i >= 0; i--)
        {
            await GeneratedPlan.RunOkAsync(psql, Path.Combine(rehearsal.Plan.Dir, steps[i].GetProperty("rollback").GetProperty("script").GetString()!), Ct);
        }

        SchemaFingerprint.AssertSame(start, await SchemaFingerprint.OfAsync(db, Ct), "schema after rolling back a half-done build");
    }

    [Theory]
    [InlineData("CREATE INDEX ON events (kind);", "events", LockMode.Share)]
    [InlineData("ALTER TABLE events ADD PRIMARY KEY (id, created_at, kind);", "events", LockMode.AccessExclusive)]
    [InlineData("ALTER TABLE events ADD CONSTRAINT events_kind_fk FOREIGN KEY (kind) REFERENCES kinds (name);", "events", LockMode.ShareRowExclusive)]
    [InlineData("ALTER TABLE events ADD CONSTRAINT events_kind_fk FOREIGN KEY (kind) REFERENCES kinds (name);", "kinds", LockMode.AccessExclusive)]
    public async Task TheLastStep_ThatAttachesThePartitions_TakesTheLocksThePlanStates(string change, string relation, LockMode strongest)
    {
        using var rehearsal = await PlanRehearsal.CreateAsync(Server, "CREATE TABLE public.kinds (name text PRIMARY KEY);\n" + TwoLevelSchema,
            "INSERT INTO kinds VALUES ('click'), ('view');\n" + Seed, change, Ct, Stats);
        await using var db = await rehearsal.SeededAsync(Ct);
        var steps = rehearsal.Plan.Steps.ToList();
        int attach = steps.Count - 1;
        await rehearsal.RunForwardAsync(db, Ct, upTo: attach);

        var stated = steps[attach].GetProperty("locks").EnumerateArray()
            .ToDictionary(l => l.GetProperty("relation").GetProperty("name").GetString()!, l => l.GetProperty("mode").GetString()!);
        var created = new HashSet<string>(StringComparer.Ordinal);
        var observed = new List<LockMode>();
        var observer = new LockObserver(db);
        foreach (var command in steps[attach].GetProperty("commands").EnumerateArray())
        {
            var before = await RelationsAsync(db);
            var locks = await observer.ObserveInTransactionAsync(command.GetProperty("sql").GetString()!, TransactionEnd.Commit, Ct);
            foreach (var name in (await RelationsAsync(db)).Except(before))
            {
                created.Add(name); // the partitioned index the command made: nobody else can be using it
            }

            foreach (var entry in locks.Entries.Where(e => !created.Contains(e.Relation) && !e.Relation.StartsWith("oid:", StringComparison.Ordinal)))
            {
                Assert.True(stated.TryGetValue(entry.Relation, out var mode), $"{entry} is not among the step's locks ({string.Join(", ", stated)})");
                Assert.True(entry.Mode <= Parse(mode), $"{entry} is stronger than the stated {mode}");
                if (entry.Relation == relation)
                {
                    observed.Add(entry.Mode);
                }
            }
        }

        Assert.Equal(strongest, observed.Max());
        Assert.Equal(strongest, Parse(stated[relation]));
        Assert.True(await db.ScalarAsync<bool>(steps[attach].GetProperty("verification").GetProperty("sql").GetString()!.TrimEnd(';'), Ct));
    }

    private static LockMode Parse(string planMode) => Enum.Parse<LockMode>(planMode.Replace(" ", "_", StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);

    private static async Task<HashSet<string>> RelationsAsync(ScratchDatabase db)
    {
        await using var conn = await db.OpenConnectionAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT relname::text FROM pg_class WHERE relnamespace = 'public'::regnamespace", conn);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void AssertNoConcurrentBuildOnTheParent(GeneratedPlan plan)
    {
        foreach (JsonElement step in plan.Steps)
        {
            string sql = PlanJsonSql.Of(step);
            Assert.DoesNotContain("ON public.events (", sql, StringComparison.Ordinal);
            Assert.False(sql.Contains("CONCURRENTLY", StringComparison.Ordinal) && sql.Contains("ON public.events ", StringComparison.Ordinal), sql);
        }
    }
}
