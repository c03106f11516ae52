using System.Collections.Immutable;
using Migplan.Planning;
using Migplan.Rendering;
using Migplan.Schema;
using Migplan.Sql;

namespace Migplan.Tests.Planning;

/// <summary>The plan lists every table it touches with rows, heap and index sizes and where each number came from.</summary>
public sealed class TablesTouchedTests
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text);
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
        CREATE TABLE old_things (id bigint PRIMARY KEY);
        CREATE TABLE untouched (id bigint PRIMARY KEY);
        """;

    private const string Change = """
        ALTER TABLE users ADD COLUMN email text;
        CREATE TABLE audit (id bigint PRIMARY KEY);
        INSERT INTO audit VALUES (1);
        ALTER TABLE orders RENAME TO purchases;
        DROP TABLE old_things;
        """;

    private static Plan Plan(Dictionary<string, TableStats>? stats)
    {
        var inputs = new PlanInputs([new SourceText("change.sql", Change)], [new SourceText("schema.sql", Schema)], stats, ImmutableArray<InputArtifact>.Empty, "sha256:test");
        var outcome = Planner.Plan(inputs, new PlanOptions { Project = "test" });
        Assert.True(outcome.Plan is not null, string.Join("\n", outcome.Errors));
        return outcome.Plan;
    }

    [Fact]
    public void EveryTouchedTable_IsListed_WithTheSourceOfEachNumber()
    {
        var plan = Plan(new Dictionary<string, TableStats>(StringComparer.Ordinal)
        {
            ["public.users"] = new(1000, 80_000, 16_000, SizeSource.StatsFile),
            ["public.orders"] = new(50, -1),
        });

        var byName = plan.Tables.ToDictionary(t => t.Table);
        Assert.Equal(["public.audit", "public.old_things", "public.orders", "public.users"], byName.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new TableSize("public.users", 1000, SizeSource.StatsFile, 80_000, SizeSource.StatsFile, 16_000, SizeSource.StatsFile, null), byName["public.users"]);
        Assert.Equal(new TableSize("public.orders", 50, SizeSource.StatsFile, 50 * 200, SizeSource.Default, null, SizeSource.Default, null), byName["public.orders"]);
        Assert.Equal(new TableSize("public.old_things", 1_000_000, SizeSource.Default, 200_000_000, SizeSource.Default, null, SizeSource.Default, null), byName["public.old_things"]);
        Assert.Equal(SizeSource.NewTable, byName["public.audit"].RowsSource);

        string md = MarkdownRenderer.Render(plan);
        Assert.Contains("## Tables touched", md, StringComparison.Ordinal);
        Assert.Contains("| `public.users` | 1,000 | 80 kB | 16 kB | stats.json |", md, StringComparison.Ordinal);
        Assert.Contains("| `public.orders` | 50 | 10 kB | unknown | rows: stats.json, heap: default, indexes: default |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("| `public.untouched`", md, StringComparison.Ordinal);
        string json = System.Text.Encoding.UTF8.GetString(PlanJsonWriter.ToBytes(plan, Migplan.Rendering.Messages.English.Instance));
        Assert.Contains("\"name\": \"public.users\",\n      \"rows\": 1000,\n      \"rowsSource\": \"stats_file\",\n      \"heapBytes\": 80000,\n      \"heapBytesSource\": \"stats_file\",\n      \"indexBytes\": 16000,", json.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void HeapDerivedFromTotalBytes_IsNamedInTheAssumptions()
    {
        var errors = new List<string>();
        var stats = StatsLoader.Parse("stats.json", "{\"tables\": {\"users\": {\"rows\": 10, \"totalBytes\": 9000, \"indexBytes\": 1000}}}", "public", errors);
        Assert.Empty(errors);
        var plan = Plan(stats.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        Assert.Equal(8000, plan.Tables.Single(t => t.Table == "public.users").HeapBytes);
        Assert.Contains(plan.Assumptions, a => Migplan.Rendering.Messages.English.Of(a).StartsWith("Sizes derived from stats.json: public.users: heap size derived as totalBytes - indexBytes", StringComparison.Ordinal));
    }
}
