using System.Collections.Immutable;
using Migplan.Planning;
using Migplan.Sql;

namespace Migplan.Tests.Planning;

/// <summary>Unknown names are reported where they are written, not at the start of the statement.</summary>
public sealed class ErrorPositionTests
{
    private static ImmutableArray<string> Errors(string change) =>
        TestPlanner.Errors(change, "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");

    [Fact]
    public void UnknownColumn_InUpdateSet_PointsAtTheColumn()
    {
        var error = Assert.Single(Errors("UPDATE users\n   SET nmae = 'x';\n"));
        Assert.Equal("change.sql:2:8: column nmae of table public.users does not exist", error);
    }

    [Fact]
    public void UnknownTable_PointsAtItsName()
    {
        var error = Assert.Single(Errors("-- add it\nCREATE INDEX idx ON  Userz (name);\n"));
        Assert.StartsWith("change.sql:2:22: table public.userz does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownQuotedColumn_PointsAtTheQuotedName()
    {
        var error = Assert.Single(Errors("ALTER TABLE users ALTER COLUMN \"Name\" SET NOT NULL;\n"));
        Assert.StartsWith("change.sql:1:32: column \"Name\" of table public.users", error, StringComparison.Ordinal);
    }
}
