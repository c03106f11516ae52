using Migplan.Tests.Golden;

namespace Migplan.Tests.Cli;

/// <summary>
/// <c>migplan verify</c> refusals that need no server (checked before it connects: the scratch CONN here names a port
/// nothing listens on): a scratch server is required, the plan directory must hold plan.json, and the inputs must be
/// the plan's own, unchanged and complete.
/// </summary>
public sealed class VerifyInputTests
{
    private const string Scratch = "host=127.0.0.1 port=1 dbname=postgres user=postgres password='Zq9-never-print-me'";

    private static async Task<TempDirectory> PlannedAsync()
    {
        var dir = new TempDirectory("migplan-verify");
        dir.Write("in/change.sql", "ALTER TABLE users ADD COLUMN email text;\n");
        dir.Write("in/schema.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        var result = await CliRunner.RunAsync(dir.Path, "plan", "in/change.sql", "--schema", "in/schema.sql", "--out", "plan");
        Assert.True(result.ExitCode == 0, result.ToString());
        return dir;
    }

    private static void AssertRefused(CliResult result, TempDirectory dir, string expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        string line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Zq9-never-print-me", result.StdErr + result.StdOut, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("plan", "verify-report.json")), "no report is written");
    }

    [Fact]
    public async Task NoScratch_Exit2()
    {
        using var dir = await PlannedAsync();
        var result = await CliRunner.RunAsync(dir.Path, "verify", "plan", "--schema", "in/schema.sql", "--change", "in/change.sql");
        AssertRefused(result, dir, "migplan verify: --scratch CONN is required");
    }

    [Fact]
    public async Task NoPlanJson_Exit2()
    {
        using var dir = await PlannedAsync();
        var result = await CliRunner.RunAsync(dir.Path, "verify", "in", "--scratch", Scratch, "--schema", "in/schema.sql", "--change", "in/change.sql");
        AssertRefused(result, dir, "plan.json: no such file: name a plan directory written by migplan plan");
    }

    [Fact]
    public async Task ChangedChangeFile_Exit2_NamesTheFile()
    {
        using var dir = await PlannedAsync();
        dir.Write("in/change.sql", "ALTER TABLE users ADD COLUMN email varchar(100);\n");
        var result = await CliRunner.RunAsync(dir.Path, "verify", "plan", "--scratch", Scratch, "--schema", "in/schema.sql", "--change", "in/change.sql");
        AssertRefused(result, dir, "in/change.sql: differs from the change file the plan was made from (sha256 ");
    }

    [Fact]
    public async Task FileNotOfThePlan_Exit2_NamesIt()
    {
        using var dir = await PlannedAsync();
        dir.Write("in/other.sql", "SELECT 1;\n");
        var result = await CliRunner.RunAsync(dir.Path, "verify", "plan", "--scratch", Scratch, "--schema", "in/schema.sql", "--change", "in/other.sql", "--change", "in/change.sql");
        Assert.Contains("in/other.sql: not an input of this plan (plan.json lists change.sql, schema.sql)", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task MissingSchema_Exit2_SaysWhichOptionNamesIt()
    {
        using var dir = await PlannedAsync();
        var result = await CliRunner.RunAsync(dir.Path, "verify", "plan", "--scratch", Scratch, "--change", "in/change.sql");
        AssertRefused(result, dir, "migplan verify: name the plan's inputs: --schema FILE and --change FILE");
    }

    [Fact]
    public async Task Conn_Exit2_NotSupportedYet()
    {
        using var dir = await PlannedAsync();
        var result = await CliRunner.RunAsync(dir.Path, "verify", "plan", "--conn", Scratch, "--scratch", Scratch);
        AssertRefused(result, dir, "migplan verify: --conn (the start schema from a live server) is not supported yet");
    }
}
