using System.Globalization;
using System.Text.Json;
using Migplan.IntegrationTests.EndToEnd;

namespace Migplan.IntegrationTests.GoldenOnServer;

/// <summary>A step's verification query from plan.json and the value it must print.</summary>
public sealed record StepVerification(string Sql, string Expected);

/// <summary>
/// One golden case of <c>tests/Migplan.Tests/Golden/cases/&lt;name&gt;/</c>, read where it lives in
/// the source tree: <c>input/schema.sql</c>, <c>input/args.txt</c>, and the committed plan folder
/// <c>expected/</c> (its scripts, rollbacks and plan.json).
/// </summary>
public sealed class GoldenCaseFolder
{
    private GoldenCaseFolder(string name)
    {
        Name = name;
        Dir = Path.Combine(CasesDirectory, name);
    }

    public static string CasesDirectory =>
        Path.Combine(GeneratedPlan.RepoRoot(), "tests", "Migplan.Tests", "Golden", "cases");

    public string Name { get; }

    public string Dir { get; }

    public string InputDir => Path.Combine(Dir, "input");

    public string ExpectedDir => Path.Combine(Dir, "expected");

    public string SchemaFile => Path.Combine(InputDir, "schema.sql");

    /// <summary>Every case folder name, in ordinal order.</summary>
    public static IEnumerable<string> Names() =>
        Directory.GetDirectories(CasesDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static GoldenCaseFolder Open(string name) => new(name);

    /// <summary>The options of args.txt (empty when there is none).</summary>
    public IReadOnlyList<string> Arguments
    {
        get
        {
            var path = Path.Combine(InputDir, "args.txt");
            return File.Exists(path)
                ? File.ReadAllText(path).Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
                : [];
        }
    }

    /// <summary>The <c>--pg-version</c> of args.txt, or null (the planner's default, 15).</summary>
    public int? PgVersion
    {
        get
        {
            var args = Arguments;
            for (int i = 0; i + 1 < args.Count; i++)
            {
                if (args[i] == "--pg-version")
                {
                    return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                }
            }

            return null;
        }
    }

    /// <summary><c>expected/sql/NN_*.sql</c> in file-name (= execution) order.</summary>
    public IReadOnlyList<string> Scripts =>
        [.. Directory.GetFiles(Path.Combine(ExpectedDir, "sql"), "*.sql").Order(StringComparer.Ordinal)];

    /// <summary>The rollback of a forward script: <c>expected/sql/rollback/</c> + its file name.</summary>
    public string RollbackOf(string script) => Path.Combine(ExpectedDir, "sql", "rollback", Path.GetFileName(script));

    /// <summary><c>expected/sql/rollback/NN_*.sql</c> in file-name order.</summary>
    public IReadOnlyList<string> Rollbacks =>
        [.. Directory.GetFiles(Path.Combine(ExpectedDir, "sql", "rollback"), "*.sql").Order(StringComparer.Ordinal)];

    /// <summary>
    /// The verification of every step of plan.json that has a runnable one, by script file name
    /// (steps that are not analysed carry a comment, "verify by hand", and are left out).
    /// </summary>
    public IReadOnlyDictionary<string, StepVerification> Verifications()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ExpectedDir, "plan.json")));
        var result = new Dictionary<string, StepVerification>(StringComparer.Ordinal);
        foreach (var step in json.RootElement.GetProperty("steps").EnumerateArray())
        {
            if (!step.TryGetProperty("verification", out var verification) || verification.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var sql = verification.GetProperty("sql").GetString() ?? "";
            if (sql.TrimStart().StartsWith("--", StringComparison.Ordinal) || sql.Trim().Length == 0)
            {
                continue;
            }

            var expect = verification.GetProperty("expect");
            if (expect.GetProperty("kind").GetString() != "value")
            {
                continue; // an increase, the rows a step changed, or a person's check: not one value to compare
            }

            var script = Path.GetFileName(step.GetProperty("script").GetString()!);
            result[script] = new StepVerification(sql, expect.GetProperty("value").GetString() ?? "");
        }

        return result;
    }

    public override string ToString() => Name;
}
