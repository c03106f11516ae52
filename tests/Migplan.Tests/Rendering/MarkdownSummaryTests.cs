using Migplan.Rendering;
using Migplan.Tests.Planning;

namespace Migplan.Tests.Rendering;

/// <summary>migration-plan.md opens with a one-screen summary and keeps every template heading, with only what the plan needs under each.</summary>
public sealed class MarkdownSummaryTests
{
    private const string Schema = """
        CREATE TABLE products (id bigint PRIMARY KEY, name text);
        CREATE TABLE items (id bigint PRIMARY KEY, product_id bigint, quantity integer, note text);

        """;

    private static readonly (string, long)[] Stats = [("public.products", 1_000), ("public.items", 1_000_000)];

    private static string Render(string change) => MarkdownRenderer.Render(TestPlanner.Plan(change, Schema, null, Stats));

    [Fact]
    public void TheSummary_ComesFirst_WithOneRowPerStep_ItsGateLocksHoldTimeAndRollbackClass()
    {
        var plan = TestPlanner.Plan("ALTER TABLE items ADD COLUMN extra text;\nALTER TABLE items ADD CONSTRAINT items_quantity_positive CHECK (quantity > 0);\n", Schema, null, Stats);
        string md = MarkdownRenderer.Render(plan);

        int summary = md.IndexOf("## Summary\n", StringComparison.Ordinal);
        Assert.True(summary > 0 && summary < md.IndexOf("## Inputs", StringComparison.Ordinal));
        var rows = md[summary..md.IndexOf("## Inputs", StringComparison.Ordinal)].Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(plan.Steps.Length, rows.Count);
        Assert.Contains("| 1. Pre-migration validation | backup and restore tested; runs 1 go/no-go check | none |", rows[0], StringComparison.Ordinal);
        Assert.Contains("ACCESS EXCLUSIVE on public.items: brief", rows[1], StringComparison.Ordinal);
        Assert.EndsWith("| only what was written to objects this plan created |", rows[1], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Contains("SHARE UPDATE EXCLUSIVE on public.items: the step, ", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTemplateHeading_StaysInAPlanThatNeedsLittle()
    {
        string md = Render("ALTER TABLE items ADD COLUMN extra text;\n");
        foreach (var heading in new[] { "## Migration Scripts", "**1. Schema Changes:**", "**2. Data Migration:**", "**3. Cleanup:**", "## Execution Steps", "## Rollback Points",
                     "## Monitoring", "## Risk Assessment", "## Timeline", "## Pre-requisites", "## Guidelines", "## Assumptions" })
        {
            Assert.Contains(heading + "\n", md, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Monitoring_ShowsIndexProgressDeadTuplesAndDisk_OnlyWhenThePlanBuildsWritesOrScans()
    {
        string small = Render("ALTER TABLE items ADD COLUMN extra text;\n");
        Assert.DoesNotContain("Index build progress", small, StringComparison.Ordinal);
        Assert.DoesNotContain("Dead tuples", small, StringComparison.Ordinal);
        Assert.DoesNotContain("Disk: database", small, StringComparison.Ordinal);
        Assert.Contains("Blocked sessions", small, StringComparison.Ordinal);

        string build = Render("CREATE INDEX items_note_idx ON items (note);\nUPDATE items SET note = 'x' WHERE note IS NULL;\n");
        Assert.Contains("Index build progress", build, StringComparison.Ordinal);
        Assert.Contains("Dead tuples", build, StringComparison.Ordinal);
        Assert.Contains("Disk: database", build, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePreMigrationStepsCatalogQueries_AreNotRepeatedInTheDocument()
    {
        string md = Render("ALTER TABLE items ADD COLUMN extra text;\n");
        Assert.DoesNotContain("pg_replication_slots", md, StringComparison.Ordinal);
        Assert.Contains("read-only catalog queries", md, StringComparison.Ordinal);
    }
}
