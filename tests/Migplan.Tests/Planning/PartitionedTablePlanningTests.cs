using System.Collections.Immutable;
using Migplan.Planning;
using Migplan.Sql;

namespace Migplan.Tests.Planning;

/// <summary>
/// An index or key on a partitioned table: PostgreSQL refuses CREATE INDEX CONCURRENTLY on it, so each partition's index
/// is built CONCURRENTLY on its own and attached under an index made ON ONLY the partitioned table.
/// </summary>
public sealed class PartitionedTablePlanningTests
{
    /// <summary>Partitions as pg_dump writes them (CREATE TABLE, then ATTACH PARTITION) and one made PARTITION OF.</summary>
    private const string Schema = """
        CREATE TABLE public.events (id bigint NOT NULL, created_at date NOT NULL, kind text NOT NULL) PARTITION BY RANGE (created_at);
        CREATE TABLE public.events_2025 (id bigint NOT NULL, created_at date NOT NULL, kind text NOT NULL);
        CREATE TABLE public.events_2026 (id bigint NOT NULL, created_at date NOT NULL, kind text NOT NULL);
        ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;

        """;

    private const string TwoLevelSchema = """
        CREATE TABLE events (id bigint NOT NULL, created_at date NOT NULL, kind text NOT NULL) PARTITION BY RANGE (created_at);
        CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY LIST (kind);
        CREATE TABLE events_2026_click PARTITION OF events_2026 FOR VALUES IN ('click');
        CREATE TABLE events_2026_other PARTITION OF events_2026 DEFAULT;

        """;

    private static readonly (string, long)[] Stats =
        [("public.events_2025", 30_000_000), ("public.events_2026", 10_000_000), ("public.events_default", 1_000)];

    private static Plan Plan(string change, string schema = Schema) => TestPlanner.Plan(change, schema, null, Stats);

