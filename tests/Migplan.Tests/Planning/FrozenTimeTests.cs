using Migplan.Planning;

namespace Migplan.Tests.Planning;

public sealed class FrozenTimeTests
{
    [Theory]
    [InlineData("logged_at < now() - interval '90 days'", "logged_at < migplan_started_at - interval '90 days'")]
    [InlineData("a < NOW ( ) and b > current_timestamp", "a < migplan_started_at and b > migplan_started_at")]
    [InlineData("d = current_date and t < localtimestamp", "d = migplan_started_at::date and t < migplan_started_at::timestamp")]
    [InlineData("note = 'now()' and \"now\" = 1", "note = 'now()' and \"now\" = 1")]
    [InlineData("known_now() and x.now() and nowhere", "known_now() and x.now() and nowhere")]
    [InlineData("note = E'it\\'s now()' and t < now()", "note = E'it\\'s now()' and t < migplan_started_at")]
    [InlineData("t < now() -- not now()\n and $x$now()$x$ <> ''", "t < migplan_started_at -- not now()\n and $x$now()$x$ <> ''")]
    public void Rewrite_ReplacesTimeFunctionsOutsideLiterals(string input, string expected) =>
        Assert.Equal(expected, FrozenTime.Rewrite(input));

    [Fact]
    public void BatchedDelete_WithNow_UsesOneCutoffForEveryBatch()
    {
        var plan = TestPlanner.Plan(
            "DELETE FROM events WHERE created_at < now() - interval '30 days';\n",
            "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL);\n",
            null,
            ("public.events", 5_000_000));

        var step = Assert.Single(plan.Steps, s => s.TitleText().StartsWith("Delete from", StringComparison.Ordinal));
        Assert.Contains("migplan_started_at timestamptz := pg_catalog.now();", step.Sql, StringComparison.Ordinal);
        Assert.Contains("(created_at < migplan_started_at - interval '30 days')", step.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("now() - interval", step.Sql.Replace("migplan_started_at timestamptz := pg_catalog.now();", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
