using Migplan.Tests.Golden;

namespace Migplan.Tests.Cli;

/// <summary>
/// What a user sees when the input is wrong: <c>file:line:column: message</c> on stderr, exit 2, and no plan
/// folder written (an older one left as it was). Each test works in its own temporary directory, which is
/// also the CLI's working directory, so the paths in messages are the relative ones given on the command line.
/// </summary>
public sealed class BadInputTests
{
    private const string Schema = """
        CREATE TABLE users (
            id bigint PRIMARY KEY,
            name text NOT NULL
        );

        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SyntaxError_ReportsFileLineColumnAndWhatWasExpected_Exit2_WritesNothing()
    {
        using var dir = Case("""
            ALTER TABLE users ADD COLUMN email text;
            ALTER TABLE users ADD COLUMN nick text
              DEFALT 3;

            """);

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(Lines(result.StdErr));
        Assert.StartsWith("change.sql:3:3: expected ", line, StringComparison.Ordinal);
        Assert.Contains("column constraint", line, StringComparison.Ordinal);
        Assert.Contains("found \"DEFALT\"", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    /// <summary>A typo inside a subcommand migplan does not model is a syntax error, not a statement carried for review.</summary>
    [Fact]
    public async Task TypoInAlterColumnSubcommand_IsASyntaxError_Exit2_WritesNothing()
    {
        using var dir = Case("""
            ALTER TABLE users ADD COLUMN nickname text;
            ALTER TABLE users ALTER COLUMN nickname SET DEFALT 'anon';

