using System.Globalization;
using Migplan.Inputs;
using Migplan.Planning;
using Migplan.Rendering;
using Migplan.Sql;

namespace Migplan.Tests.Golden;

/// <summary>
/// Plans one golden case folder in-process: <c>cases/&lt;name&gt;/input/</c> holds the change (.sql and .md files),
/// <c>schema.sql</c>, optional <c>stats.json</c> and optional <c>args.txt</c> (extra options as on the command
/// line: <c>--pg-version N</c>, <c>--batch-size N</c>, <c>--stage NAME</c>); <c>cases/&lt;name&gt;/expected/</c>
/// holds the plan folder it must produce, byte for byte.
/// <para>
/// Where the files are read, and which paths the plan shows. The case folders are read where they live in
/// the source tree (found by walking up from the test assembly to the directory holding <c>Migplan.sln</c>),
/// not copied to bin/, so that <c>MIGPLAN_UPDATE_GOLDEN=1</c> rewrites the files that are reviewed and
/// committed. The plan quotes its sources as the user named them (<c>file:line:column</c> in its notes), so the
/// inputs are loaded through <see cref="InputLoader"/> with the absolute path and every source is then
/// re-rooted to its repository-relative path, <c>tests/Migplan.Tests/Golden/cases/&lt;name&gt;/input/&lt;file&gt;</c>.
/// The expected files are therefore exactly what
/// <c>migplan plan tests/Migplan.Tests/Golden/cases/&lt;name&gt;/input --project &lt;name&gt; [args.txt]</c> writes
/// when run from the repository root (a CLI test checks this), and they do not depend on the checkout's
/// location or on the working directory, which is never read or set (tests run in parallel).
/// </para>
/// </summary>
internal static class GoldenCase
{
    public const string UpdateVariable = "MIGPLAN_UPDATE_GOLDEN";

    private const string CasesRelative = "tests/Migplan.Tests/Golden/cases";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root (the directory holding Migplan.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    public static string CasesDirectory => Path.Combine(RepositoryRoot, CasesRelative.Replace('/', Path.DirectorySeparatorChar));

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static IEnumerable<string> Names() =>
        Directory.GetDirectories(CasesDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string InputDirectory(string name) => Path.Combine(CasesDirectory, name, "input");

    public static string ExpectedDirectory(string name) => Path.Combine(CasesDirectory, name, "expected");

    /// <summary>The input folder as the CLI would be given it from the repository root.</summary>
    public static string RelativeInput(string name) => $"{CasesRelative}/{name}/input";

    /// <summary>The options of args.txt as CLI arguments (empty when there is no args.txt).</summary>
    public static IReadOnlyList<string> ExtraArguments(string name)
    {
        string path = Path.Combine(InputDirectory(name), "args.txt");
        return File.Exists(path)
            ? File.ReadAllText(path).Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            : [];
    }

    public static PlanOptions Options(string name)
    {
        var options = new PlanOptions { Project = name };
        var args = ExtraArguments(name);
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new InvalidOperationException($"{name}/input/args.txt: {args[i]} needs a value");
            options = args[i] switch
            {
                "--pg-version" => options with { PgVersion = int.Parse(value, CultureInfo.InvariantCulture), PgVersionGiven = true },
                "--batch-size" => options with { BatchSize = int.Parse(value, CultureInfo.InvariantCulture) },
                "--stage" => options with { Stage = value },
                _ => throw new InvalidOperationException($"{name}/input/args.txt: unsupported option {args[i]} (supported: --pg-version, --batch-size, --stage)"),
            };
            i++;
        }

        return options;
    }

    /// <summary>Loads, plans and writes the case's plan folder into <paramref name="outDir"/>.</summary>
    public static async Task WritePlanAsync(string name, string outDir, CancellationToken ct)
    {
        var written = await PlanWriter.WriteAsync(await PlanAsync(name, ct), outDir, ct);
        if (!written.Written)
        {
            throw new InvalidOperationException($"golden case {name}: the plan was not written:\n{string.Join("\n", written.Errors)}");
        }
    }

    /// <summary>Loads and plans the case, in memory.</summary>
    public static async Task<Plan> PlanAsync(string name, CancellationToken ct)
    {
        var loaded = await InputLoader.LoadAsync([InputDirectory(name)], null, null, "public", ct);
        if (loaded.Inputs is null)
        {
            throw new InvalidOperationException($"golden case {name}: the inputs do not load:\n{string.Join("\n", loaded.Errors)}");
        }

        var inputs = loaded.Inputs with
        {
            Change = [.. loaded.Inputs.Change.Select(Reroot)],
            Schema = [.. loaded.Inputs.Schema.Select(Reroot)],
        };
        var outcome = Planner.Plan(inputs, Options(name));
        if (outcome.Plan is null)
        {
            throw new InvalidOperationException($"golden case {name}: the planner refused it:\n{string.Join("\n", outcome.Errors)}");
        }

        return outcome.Plan;
    }

    /// <summary>Replaces expected/ with the files of <paramref name="actualDir"/>.</summary>
    public static void Accept(string name, string actualDir)
    {
        string expected = ExpectedDirectory(name);
        if (Directory.Exists(expected))
        {
            Directory.Delete(expected, recursive: true);
        }

        foreach (string relative in GoldenDiff.Files(actualDir))
        {
            string target = Path.Combine(expected, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(actualDir, relative.Replace('/', Path.DirectorySeparatorChar)), target);
        }
    }

    private static SourceText Reroot(SourceText source)
    {
        string relative = Path.GetRelativePath(RepositoryRoot, source.Path).Replace(Path.DirectorySeparatorChar, '/');
        return new SourceText(relative, source.Text, source.FirstLine);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Migplan.sln")) && Directory.Exists(Path.Combine(dir.FullName, CasesRelative.Replace('/', Path.DirectorySeparatorChar))))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"cannot find the repository root (a directory holding Migplan.sln and {CasesRelative}) above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fresh directory under the system temp directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "migplan-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file (UTF-8, no BOM, text as given) and returns its full path.</summary>
    public string Write(string relative, string text)
    {
        string full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
