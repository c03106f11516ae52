using System.Collections.Immutable;
using Migplan.Sql;
using Migplan.Verify.Rows;

namespace Migplan.Tests.Verify;

public sealed class RowsTextTests
{
    [Fact]
    public void ADomainCheck_HasVALUEReplacedOutsideQuotes_AndNotInsideLongerWords()
    {
        Assert.Equal(
            "((migplan_v0 > 0) AND (migplan_v0 <> 'VALUE') AND (\"VALUE\" IS NULL) AND (VALUES_X = 1))",
            CheckText.OnValue("((VALUE > 0) AND (VALUE <> 'VALUE') AND (\"VALUE\" IS NULL) AND (VALUES_X = 1))", "migplan_v0"));
    }

    [Fact]
    public void ARangePartition_TakesItsKeyFromItsBounds_AndOtherBoundsGiveNothing()
    {
        var parent = Table("events", null, new RowsPartitionKey('r', ["at"]));
        var at = Column("at", "date");
        var leaf = Table("events_2030", "FOR VALUES FROM ('2030-01-01') TO ('2031-01-01')", null);

        string? value = PartitionBounds.KeyValue(leaf, parent, at, false, "g", 5);

        Assert.Equal("(('2030-01-01')::date + abs(pg_catalog.hashint8extended(g, 5) % greatest(1, (('2031-01-01')::date - ('2030-01-01')::date)))::int4)", value);
        Assert.Null(PartitionBounds.KeyValue(leaf with { Bound = "DEFAULT" }, parent, at, false, "g", 5));
        Assert.Null(PartitionBounds.KeyValue(leaf with { Bound = "FOR VALUES FROM (MINVALUE) TO ('2031-01-01')" }, parent, at, false, "g", 5));
        Assert.Null(PartitionBounds.KeyValue(leaf, parent, Column("other", "date"), false, "g", 5));
    }

    [Fact]
    public void AListPartition_CyclesItsValues_QuotedCommasKept_AndNullLeftOutOfANotNullKey()
    {
        var parent = Table("items", null, new RowsPartitionKey('l', ["kind"]));
        var leaf = Table("items_ab", "FOR VALUES IN ('a,b', 'c', NULL)", null);

        string? value = PartitionBounds.KeyValue(leaf, parent, Column("kind", "text"), true, "g", 5);

        Assert.Equal("(ARRAY[('a,b')::text, ('c')::text])[1 + (g % 2)]", value);
    }

    private static RowsColumn Column(string name, string type) =>
        new(name, 1, type, true, null, false, false, type, 'D', -1, null, ' ', [], []);

    private static RowsTable Table(string name, string? bound, RowsPartitionKey? key) =>
        new(1, new QualifiedName(new Identifier("public"), new Identifier(name)), key is null ? 'r' : 'p', null, bound, null, key,
            ImmutableArray<RowsColumn>.Empty, [], [], []);
}
