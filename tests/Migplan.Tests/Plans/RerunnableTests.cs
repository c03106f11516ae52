using Migplan.Tests.Planning;

namespace Migplan.Tests.Plans;

/// <summary>A command says whether running it again is harmless: apply will retry only those that are.</summary>
public sealed class RerunnableTests
{
    private const string Schema = "CREATE TABLE accounts (id bigint PRIMARY KEY, qty int, note text);\n";

    [Fact]
    public void AnUpdateThatReadsWhatItWrites_IsNotRerunnable_AFillOfNullsIs()
    {
        var plan = TestPlanner.Plan("UPDATE accounts SET qty = qty * 2;\nUPDATE accounts SET note = 'n' WHERE note IS NULL;\n", Schema, null, ("accounts", 1_000_000));

        var doubling = plan.Steps.Single(s => s.Sql.Contains("qty * 2", StringComparison.Ordinal));
        var fill = plan.Steps.Single(s => s.Sql.Contains("note = 'n'", StringComparison.Ordinal));

        Assert.All(doubling.Commands, c => Assert.False(c.Rerunnable));
        Assert.All(fill.Commands, c => Assert.True(c.Rerunnable));
    }

    [Fact]
    public void AnInsert_AndAStatementNotAnalysed_AreNotRerunnable_AnIndexBuildIs()
    {
        var plan = TestPlanner.Plan("INSERT INTO accounts VALUES (1, 1, 'a');\nCREATE EXTENSION pg_trgm;\nCREATE INDEX accounts_qty_idx ON accounts (qty);\n", Schema, null, ("accounts", 1_000_000));

        Assert.All(plan.Steps.Single(s => s.Kind == "insert").Commands, c => Assert.False(c.Rerunnable));
        Assert.All(plan.Steps.Single(s => !s.Analysed).Commands, c => Assert.False(c.Rerunnable));
        Assert.All(plan.Steps.Single(s => s.Kind == "create_index").Commands, c => Assert.True(c.Rerunnable));
    }
}
