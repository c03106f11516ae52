using Migplan.Tests.Golden;

namespace Migplan.Tests.Cli;

/// <summary>
/// Inputs crafted so that psql would run something the plan does not show, or that a Markdown renderer would not
/// show a reviewer: each is refused with <c>file:line:column: message</c> on stderr, exit 2, and nothing written.
/// </summary>
public sealed class HostileInputCliTests
{
    private const string Schema = """
        CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
        CREATE TABLE user_emails (id bigint PRIMARY KEY, email text);

        """;

    [Fact]
    public async Task MetaCommandWithBackslashSeparator_IsRefusedAtItsPosition_Exit2_NothingWritten()
    {
        using var dir = Case("change.sql", "ALTER TABLE users ADD COLUMN nick text;\n\\echo checking \\\\ DROP TABLE user_emails;\n");

        var result = await Plan(dir, "change.sql");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "change.sql:2:1: psql meta-command \\echo is not allowed in a change: migplan plans SQL statements only and cannot show what a meta-command runs; remove it",
            Assert.Single(Lines(result.StdErr)));
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    [Fact]
    public async Task MetaCommandAndVariable_InAMarkdownSqlBlock_AreRefusedAtTheirMarkdownPositions()
    {
        using var dir = Case("design.md", "# Design\n\n```sql\nALTER TABLE users ADD COLUMN nick text; \\! id\nUPDATE users SET name = :'USER';\n```\n");

        var result = await Plan(dir, "design.md");

        Assert.Equal(2, result.ExitCode);
        var lines = Lines(result.StdErr);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("design.md:4:41: psql meta-command \\! is not allowed", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("design.md:5:25: psql would substitute the variable :'USER' here", lines[1], StringComparison.Ordinal);
        AssertOnlyInputs(dir, "design.md", "schema.sql");
    }

    [Fact]
    public async Task LoneCarriageReturn_IsRefused_Exit2()
    {
        using var dir = Case("change.sql", "ALTER TABLE users ADD COLUMN nick text; -- harmless\rDROP TABLE user_emails;\n");

        var result = await Plan(dir, "change.sql");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("change.sql:1:52: carriage return without a line feed", Assert.Single(Lines(result.StdErr)), StringComparison.Ordinal);
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    [Fact]
    public async Task SchemaDump_WithPgDumpMetaCommands_IsStillRead()
    {
        using var dir = new TempDirectory("migplan-cli");
        dir.Write("schema.sql", "\\restrict AbC\n" + Schema + "\\unrestrict AbC\n");
        dir.Write("change.sql", "ALTER TABLE users ADD COLUMN nick text;\n");

        var result = await Plan(dir, "change.sql");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task MarkdownArtifact_PlanListsEveryBlockTaken_AndNotTheHiddenOnes()
    {
        using var dir = Case("design.md", "# D\n\n<!--\n```sql\nDROP TABLE user_emails;\n```\n-->\n\n```sql\nALTER TABLE users ADD COLUMN nick text;\n```\n\n- then\n\n  ~~~sql\n  ALTER TABLE users ADD COLUMN bio text;\n  ~~~\n");

        var result = await Plan(dir, "design.md");

        Assert.True(result.ExitCode == 0, result.ToString());
        string markdown = File.ReadAllText(Path.Combine(dir.Path, "out", "migration-plan.md"));
        Assert.Contains("(artifact, sha256 ", markdown, StringComparison.Ordinal);
        Assert.Contains("): SQL blocks taken from lines 9-11, 15-17\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP TABLE", markdown, StringComparison.Ordinal);
        string json = File.ReadAllText(Path.Combine(dir.Path, "out", "plan.json"));
        Assert.Contains("\"blocks\": [\n        {\n          \"firstLine\": 9,\n          \"lastLine\": 11\n        },", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeLengthBeyondPostgresLimit_IsRefusedAtTheNumber_Exit2()
    {
        using var dir = Case("change.sql", "ALTER TABLE users ADD COLUMN nick varchar(99999999999999999999);\n");

        var result = await Plan(dir, "change.sql");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("change.sql:1:43: length for type varchar cannot exceed 10485760", Assert.Single(Lines(result.StdErr)));
        AssertOnlyInputs(dir, "change.sql", "schema.sql");
    }

    internal static TempDirectory Case(string name, string change)
    {
        var dir = new TempDirectory("migplan-cli");
        dir.Write("schema.sql", Schema);
        dir.Write(name, change);
        return dir;
    }

    internal static Task<CliResult> Plan(TempDirectory dir, string input) =>
        CliRunner.RunAsync(dir.Path, "plan", input, "--schema", "schema.sql", "--out", "out");

    internal static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    internal static void AssertOnlyInputs(TempDirectory dir, params string[] names) =>
        Assert.Equal(
            names.Order(StringComparer.Ordinal),
            Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
}