            """);

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(Lines(result.StdErr));
        Assert.StartsWith("change.sql:2:45: syntax error at or near \"DEFALT\"", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    [Fact]
    public async Task SyntaxErrors_InSeveralStatements_AreAllReported()
    {
        using var dir = Case("""
            ALTER TABLE users ADD COLUMN a tex t;
            CREATE INDEX ON users (;
            ALTER TABLE users ADD COLUMN fine text;

            """);

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        var lines = Lines(result.StdErr);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("change.sql:1:36: expected ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("change.sql:2:24: expected ", lines[1], StringComparison.Ordinal);
        Assert.Contains("found \";\"", lines[1], StringComparison.Ordinal);
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    [Fact]
    public async Task SyntaxError_InMarkdownSqlBlock_ReportsTheLineOfTheMarkdownFile()
    {
        using var dir = new TempDirectory("migplan-cli");
        dir.Write("schema.sql", Schema);
        dir.Write("design.md", """
            # Design

            Some prose first.

            ```sql
            ALTER TABLE users ADD COLUMN email text;
            CREATE INDEX ON users (;
            ```

            """);

        var result = await CliRunner.RunAsync(dir.Path, "plan", "design.md", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(Lines(result.StdErr));
        Assert.StartsWith("design.md:7:24: expected ", line, StringComparison.Ordinal);
        Assert.Contains("index element", line, StringComparison.Ordinal);
        AssertOnlyInputs(dir, "design.md", "schema.sql");
    }

    [Fact]
    public async Task UnknownTable_IsNamed_Exit2()
    {
        using var dir = Case("ALTER TABLE customers ADD COLUMN email text;\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(Lines(result.StdErr));
        Assert.StartsWith("change.sql:1:", line, StringComparison.Ordinal);
        Assert.Contains("customers", line, StringComparison.Ordinal);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    [Fact]
    public async Task UnknownColumns_AreNamedWithTheirTable_AllReported_Exit2()
    {
        using var dir = Case("""
            UPDATE users SET nmae = 'x';
            ALTER TABLE users ALTER COLUMN emial SET NOT NULL;

            """);

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        var lines = Lines(result.StdErr);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("change.sql:1:", lines[0], StringComparison.Ordinal);
        Assert.Contains("nmae", lines[0], StringComparison.Ordinal);
        Assert.Contains("users", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("change.sql:2:", lines[1], StringComparison.Ordinal);
        Assert.Contains("emial", lines[1], StringComparison.Ordinal);
        Assert.Contains("users", lines[1], StringComparison.Ordinal);
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    [Fact]
    public async Task EmptyChange_SqlWithOnlyComments_SaysTheChangeIsEmpty_Exit2()
    {
        using var dir = Case("-- to do: the actual change\n/* later */\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(Lines(result.StdErr));
        Assert.StartsWith("change.sql: ", line, StringComparison.Ordinal);
        Assert.Contains("empty", line, StringComparison.Ordinal);
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    [Fact]
    public async Task EmptyChange_MarkdownWithoutSqlBlock_SaysOnlySqlBlocksCount_Exit2()
    {
        using var dir = new TempDirectory("migplan-cli");
        dir.Write("schema.sql", Schema);
        dir.Write("design.md", "# Notes\n\nNo SQL here.\n\n```text\nSELECT 1;\n```\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "design.md", "--schema", "schema.sql", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(Lines(result.StdErr));
        Assert.StartsWith("design.md: ", line, StringComparison.Ordinal);
        Assert.Contains("empty", line, StringComparison.Ordinal);
        Assert.Contains("```sql", line, StringComparison.Ordinal);
        AssertOnlyInputs(dir, "design.md", "schema.sql");
    }

    [Fact]
    public async Task UnanalysedStatement_Exit0_AndThePlanFlagsIt()
    {
        using var dir = Case("""
            CREATE POLICY own_rows ON users USING (true);
            ALTER TABLE users ADD COLUMN email text;

            """);

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--out", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1 statement(s) not analysed", result.StdOut, StringComparison.Ordinal);
        string markdown = await File.ReadAllTextAsync(dir.Combine("out", "migration-plan.md"), Ct);
        Assert.Contains("Not analysed", markdown, StringComparison.Ordinal);
        Assert.Contains("change.sql:1:1: CREATE POLICY is not analysed", markdown, StringComparison.Ordinal);
        string script = await File.ReadAllTextAsync(dir.Combine("out", "sql", "02_unanalysed.sql"), Ct);
        Assert.Contains("NOT ANALYSED", script, StringComparison.Ordinal);
        Assert.Contains("CREATE POLICY own_rows ON users USING (true);\n", script, StringComparison.Ordinal);
        string json = await File.ReadAllTextAsync(dir.Combine("out", "plan.json"), Ct);
        Assert.Contains("\"analysed\": false", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingInputPath_IsNamed_Exit2()
    {
        using var dir = new TempDirectory("migplan-cli");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "no-such-change", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("no-such-change: no such file or directory", Assert.Single(Lines(result.StdErr)));
        AssertOnlyInputs(dir);
    }

    [Fact]
    public async Task NoInputAtAll_Exit2()
    {
        using var dir = new TempDirectory("migplan-cli");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no input", result.StdErr, StringComparison.Ordinal);
        AssertOnlyInputs(dir);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("19")]
    [InlineData("abc")]
    [InlineData("")]
    public async Task BadPgVersion_Exit2(string version)
    {
        using var dir = Case("ALTER TABLE users ADD COLUMN email text;\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--pg-version", version, "--out", "out");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--pg-version", result.StdErr, StringComparison.Ordinal);
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task BadBatchSize_Exit2(string size)
    {
        using var dir = Case("ALTER TABLE users ADD COLUMN email text;\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--batch-size", size, "--out", "out");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--batch-size", result.StdErr, StringComparison.Ordinal);
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    [Fact]
    public async Task UnknownOption_Exit2_AndIsReportedAsAnOption()
    {
        using var dir = Case("ALTER TABLE users ADD COLUMN email text;\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--frobnicate", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--frobnicate", result.StdErr, StringComparison.Ordinal);
        AssertOnlyInputs(dir, "change.sql", "schema.sql");

        // Known bug: System.CommandLine hands the unknown option to the "inputs" argument, so the user reads
        // "--frobnicate: no such file or directory". It should say that the option is unknown.
        Assert.DoesNotContain("no such file", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("option", result.StdErr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InvalidStatsJson_ReportsFileLineColumn_Exit2()
    {
        using var dir = Case("ALTER TABLE users ADD COLUMN email text;\n");
        dir.Write("stats.json", """
            {
              "tables": {
                "public.users": { "rows": 12 }
                "public.orders": { "rows": 5 }
              }
            }

            """);

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "schema.sql", "--stats", "stats.json", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(Lines(result.StdErr));
        Assert.StartsWith("stats.json:4:5: invalid JSON", line, StringComparison.Ordinal);
        AssertOnlyInputs(dir, "change.sql", "schema.sql", "stats.json");
    }

    [Fact]
    public async Task InvalidStatsJson_InAnInputDirectory_IsFoundByConventionAndReported_Exit2()
    {
        using var dir = new TempDirectory("migplan-cli");
        dir.Write("change/schema.sql", Schema);
        dir.Write("change/change.sql", "ALTER TABLE users ADD COLUMN email text;\n");
        dir.Write("change/stats.json", "{\"tables\": {\"public.users\": {\"rows\": -3}}}\n");

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(Lines(result.StdErr));
        Assert.StartsWith(Path.Combine("change", "stats.json") + ":", line, StringComparison.Ordinal);
        Assert.Contains("public.users", line, StringComparison.Ordinal);
        Assert.Contains("rows", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    private static TempDirectory Case(string change)
    {
        var dir = new TempDirectory("migplan-cli");
        dir.Write("schema.sql", Schema);
        dir.Write("change.sql", change);
        return dir;
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The directory holds exactly the given files: no plan folder, no temporary folder beside it.</summary>
    private static void AssertOnlyInputs(TempDirectory dir, params string[] names) =>
        Assert.Equal(
            names.Order(StringComparer.Ordinal),
            Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
}
