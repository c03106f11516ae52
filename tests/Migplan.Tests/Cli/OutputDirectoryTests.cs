using Migplan.Tests.Golden;

namespace Migplan.Tests.Cli;

/// <summary>
/// The --out folder is replaced whole, and only by a complete plan: a failed run leaves the older plan as it
/// was, a successful one leaves exactly the new plan and nothing beside it.
/// </summary>
public sealed class OutputDirectoryTests
{
    private const string Schema = """
        CREATE TABLE users (
            id bigint PRIMARY KEY,
            name text NOT NULL
        );

        """;

    private const string BigChange = """
        ALTER TABLE users ADD COLUMN email text;
        UPDATE users SET email = name || '@example.com';
        CREATE INDEX users_email_idx ON users (email);

        """;

    private const string SmallChange = "ALTER TABLE users ADD COLUMN nickname text;\n";

    [Fact]
    public async Task FailedRun_LeavesTheOlderPlanUntouched()
    {
        using var dir = new TempDirectory("migplan-out");
        dir.Write("schema.sql", Schema);
        dir.Write("good.sql", BigChange);
        dir.Write("bad.sql", "ALTER TABLE users ADD COLUMN ;\n");
        var first = await CliRunner.RunAsync(dir.Path, "plan", "good.sql", "--schema", "schema.sql", "--out", "out");
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = Snapshot(dir.Combine("out"));

        var failed = await CliRunner.RunAsync(dir.Path, "plan", "bad.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, failed.ExitCode);
        Assert.StartsWith("bad.sql:1:", failed.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(dir.Combine("out")));
        Assert.Equal(["bad.sql", "good.sql", "out", "schema.sql"], Entries(dir.Path));
    }

    [Fact]
    public async Task SuccessfulRun_LeavesExactlyTheNewPlan_AndNoTemporaryFolderBesideIt()
    {
        using var dir = new TempDirectory("migplan-out");
        dir.Write("schema.sql", Schema);
        dir.Write("big.sql", BigChange);
        dir.Write("small.sql", SmallChange);
        var big = await CliRunner.RunAsync(dir.Path, "plan", "big.sql", "--schema", "schema.sql", "--out", "out");
        Assert.True(big.ExitCode == 0, big.ToString());
        Assert.True(GoldenDiff.Files(dir.Combine("out")).Count > 6);

        var small = await CliRunner.RunAsync(dir.Path, "plan", "small.sql", "--schema", "schema.sql", "--out", "out");
        var fresh = await CliRunner.RunAsync(dir.Path, "plan", "small.sql", "--schema", "schema.sql", "--out", "fresh");

        Assert.True(small.ExitCode == 0, small.ToString());
        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Assert.Null(GoldenDiff.Compare(dir.Combine("fresh"), dir.Combine("out")));
        Assert.Equal(["big.sql", "fresh", "out", "schema.sql", "small.sql"], Entries(dir.Path));
    }

    [Fact]
    public async Task SuccessfulRun_IntoANestedFolderThatDoesNotExist_CreatesIt()
    {
        using var dir = new TempDirectory("migplan-out");
        dir.Write("schema.sql", Schema);
        dir.Write("change.sql", SmallChange);

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", Path.Combine("plans", "today"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["today"], Entries(dir.Combine("plans")));
        Assert.True(File.Exists(dir.Combine("plans", "today", "migration-plan.md")));
    }

    [Theory]
    [InlineData("add-user-email")]
    [InlineData("set-not-null-pg11")]
    [InlineData("design-md-and-sql")]
    public async Task GoldenCase_PlannedByTheCliFromTheRepositoryRoot_MatchesTheExpectedFiles(string name)
    {
        using var dir = new TempDirectory("migplan-out");
        string[] args = ["plan", GoldenCase.RelativeInput(name), "--project", name, "--out", dir.Combine("plan"), .. GoldenCase.ExtraArguments(name)];

        var result = await CliRunner.RunAsync(GoldenCase.RepositoryRoot, args);

        Assert.True(result.ExitCode == 0, result.ToString());
        string? difference = GoldenDiff.Compare(GoldenCase.ExpectedDirectory(name), dir.Combine("plan"));
        Assert.True(difference is null, $"the CLI's plan of {name} differs from the golden files:\n{difference}");
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        GoldenDiff.Files(root).ToDictionary(f => f, f => Convert.ToHexString(File.ReadAllBytes(Path.Combine(root, f))), StringComparer.Ordinal);

    private static List<string> Entries(string path) =>
        [.. Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}
