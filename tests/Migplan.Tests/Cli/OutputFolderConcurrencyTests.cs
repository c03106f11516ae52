using System.Diagnostics;
using System.Text;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Cli;

/// <summary>
/// One run at a time writes an output folder, and a run that dies anywhere leaves the old plan or the new one,
/// whole: concurrent runs end with exit 0 or 2 ("another migplan run is writing"), never 70, and leave one
/// complete plan and nothing stranded beside it; a run killed at any moment leaves a complete plan in place, and
/// the next run cleans up what it left.
/// </summary>
public sealed class OutputFolderConcurrencyTests
{
    private const string Schema = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n";
    private const string ChangeA = "ALTER TABLE users ADD COLUMN nickname text;\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunsStartedTogether_OnOneOut_ExitZeroOrTwo_AndLeaveOneCompletePlan_NothingStranded()
    {
        using var dir = Inputs();
        await PlanOk(dir.Path, "a.sql", "a-ref");
        await PlanOk(dir.Path, "b.sql", "b-ref");
        await PlanOk(dir.Path, "a.sql", "out");

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CliRunner.RunAsync(dir.Path, "plan", "b.sql", "--schema", "schema.sql", "--out", "out")));

        Assert.All(runs, r => Assert.True(r.ExitCode is 0 or 2, r.ToString()));
        Assert.Contains(runs, r => r.ExitCode == 0);
        Assert.All(runs.Where(r => r.ExitCode == 2), r => Assert.StartsWith("--out out: another migplan run is writing out;", r.StdErr, StringComparison.Ordinal));
        Assert.Null(GoldenDiff.Compare(dir.Combine("b-ref"), dir.Combine("out")));
        Assert.Equal(["a-ref", "a.sql", "b-ref", "b.sql", "out", "schema.sql"], OutputFolderSafetyTests.Entries(dir.Path));
    }

    [Fact]
    public async Task WhileAnotherRunHoldsTheLock_ARunExits2_NamingTheFolder_AndWritesNothing()
    {
        using var dir = Inputs();
        await PlanOk(dir.Path, "a.sql", "a-ref");
        await PlanOk(dir.Path, "a.sql", "out");
        string lockPath = dir.Combine(".out.migplan-lock");

        CliResult refused;
        using (new FileStream(lockPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            refused = await CliRunner.RunAsync(dir.Path, "plan", "b.sql", "--schema", "schema.sql", "--out", "out");
        }

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("--out out: another migplan run is writing out; nothing was written: try again when it has finished\n", refused.StdErr);
        Assert.Null(GoldenDiff.Compare(dir.Combine("a-ref"), dir.Combine("out")));
        Assert.Equal([".out.migplan-lock", "a-ref", "a.sql", "b.sql", "out", "schema.sql"], OutputFolderSafetyTests.Entries(dir.Path));

        await PlanOk(dir.Path, "b.sql", "out");
        Assert.Equal(["a-ref", "a.sql", "b.sql", "out", "schema.sql"], OutputFolderSafetyTests.Entries(dir.Path));
    }

    [Fact]
    public async Task RunsKilledAtSeededMoments_LeaveTheOldPlanOrTheNewOne_AndTheNextRunCleansUp()
    {
        using var dir = Inputs();
        await PlanOk(dir.Path, "a.sql", "a-ref");
        await PlanOk(dir.Path, "b.sql", "b-ref");
        await PlanOk(dir.Path, "a.sql", "out");
        var random = new Random(20261203);

        for (int i = 0; i < 6; i++)
        {
            await RunAndKillAsync(dir.Path, TimeSpan.FromMilliseconds(random.Next(150, 1500)), "plan", "b.sql", "--schema", "schema.sql", "--out", "out");

            bool isOld = GoldenDiff.Compare(dir.Combine("a-ref"), dir.Combine("out")) is null;
            bool isNew = GoldenDiff.Compare(dir.Combine("b-ref"), dir.Combine("out")) is null;
            Assert.True(isOld || isNew, $"after kill {i}, out is neither plan:\n{GoldenDiff.Compare(dir.Combine("b-ref"), dir.Combine("out"))}");
        }

        await PlanOk(dir.Path, "a.sql", "out");
        Assert.Null(GoldenDiff.Compare(dir.Combine("a-ref"), dir.Combine("out")));
        Assert.Equal(["a-ref", "a.sql", "b-ref", "b.sql", "out", "schema.sql"], OutputFolderSafetyTests.Entries(dir.Path));
    }

    private static async Task PlanOk(string workingDirectory, string change, string outDir)
    {
        var result = await CliRunner.RunAsync(workingDirectory, "plan", change, "--schema", "schema.sql", "--out", outDir);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Starts the CLI, kills it (and its children) after <paramref name="delay"/> unless it has ended.</summary>
    private static async Task RunAndKillAsync(string workingDirectory, TimeSpan delay, params string[] args)
    {
        var start = new ProcessStartInfo(CliRunner.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliRunner.CliDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.Delay(delay, Ct);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(Ct);
    }

    /// <summary>A schema, a small change (a.sql) and a change of many steps (b.sql), so a run spends a while writing.</summary>
    private static TempDirectory Inputs()
    {
        var dir = new TempDirectory("migplan-out-race");
        var schema = new StringBuilder(Schema);
        var change = new StringBuilder();
        for (int t = 0; t < 60; t++)
        {
            schema.Append($"CREATE TABLE t{t} (id bigint PRIMARY KEY, v text);\n");
            change.Append($"ALTER TABLE t{t} ADD COLUMN w text;\nUPDATE t{t} SET w = v;\nCREATE INDEX t{t}_w_idx ON t{t} (w);\n");
        }

        dir.Write("schema.sql", schema.ToString());
        dir.Write("a.sql", ChangeA);
        dir.Write("b.sql", change.ToString());
        return dir;
    }
}
