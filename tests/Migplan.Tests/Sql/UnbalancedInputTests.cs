using Migplan.Sql;
using static Migplan.Tests.Sql.SqlTest;

namespace Migplan.Tests.Sql;

/// <summary>
/// A bracket that is never closed would hide the rest of the statement inside a captured expression (the WHERE of
/// an UPDATE inside its SET value): every statement's brackets must balance, and the error points at the bracket.
/// </summary>
public sealed class UnbalancedInputTests
{
    [Fact]
    public void UnclosedParenthesis_InUpdateSet_IsAnErrorAtTheParenthesis_AndTheUpdateIsNotKept()
    {
        var result = Parse("UPDATE users SET name = ('x' WHERE id = 1;\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("change.sql:1:25", error.Location.ToString());
        Assert.StartsWith("unbalanced \"(\": it is never closed", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Statements);
    }

    [Theory]
    [InlineData("ALTER TABLE t ALTER COLUMN c SET DEFAULT (1 + 2;\n", 42)]
    [InlineData("ALTER TABLE t ADD CONSTRAINT c CHECK ((a > 0);\n", 38)]
    [InlineData("CREATE INDEX i ON t ((lower(a));\n", 21)]
    [InlineData("DELETE FROM t WHERE (a = 1;\n", 21)]
    [InlineData("ALTER TABLE t ALTER COLUMN c TYPE int USING (c::int;\n", 45)]
    [InlineData("GRANT SELECT ON ALL TABLES IN SCHEMA s TO (x;\n", 43)]
    public void UnclosedParenthesis_AnywhereInAStatement_IsAnErrorAtIt(string text, int column)
    {
        var error = Assert.Single(Parse(text).Diagnostics);

        Assert.Equal($"change.sql:1:{column}", error.Location.ToString());
        Assert.StartsWith("unbalanced \"(\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BracketClosedByTheWrongKind_IsAnErrorAtTheClosingBracket()
    {
        var error = Assert.Single(Parse("UPDATE t SET a = (b[1) WHERE id = 1;\n").Diagnostics);

        Assert.Equal("change.sql:1:22", error.Location.ToString());
        Assert.Equal("unbalanced \")\": it does not close the \"[\" at line 1, column 20", error.Message);
    }

    [Fact]
    public void ClosingBracketWithNoneOpen_InAStatementCarriedAsIs_IsAnError()
    {
        var error = Assert.Single(Parse("GRANT SELECT ON ALL TABLES IN SCHEMA s TO x);\n").Diagnostics);

        Assert.Equal("change.sql:1:44", error.Location.ToString());
        Assert.Equal("unbalanced \")\": no bracket is open here", error.Message);
    }

    [Fact]
    public void UnclosedParenthesis_SwallowingLaterStatements_IsReportedOnce_AndNothingAfterItIsPlanned()
    {
        var result = Parse("UPDATE users SET name = ('x' WHERE id = 1;\nDROP TABLE users;\n");

        Assert.Single(result.Diagnostics);
        Assert.Empty(result.Statements);
    }

    [Fact]
    public void UnclosedParenthesis_InAChange_StopsThePlan_WithTheBracketsPosition()
    {
        var inputs = new Migplan.Planning.PlanInputs(
            [new SourceText("change.sql", "UPDATE users SET name = ('x' WHERE id = 1;\n")],
            [new SourceText("schema.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n")], null, [], "sha256:test");

        var outcome = Migplan.Planning.Planner.Plan(inputs, new Migplan.Planning.PlanOptions());

        Assert.Null(outcome.Plan);
        Assert.StartsWith("change.sql:1:25: unbalanced \"(\"", Assert.Single(outcome.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void BalancedBrackets_InStringsAndNestedExpressions_AreAccepted()
    {
        var result = Parse("UPDATE t SET a = ('(' || b[1] || ']') WHERE (id = 1);\n");

        Assert.Empty(result.Diagnostics);
        Assert.IsType<Migplan.Sql.Ast.UpdateStatement>(Assert.Single(result.Statements));
    }
}