    [Fact]
    public void CreateIndex_OnAPartitionedTable_BuildsEachPartitionConcurrently_ThenAttachesThemUnderAnIndexOnOnlyTheParent()
    {
        var plan = Plan("CREATE INDEX ON events (kind);\n");

        Assert.DoesNotContain(plan.Steps, s => s.Sql.Contains("CONCURRENTLY", StringComparison.Ordinal) && s.Sql.Contains("ON public.events ", StringComparison.Ordinal));
        foreach (string partition in new[] { "events_2025", "events_2026", "events_default" })
        {
            var build = plan.StepWithTitle($"Create index {partition}_kind_idx concurrently");
            Assert.Contains($"CREATE INDEX CONCURRENTLY IF NOT EXISTS {partition}_kind_idx ON public.{partition} (kind);", build.Sql, StringComparison.Ordinal);
            Assert.Contains("DROP INDEX CONCURRENTLY IF EXISTS", build.Sql, StringComparison.Ordinal); // an INVALID leftover first
            Assert.Equal(LockMode.ShareUpdateExclusive, Assert.Single(build.Locks).Mode);
        }

        var attach = plan.StepWithTitle("Make events_kind_idx on public.events and attach the partitions' indexes");
        Assert.Equal(plan.Steps[^1], attach);
        Assert.Equal(
            "CREATE INDEX IF NOT EXISTS events_kind_idx ON ONLY public.events (kind);\n" +
            "ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_2025_kind_idx;\n" +
            "ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_2026_kind_idx;\n" +
            "ALTER INDEX public.events_kind_idx ATTACH PARTITION public.events_default_kind_idx;\n",
            attach.Sql);
        Assert.True(attach.Transactional);
        Assert.All(attach.Locks, l => Assert.True(l.Brief));
        Assert.Equal(LockMode.Share, attach.Locks.Single(l => l.Relation.Name.Value == "events").Mode);
        Assert.Equal(LockMode.AccessShare, attach.Locks.Single(l => l.Relation.Name.Value == "events_2025").Mode);
        Assert.Equal(LockMode.AccessExclusive, attach.Locks.Single(l => l.Relation.Name.Value == "events_2025_kind_idx").Mode);
        Assert.Equal("DROP INDEX IF EXISTS public.events_kind_idx;\n", attach.Rollback.Sql);
        Assert.Contains("pg_partition_tree", attach.Verification.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateIndex_OnAPartitionedTable_EstimatesEachPartitionFromItsOwnSize()
    {
        var plan = Plan("CREATE INDEX ON events (kind);\n");

        double big = plan.StepWithTitle("Create index events_2025_kind_idx").Estimate.Seconds;
        double small = plan.StepWithTitle("Create index events_2026_kind_idx").Estimate.Seconds;
        Assert.Equal(3.0, big / small, precision: 6);
    }

    [Fact]
    public void CreateIndex_NamesThePartitionsIndexesAsPostgreSqlDoes_SkippingATakenName()
    {
        var plan = Plan("CREATE INDEX events_kind_idx ON events (kind);\n", Schema + "CREATE INDEX events_2026_kind_idx ON events_2026 (id);\n");

        Assert.Contains("ATTACH PARTITION public.events_2026_kind_idx1;", plan.Steps[^1].Sql, StringComparison.Ordinal);
        Assert.Contains("ATTACH PARTITION public.events_2025_kind_idx;", plan.Steps[^1].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateIndex_OnATwoLevelPartitionedTable_MakesTheSubPartitionedIndexOnOnly_AndBuildsOnlyTheLeaves()
    {
        var plan = Plan("CREATE INDEX ON events (id);\n", TwoLevelSchema);

        Assert.Equal(
            ["Create index events_2025_id_idx concurrently", "Create index events_2026_click_id_idx concurrently", "Create index events_2026_other_id_idx concurrently"],
            plan.Steps.Select(s => s.TitleText()).Where(t => t.StartsWith("Create index", StringComparison.Ordinal)));
        Assert.Equal(
            "CREATE INDEX IF NOT EXISTS events_2026_id_idx ON ONLY public.events_2026 (id);\n" +
            "ALTER INDEX public.events_2026_id_idx ATTACH PARTITION public.events_2026_click_id_idx;\n" +
            "ALTER INDEX public.events_2026_id_idx ATTACH PARTITION public.events_2026_other_id_idx;\n" +
            "CREATE INDEX IF NOT EXISTS events_id_idx ON ONLY public.events (id);\n" +
            "ALTER INDEX public.events_id_idx ATTACH PARTITION public.events_2025_id_idx;\n" +
            "ALTER INDEX public.events_id_idx ATTACH PARTITION public.events_2026_id_idx;\n",
            plan.Steps[^1].Sql);
        Assert.Equal(LockMode.Share, plan.Steps[^1].Locks.Single(l => l.Relation.Name.Value == "events_2026").Mode);
    }

    [Fact]
    public void AddPrimaryKey_OnAPartitionedTable_KeysEachPartitionUsingItsConcurrentIndex_ThenAddsTheKeyOnOnlyTheParentAndAttaches()
    {
        var plan = Plan("ALTER TABLE events ADD PRIMARY KEY (id, created_at);\n");

        Assert.Contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS events_2025_pkey ON public.events_2025 (id, created_at);",
            plan.StepWithTitle("Create index events_2025_pkey concurrently").Sql, StringComparison.Ordinal);
        Assert.Contains("ADD CONSTRAINT events_2025_pkey PRIMARY KEY USING INDEX events_2025_pkey",
            plan.StepWithTitle("Attach events_2025_pkey as PRIMARY KEY").Sql, StringComparison.Ordinal);
        var attach = plan.StepWithTitle("Add events_pkey on public.events and attach the partitions' keys");
        Assert.Contains("ALTER TABLE ONLY public.events ADD CONSTRAINT events_pkey PRIMARY KEY (id, created_at);", attach.Sql, StringComparison.Ordinal);
        Assert.Contains("ALTER INDEX public.events_pkey ATTACH PARTITION public.events_default_pkey;", attach.Sql, StringComparison.Ordinal);
        Assert.Equal(LockMode.AccessExclusive, attach.Locks.Single(l => l.Relation.Name.Value == "events").Mode);
        Assert.Equal("ALTER TABLE public.events DROP CONSTRAINT IF EXISTS events_pkey;\n", attach.Rollback.Sql);
    }

    [Fact]
    public void CreateIndexOnOnly_IsOneBriefShareLock_WithoutConcurrently()
    {
        var step = Assert.Single(Plan("CREATE INDEX events_kind_idx ON ONLY events (kind);\n").Steps, s => s.TitleText().StartsWith("Create index", StringComparison.Ordinal));

        Assert.Equal("CREATE INDEX IF NOT EXISTS events_kind_idx ON ONLY public.events (kind);\n", step.Sql);
        Assert.True(Assert.Single(step.Locks) is { Mode: LockMode.Share, Brief: true });
    }

    [Theory]
    [InlineData("CREATE UNIQUE INDEX events_id_idx ON events (id);\n", "change.sql:1:1: unique constraint on partitioned table must include all partitioning columns: unique index public.events_id_idx on public.events lacks column created_at")]
    [InlineData("ALTER TABLE events ADD PRIMARY KEY (id);\n", "change.sql:1:20: unique constraint on partitioned table must include all partitioning columns: primary key events_pkey on public.events lacks column created_at")]
    public void AUniqueKeyWithoutThePartitionKey_IsAnErrorAtItsPosition(string change, string expected)
    {
        var inputs = new PlanInputs([new SourceText("change.sql", change)], [new SourceText("schema.sql", Schema)], null, [], "sha256:test");
        var outcome = Planner.Plan(inputs, new PlanOptions());

        Assert.Null(outcome.Plan);
        Assert.StartsWith(expected, Assert.Single(outcome.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void AUniqueKeyWithoutASubPartitionsKey_IsAnError()
    {
        var inputs = new PlanInputs([new SourceText("change.sql", "CREATE UNIQUE INDEX ON events (id, created_at);\n")], [new SourceText("schema.sql", TwoLevelSchema)], null, [], "sha256:test");

        var error = Assert.Single(Planner.Plan(inputs, new PlanOptions()).Errors);

        Assert.Contains("lacks column kind, part of the partition key of public.events_2026", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheParentsEstimate_IsItsPartitionsRows()
    {
        var plan = Plan("ALTER TABLE events ADD CONSTRAINT events_kind_check CHECK (kind <> '');\n");

        Assert.Contains("40,001,000", TestPlanner.AllOutput(plan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CREATE INDEX events_kind_idx ON events (kind);\n")]
    [InlineData("CREATE INDEX events_kind_idx ON ONLY public.events USING btree (kind);\n")]
    public void DropIndex_OfAPartitionedIndex_IsNotConcurrent_AndLocksEveryPartitionBriefly(string index)
    {
        var step = Plan("DROP INDEX events_kind_idx;\n", Schema + index).StepWithTitle("Drop partitioned index events_kind_idx");

        Assert.Equal("DROP INDEX IF EXISTS public.events_kind_idx;\n", step.Sql);
        Assert.True(step.Transactional);
        Assert.Equal(["events", "events_2025", "events_2026", "events_default"], step.Locks.Select(l => l.Relation.Name.Value));
        Assert.All(step.Locks, l => Assert.True(l is { Mode: LockMode.AccessExclusive, Brief: true }));
    }

    [Fact]
    public void AForeignKeyOnAPartitionedTable_IsAddedNotValidAndValidatedOnEachPartition_ThenOnTheTableWithoutAScan()
    {
        var plan = Plan("ALTER TABLE events ADD CONSTRAINT events_kind_fk FOREIGN KEY (kind) REFERENCES kinds (name);\n",
            Schema + "CREATE TABLE kinds (name text PRIMARY KEY);\n");

        Assert.DoesNotContain(plan.Steps, s => s.Sql.Contains("public.events ADD CONSTRAINT events_kind_fk FOREIGN KEY (kind) REFERENCES kinds (name) NOT VALID", StringComparison.Ordinal));
        foreach (string partition in new[] { "events_2025", "events_2026", "events_default" })
        {
            Assert.Contains($"ALTER TABLE public.{partition} ADD CONSTRAINT events_kind_fk FOREIGN KEY (kind) REFERENCES kinds (name) NOT VALID;",
                plan.StepWithTitle($"Add constraint events_kind_fk NOT VALID on partition public.{partition}").Sql, StringComparison.Ordinal);
            Assert.Equal($"ALTER TABLE public.{partition} VALIDATE CONSTRAINT events_kind_fk;\n", plan.StepWithTitle($"Validate events_kind_fk on partition public.{partition}").Sql);
        }

        var last = plan.Steps[^1];
        Assert.Contains("ALTER TABLE public.events ADD CONSTRAINT events_kind_fk FOREIGN KEY (kind) REFERENCES kinds (name);", last.Sql, StringComparison.Ordinal);
        Assert.Equal(LockMode.AccessExclusive, last.Locks.Single(l => l.Relation.Name.Value == "kinds").Mode);
        Assert.All(last.Locks.Where(l => l.Relation.Name.Value != "kinds"), l => Assert.Equal(LockMode.ShareRowExclusive, l.Mode));
        Assert.Equal(4, last.Locks.Count(l => l.Relation.Name.Value.StartsWith("events", StringComparison.Ordinal)));
    }

    [Fact]
    public void RenameColumnOfAPartitionedTable_RenamesItInEveryPartition_WithTheirKeys()
    {
        var plan = TestPlanner.Plan(
            "ALTER TABLE events ADD PRIMARY KEY (id, created_at);\nALTER TABLE events RENAME COLUMN id TO event_id;\nCREATE INDEX events_kind_idx ON events (kind);\n",
            Schema);

        Assert.Contains(plan.Steps, s => s.Sql.Contains("events_2025", StringComparison.Ordinal) && s.Sql.Contains("(kind)", StringComparison.Ordinal));
    }
}
