using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Tests.Schema;

/// <summary>The catalog knows each partitioned table's partitions, however the schema writes them.</summary>
public sealed class PartitionCatalogTests
{
    private static Catalog Load(string schema) => CatalogLoader.Load([new SourceText("schema.sql", schema)], null, []).Catalog;

    private static Table Table(Catalog catalog, string name) => catalog.FindTable(new QualifiedName(null, new Identifier(name)))!;

    [Fact]
    public void PartitionOf_AndPgDumpsAttachPartition_BothRegisterThePartition_InOrder()
    {
        var catalog = Load("""
            CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
            CREATE TABLE events_a PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE events_b (id int, at date);
            ALTER TABLE ONLY events ATTACH PARTITION events_b FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            CREATE TABLE events_c PARTITION OF events DEFAULT;
            """);

        var events = Table(catalog, "events");
        Assert.True(events.IsPartitioned);
        Assert.Equal(["events_a", "events_b", "events_c"], events.Partitions.Select(p => p.Name.Name.Value));
        Assert.Same(events, Table(catalog, "events_b").PartitionParent);
        Assert.Equal([new Identifier("at")], events.PartitionKey);
    }

    [Fact]
    public void DetachPartition_RemovesIt_AndDropTableOfTheParentDropsItsPartitions()
    {
        var catalog = Load("""
            CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
            CREATE TABLE events_a PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE events_b PARTITION OF events DEFAULT;
            ALTER TABLE events DETACH PARTITION events_a;
            """);

        Assert.Equal(["events_b"], Table(catalog, "events").Partitions.Select(p => p.Name.Name.Value));
        Assert.Null(Table(catalog, "events_a").PartitionParent);

        catalog.RemoveTable(Table(catalog, "events"));
        Assert.Null(catalog.FindTable(new QualifiedName(null, new Identifier("events_b"))));
        Assert.NotNull(catalog.FindTable(new QualifiedName(null, new Identifier("events_a"))));
    }

    [Fact]
    public void AnIndexOnAPartitionedTable_IsMadeOnEveryPartition_AndDroppedWithIt()
    {
        var catalog = Load("""
            CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
            CREATE TABLE events_a PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE events_b PARTITION OF events DEFAULT;
            CREATE INDEX ON events (id);
            ALTER TABLE events ADD PRIMARY KEY (id, at);
            """);

        Assert.NotNull(catalog.FindIndex(new QualifiedName(null, new Identifier("events_b_id_idx"))));
        Assert.Equal("events_a_pkey", Table(catalog, "events_a").PrimaryKey?.Name?.Value);

        catalog.RemoveIndex(catalog.FindIndex(new QualifiedName(null, new Identifier("events_id_idx")))!);
        Assert.Null(catalog.FindIndex(new QualifiedName(null, new Identifier("events_b_id_idx"))));
    }

    [Fact]
    public void ANewPartition_GetsThePartitionedTablesKeyAndIndexes_NamedForIt_UnlessItHasAMatchingOne()
    {
        var catalog = Load("""
            CREATE TABLE events (id int NOT NULL, at date NOT NULL, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE INDEX ON events (kind);
            CREATE TABLE events_a PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE events_b (id int NOT NULL, at date NOT NULL, kind text);
            CREATE INDEX events_b_by_kind ON events_b (kind);
            ALTER TABLE events ATTACH PARTITION events_b DEFAULT;
            """);

        Assert.Equal("events_a_pkey", Table(catalog, "events_a").PrimaryKey?.Name?.Value);
        Assert.Equal(["events_a_kind_idx"], Table(catalog, "events_a").Indexes.Select(i => i.Name.Name.Value));
        Assert.Equal("events_b_pkey", Table(catalog, "events_b").PrimaryKey?.Name?.Value);
        Assert.Equal(["events_b_by_kind"], Table(catalog, "events_b").Indexes.Select(i => i.Name.Name.Value));
    }

    [Theory]
    [InlineData("RANGE (at)", "at")]
    [InlineData("LIST (\"Kind\" COLLATE \"C\", region text_pattern_ops)", "Kind,region")]
    [InlineData("RANGE (lower(name), at)", "?,at")]
    [InlineData("HASH ((a + b))", "?")]
    public void PartitionKeys_AreItsColumns_OrNullForAnExpression(string partitionBy, string expected)
    {
        Assert.Equal(expected, string.Join(',', PartitionKeys.Of(partitionBy).Select(k => k?.Value ?? "?")));
    }

    [Fact]
    public void RenameColumnOfAPartitionedTable_RenamesItInEveryPartition_AndItsKeyStillNamesAColumn()
    {
        var catalog = Load("""
            CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
            CREATE TABLE events_a PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            ALTER TABLE events ADD PRIMARY KEY (id, at);
            ALTER TABLE events RENAME COLUMN id TO event_id;
            """);

        var partition = Table(catalog, "events_a");
        Assert.Equal(["event_id", "at"], partition.Columns.Select(c => c.Name.Value));
        Assert.All(partition.BatchKey()!, c => Assert.NotNull(c));
    }
}
