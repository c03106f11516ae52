using System.Collections.Immutable;
using System.Text;
using Migplan.Planning;
using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Tests.Schema;

/// <summary>
/// PostgreSQL refuses a table's 1601st column ("tables can have at most 1600 columns", dropped columns included,
/// checked on PostgreSQL 15 with psql): the change is refused at the first column past the limit, once. Tables of
/// tens of thousands of columns are handled by name lookups, not scans.
/// </summary>
public sealed class ColumnLimitTests
{
    private const string Schema = "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n";

    private static PlanOutcome PlanChange(string change, string schema = Schema) =>
        Planner.Plan(new PlanInputs([new SourceText("change.sql", change)], [new SourceText("schema.sql", schema)], null, [], "sha256:test"), new PlanOptions());

    private static string AddColumns(int from, int count) =>
        "ALTER TABLE users " + string.Join(",\n", Enumerable.Range(from, count).Select(i => $"ADD COLUMN c{i} int")) + ";\n";

    [Fact]
    public void AddColumns_BeyondThe1600thColumn_IsRefusedOnce_AtTheFirstColumnPastTheLimit()
    {
        // users has 2 columns: c0..c1597 make 1600; c1598 is the 1601st, on line 1599.
        var outcome = PlanChange(AddColumns(0, 64_000));

        Assert.Null(outcome.Plan);
        Assert.Equal(
            "change.sql:1599:12: tables can have at most 1600 columns: column c1598 would be number 1601 of table public.users",
            Assert.Single(outcome.Errors));
    }

    [Fact]
    public void AddColumns_UpTo1600_Plans()
    {
        var outcome = PlanChange(AddColumns(0, 1598));

        Assert.True(outcome.Plan is not null, string.Join("\n", outcome.Errors));
    }

    [Fact]
    public void DroppedColumns_StillCountAgainstTheLimit()
    {
        var outcome = PlanChange(AddColumns(0, 1598) + "ALTER TABLE users DROP COLUMN c0;\nALTER TABLE users ADD COLUMN x int;\n");

        Assert.Null(outcome.Plan);
        Assert.StartsWith("change.sql:1600:30: tables can have at most 1600 columns: column x", Assert.Single(outcome.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTable_With1601Columns_IsRefusedAtThe1601stColumn()
    {
        var sql = new StringBuilder("CREATE TABLE wide (\n");
        sql.AppendJoin(",\n", Enumerable.Range(0, 1601).Select(i => $"  c{i} int"));
        sql.Append("\n);\n");

        var outcome = PlanChange(sql.ToString());

        Assert.Equal("change.sql:1602:3: tables can have at most 1600 columns: column c1600 would be number 1601 of table public.wide", Assert.Single(outcome.Errors));
    }

    [Fact]
    public void ColumnLookups_FollowRenamesAndDrops()
    {
        var table = new Table(new QualifiedName(null, new Identifier("t")), createdInChange: false);
        var a = new Column(new Identifier("a"), new Migplan.Sql.Ast.TypeName("int", "int", ImmutableArray<string>.Empty, 0));
        var b = new Column(new Identifier("b"), new Migplan.Sql.Ast.TypeName("int", "int", ImmutableArray<string>.Empty, 0));
        table.AddColumn(a);
        table.AddColumn(b);

        table.RenameColumn(a, new Identifier("z"));
        table.RemoveColumn(new Identifier("b"));

        Assert.Null(table.FindColumn(new Identifier("a")));
        Assert.Same(a, table.FindColumn(new Identifier("z")));
        Assert.Null(table.FindColumn(new Identifier("b")));
        Assert.Equal([a], table.Columns);
        Assert.Equal(1, table.DroppedColumns);
    }
}
