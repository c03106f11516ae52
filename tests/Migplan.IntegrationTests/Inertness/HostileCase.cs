using System.Text;
using System.Text.Json;
using Migplan.IntegrationTests.Support;
using Migplan.Tests.Cli;

namespace Migplan.IntegrationTests.Inertness;

/// <summary>
/// One hostile input (issue 9), planned with the CLI and, when a plan is written, run as a DBA runs it: every
/// forward script in order, then the rollback of every script that ran in reverse, each with
/// <c>psql -X -v ON_ERROR_STOP=1 -f</c> as the server's superuser. The input tries to leave a marker file
/// (<see cref="Touch"/>: psql's <c>\!</c> with an absolute path under this case's folder) or a marker table
/// (<see cref="MarkerTable"/>); <see cref="AssertNothingRanAsync"/> checks neither appeared, then that every
/// script ran. Whether the fix refuses the input (exit 2, nothing written) or makes it inert, the test passes.
/// </summary>
internal sealed class HostileCase : IDisposable
{
    public const string MarkerTable = "mp_marker";

    private readonly List<(string Script, PsqlResult Result)> runs = [];
    private bool markerTableAfterForward;

    public HostileCase()
    {
        // Short: the marker's path goes into names and enum labels, which PostgreSQL limits to 63 bytes.
        Work = Path.Combine(Path.GetTempPath(), $"mpi-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Path.Combine(Work, "input"));
    }

    /// <summary>The CLI's working directory: holds input/ and, once planned, out/.</summary>
    public string Work { get; }

    public string PlanDir => Path.Combine(Work, "out");

    /// <summary>The file a smuggled shell command creates.</summary>
    public string MarkerFile => Path.Combine(Work, "m");

    /// <summary>A psql meta-command that creates <see cref="MarkerFile"/>; <c>#</c> makes the shell ignore the rest of the line.</summary>
    public string Touch => $"\\! touch {MarkerFile} #";

    /// <summary>SQL that creates <see cref="MarkerTable"/>.</summary>
    public static string CreateMarker => $"CREATE TABLE {MarkerTable}();";

    public IReadOnlyList<(string Script, PsqlResult Result)> Runs => runs;

    public void Write(string name, string text) =>
        File.WriteAllText(Path.Combine(Work, "input", name), text, new UTF8Encoding(false));

    /// <summary>
    /// Plans input/ with the CLI. Returns false when it was refused: exit 2 with a message, nothing written
    /// beside the input. Any other exit than 0 or 2 fails the test.
    /// </summary>
    public async Task<bool> PlanAsync(params string[] options)
    {
        var result = await CliRunner.RunAsync(Work, ["plan", "input", "--out", "out", .. options]);
        Log($"migplan plan: {result}");
        Assert.True(result.ExitCode is 0 or 2, $"migplan must plan (exit 0) or refuse (exit 2): {result}");
        var entries = Directory.EnumerateFileSystemEntries(Work).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (result.ExitCode == 2)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.StdErr), "exit 2 without a message");
            Assert.Equal(["input"], entries);
            return false;
        }

        Assert.Equal(["input", "out"], entries);
        return true;
    }

    /// <summary>input/schema.sql, run with psql on the scratch database.</summary>
    public async Task LoadSchemaAsync(ScratchDatabase db, CancellationToken ct)
    {
        var result = await new PsqlRunner(db.ConnectionString).RunFileAsync(Path.Combine(Work, "input", "schema.sql"), ct);
        Assert.True(result.Succeeded, $"input/schema.sql does not load: {result}");
    }

    /// <summary>Every forward script in order (up to the first that fails), then the rollbacks of those that ran, in reverse.</summary>
    public async Task RunPlanAsync(ScratchDatabase db, CancellationToken ct, Func<Task>? afterForward = null)
    {
        var psql = new PsqlRunner(db.ConnectionString);
        var ran = new List<string>();
        foreach (string script in Scripts(Path.Combine(PlanDir, "sql")))
        {
            var result = await psql.RunFileAsync(script, ct);
            runs.Add((script, result));
            ran.Add(script);
            if (!result.Succeeded)
            {
                break;
            }
        }

        // A rollback may drop what a smuggled statement created: look before the rollbacks run, and after.
        markerTableAfterForward = await MarkerTableExistsAsync(db, ct);
        if (afterForward is not null)
        {
            await afterForward();
        }

        foreach (string script in Enumerable.Reverse(ran))
        {
            string rollback = Path.Combine(PlanDir, "sql", "rollback", Path.GetFileName(script));
            runs.Add((rollback, await RollbackStops.Accepting(db.ConnectionString).RunFileAsync(rollback, ct))); // the loss accepted: every rollback runs
        }
    }

    /// <summary>No marker file, no marker table; then every script that ran exited 0.</summary>
    public async Task AssertNothingRanAsync(ScratchDatabase db, CancellationToken ct)
    {
        var touched = TouchedFiles();
        Assert.True(touched.Count == 0, $"psql ran a shell command taken from the input (it created {string.Join(", ", touched)}).\n{Transcript()}");
        bool table = markerTableAfterForward || await MarkerTableExistsAsync(db, ct);
        Assert.False(table, $"a statement taken from the input ran outside the plan (table {MarkerTable} exists).\n{Transcript()}");
        var failed = runs.Where(r => !r.Result.Succeeded).ToList();
        Assert.True(failed.Count == 0, $"a script of the plan failed:\n{Transcript()}");
    }

    /// <summary>The steps of plan.json.</summary>
    public IReadOnlyList<JsonElement> Steps()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(PlanDir, "plan.json")));
        return [.. json.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.Clone())];
    }

    /// <summary>Each script run, its exit code and psql's stderr, and the script's text when it failed.</summary>
    public string Transcript()
    {
        var text = new StringBuilder();
        foreach (var (script, result) in runs)
        {
            text.Append($"--- {Path.GetRelativePath(PlanDir, script)}: exit {result.ExitCode}\n");
            if (result.StdErr.Length > 0)
            {
                text.Append(result.StdErr.TrimEnd()).Append('\n');
            }

            if (!result.Succeeded)
            {
                text.Append(File.ReadAllText(script));
            }
        }

        return text.ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Work, recursive: true);
            foreach (string stray in StrayFiles())
            {
                File.Delete(stray);
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// What <see cref="Touch"/> may have created: the marker file, anything else beside input/ and out/, or, if the
    /// path reached psql cut short, a file named by a prefix of this case's folder name in the temp directory.
    /// </summary>
    private List<string> TouchedFiles()
    {
        var touched = Directory.EnumerateFileSystemEntries(Work)
            .Where(e => Path.GetFileName(e) is not ("input" or "out"))
            .ToList();
        touched.AddRange(StrayFiles());
        return touched;
    }

    private IEnumerable<string> StrayFiles()
    {
        string name = Path.GetFileName(Work);
        string parent = Path.GetDirectoryName(Work)!;
        return Enumerable.Range(1, name.Length - 1).Select(n => Path.Combine(parent, name[..n])).Where(File.Exists);
    }

    private static async Task<bool> MarkerTableExistsAsync(ScratchDatabase db, CancellationToken ct) =>
        await db.ScalarAsync<bool>($"SELECT to_regclass('public.{MarkerTable}') IS NOT NULL", ct);

    private static IEnumerable<string> Scripts(string dir) =>
        Directory.GetFiles(dir, "*.sql").Order(StringComparer.Ordinal);

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
