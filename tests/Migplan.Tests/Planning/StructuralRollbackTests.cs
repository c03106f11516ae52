using Migplan.Planning;

namespace Migplan.Tests.Planning;

/// <summary>Statements migplan writes from what it parsed, never by editing the input's text, so a name holding a keyword cannot change them.</summary>
public sealed class StructuralRollbackTests
{
    private const string Schema = """
        CREATE TABLE "t ENABLE x" (id bigint PRIMARY KEY);
        CREATE TYPE "ADD VALUE" AS ENUM ('a');

        """;

    [Fact]
    public void TriggerStateRollback_IsWrittenFromTheParsedNames_NotByReplacingWordsInTheText()
    {
        var plan = TestPlanner.Plan("""
            ALTER TABLE "t ENABLE x" ENABLE ALWAYS TRIGGER "x ENABLE y";
            ALTER TABLE "t ENABLE x" DISABLE TRIGGER ALL;

            """, Schema);

        Assert.Equal("ALTER TABLE public.\"t ENABLE x\" DISABLE TRIGGER \"x ENABLE y\";\n", plan.StepWithTitle("Enable trigger").Rollback.Sql);
        Assert.Equal("ALTER TABLE public.\"t ENABLE x\" ENABLE TRIGGER ALL;\n", plan.StepWithTitle("Disable trigger").Rollback.Sql);
    }

    [Theory]
    [InlineData("\":foo\"")]
    [InlineData("\"a'b\"")]
    public void DropIndexRollback_QuotesTheIndexMethodAgain(string method)
    {
        var plan = TestPlanner.Plan("DROP INDEX i;\n", Schema + $"CREATE INDEX i ON \"t ENABLE x\" USING {method} (id);\n");

        Assert.Contains($"USING {method} (id)", plan.StepWithTitle("Drop index").Rollback.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumAddValue_IsWrittenFromTheParsedTypeAndLabel()
    {
        var plan = TestPlanner.Plan("ALTER TYPE \"ADD VALUE\" ADD VALUE 'IF NOT EXISTS' BEFORE 'a';\n", Schema);

        Assert.Equal("ALTER TYPE public.\"ADD VALUE\" ADD VALUE IF NOT EXISTS 'IF NOT EXISTS' BEFORE 'a';\n", plan.StepWithTitle("Add value").Sql);
    }
}
