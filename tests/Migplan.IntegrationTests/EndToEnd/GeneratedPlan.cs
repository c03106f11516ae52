using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Migplan.IntegrationTests.Support;

namespace Migplan.IntegrationTests.EndToEnd;

/// <summary>
/// A plan folder generated in-process (InputLoader → Planner → PlanWriter) into a temporary
/// directory, with its plan.json parsed. Disposing deletes the directory.
/// </summary>
public sealed partial class GeneratedPlan : IDisposable
{
    private GeneratedPlan(string root, string dir, JsonDocument json)
    {
        Root = root;
        Dir = dir;
        Json = json;
    }

    /// <summary>The plan folder (holds migration-plan.md, plan.json, sql/, sql/rollback/).</summary>
    public string Dir { get; }

    /// <summary>plan.json.</summary>
    public JsonDocument Json { get; }

    private string Root { get; }

    /// <summary>Forward scripts <c>sql/NN_*.sql</c>, in file-name (= execution) order.</summary>
    public IReadOnlyList<string> Scripts =>
        [.. Directory.GetFiles(Path.Combine(Dir, "sql"), "*.sql").Order(StringComparer.Ordinal)];

    /// <summary>Rollback scripts <c>sql/rollback/NN_*.sql</c>, in file-name order.</summary>
    public IReadOnlyList<string> Rollbacks =>
        [.. Directory.GetFiles(Path.Combine(Dir, "sql", "rollback"), "*.sql").Order(StringComparer.Ordinal)];

    /// <summary>The steps of plan.json.</summary>
    public IEnumerable<JsonElement> Steps => Json.RootElement.GetProperty("steps").EnumerateArray();

    /// <summary>The one step whose id contains <paramref name="fragment"/>.</summary>
    public JsonElement Step(string fragment) =>
        Assert.Single(Steps, s => s.GetProperty("id").GetString()!.Contains(fragment, StringComparison.Ordinal));

    /// <summary>The forward script of the step whose id contains <paramref name="fragment"/>.</summary>
    public string Script(string fragment) =>
        Path.Combine(Dir, Step(fragment).GetProperty("script").GetString()!);

    /// <summary>The directory holding Migplan.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Migplan.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Migplan.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>examples/add-user-email.</summary>
    public static string ExampleDir => Path.Combine(RepoRoot(), "examples", "add-user-email");

    /// <summary>Plans <paramref name="inputs"/> (files or directories) with the library and writes the plan folder.</summary>
    public static async Task<GeneratedPlan> CreateAsync(
        IReadOnlyList<string> inputs, int batchSize, CancellationToken cancellationToken)
    {
        var loaded = await Migplan.Inputs.InputLoader.LoadAsync(inputs, null, null, "public", cancellationToken);
        if (loaded.Inputs is null)
        {
            Assert.Fail("InputLoader failed:\n" + string.Join("\n", loaded.Errors));
        }

        var outcome = Migplan.Planning.Planner.Plan(
            loaded.Inputs, new Migplan.Planning.PlanOptions { Project = loaded.DefaultProject, BatchSize = batchSize });
        if (outcome.Plan is null)
        {
            Assert.Fail("Planner failed:\n" + string.Join("\n", outcome.Errors));
        }

        var root = Path.Combine(Path.GetTempPath(), $"migplan-e2e-{Guid.NewGuid():N}");
        var dir = Path.Combine(root, "plan");
        await Migplan.Rendering.PlanWriter.WriteAsync(outcome.Plan, dir, cancellationToken);
        var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dir, "plan.json"), cancellationToken));
        return new GeneratedPlan(root, dir, json);
    }

    /// <summary>Runs a script with psql and asserts it exited 0 (psql's output is in the failure message).</summary>
    public static async Task<PsqlResult> RunOkAsync(PsqlRunner psql, string script, CancellationToken cancellationToken, string? label = null)
    {
        var result = await psql.RunFileAsync(script, cancellationToken);
        Assert.True(
            result.Succeeded,
            $"{label ?? Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(script)!)!, script)} failed: {result}");
        return result;
    }

    /// <summary>The row total of the last <c>migplan: TABLE: N rows so far</c> NOTICE of a backfill run, or null.</summary>
    public static long? LastNoticeRowTotal(PsqlResult result)
    {
        var matches = NoticeRows().Matches(result.StdErr);
        return matches.Count == 0 ? null : long.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>True when every non-blank line of the file is a SQL comment.</summary>
    public static bool IsCommentOnly(string path) =>
        File.ReadAllLines(path).All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith("--", StringComparison.Ordinal));

    /// <summary>Writes one output line to the test's log.</summary>
    public static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    public void Dispose()
    {
        Json.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"NOTICE:\s+migplan: [^:]+: (\d+) rows so far")]
    private static partial Regex NoticeRows();
}
