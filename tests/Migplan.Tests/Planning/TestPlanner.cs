using System.Collections.Immutable;
using Migplan.Planning;
using Migplan.Rendering;
using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Tests.Planning;

/// <summary>Plans a change given as text, in memory (no files), for focused assertions on steps.</summary>
internal static class TestPlanner
{
    public static Plan Plan(string change, string schema, PlanOptions? options = null, params (string Table, long Rows)[] stats)
    {
        var statsMap = stats.Length == 0 ? null : stats.ToDictionary(s => s.Table, s => new TableStats(s.Rows, -1), StringComparer.Ordinal);
        var inputs = new PlanInputs([new SourceText("change.sql", change)], [new SourceText("schema.sql", schema)], statsMap, ImmutableArray<InputArtifact>.Empty, "sha256:test");
        var outcome = Planner.Plan(inputs, options ?? new PlanOptions { Project = "test" });
        Assert.True(outcome.Plan is not null, "the planner refused the change:\n" + string.Join("\n", outcome.Errors));
        return outcome.Plan;
    }

    /// <summary>The errors that keep the change from being planned (asserts there is no plan).</summary>
    public static ImmutableArray<string> Errors(string change, string schema)
    {
        var inputs = new PlanInputs([new SourceText("change.sql", change)], [new SourceText("schema.sql", schema)], null, ImmutableArray<InputArtifact>.Empty, "sha256:test");
        var outcome = Planner.Plan(inputs, new PlanOptions());
        Assert.Null(outcome.Plan);
        return outcome.Errors;
    }

    public static Step StepWithTitle(this Plan plan, string titleStart) =>
        Assert.Single(plan.Steps, s => s.TitleText().StartsWith(titleStart, StringComparison.Ordinal));

    /// <summary>Every text a user runs or reads for the plan: scripts, rollbacks, Markdown and JSON.</summary>
    public static string AllOutput(Plan plan) =>
        string.Concat(plan.Steps.Select(s => SqlScripts.Forward(s) + SqlScripts.Rollback(s)))
        + MarkdownRenderer.Render(plan)
        + System.Text.Encoding.UTF8.GetString(PlanJsonWriter.ToBytes(plan, Migplan.Rendering.Messages.English.Instance));
}
