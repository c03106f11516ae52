using Migplan.Output;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Cli;

/// <summary>
/// <c>--out</c> replaces only a folder migplan wrote (one holding the <c>.migplan</c> marker) or an empty one;
/// anything else is refused with exit 2 and left exactly as it was: a folder holding the working directory or
/// an input, a non-empty folder without the marker, a file, a path under a file, an unwritable place, a link.
/// </summary>
public sealed class OutputFolderSafetyTests
{
    private const string Schema = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n";
    private const string Change = "ALTER TABLE users ADD COLUMN nickname text;\n";

    [Fact]
    public async Task EveryPlanFolder_HoldsTheMarkerFile_SayingWhatItIs()
    {
        using var dir = Inputs();

        var result = await Plan(dir.Path, "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(OutputFolder.MarkerText, File.ReadAllText(dir.Combine("out", ".migplan")));
        Assert.Equal(["change.sql", "out", "schema.sql"], Entries(dir.Path));
    }

    [Fact]
    public async Task NonEmptyFolderWithoutTheMarker_IsRefused_Exit2_AndLeftUntouched()
    {
        using var dir = Inputs();
        dir.Write("out/notes.txt", "mine\n");
        dir.Write("out/deep/more.txt", "also mine\n");

        var result = await Plan(dir.Path, "out");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("--out out: the folder is not empty and is not a plan written by migplan", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["deep/more.txt", "notes.txt"], GoldenDiff.Files(dir.Combine("out")));
        Assert.Equal(["change.sql", "out", "schema.sql"], Entries(dir.Path));
    }

    [Fact]
    public async Task EmptyFolder_IsUsed()
    {
        using var dir = Inputs();
        Directory.CreateDirectory(dir.Combine("out"));

        var result = await Plan(dir.Path, "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(dir.Combine("out", "migration-plan.md")));
    }

    [Theory]
    [InlineData(".", "work")]
    [InlineData("..", "work/inner")]
    public async Task FolderHoldingTheWorkingDirectory_IsRefused_EvenWithTheMarker(string outDir, string workingDirectory)
    {
        using var dir = Inputs();
        dir.Write("work/.migplan", OutputFolder.MarkerText);
        dir.Write("work/inner/keep.txt", "keep\n");
        var before = GoldenDiff.Files(dir.Combine("work"));

        var result = await CliRunner.RunAsync(dir.Combine(workingDirectory), "plan", dir.Combine("change.sql"), "--schema", dir.Combine("schema.sql"), "--out", outDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"--out {outDir}: holds the working directory; migplan never replaces it\n", result.StdErr);
        Assert.Equal(before, GoldenDiff.Files(dir.Combine("work")));
    }

    [Theory]
    [InlineData("migration")]
    [InlineData(".")]
    public async Task FolderOfAnInput_OrAFolderAboveIt_IsRefused_EvenWithTheMarker(string outDir)
    {
        using var dir = new TempDirectory("migplan-out-safety");
        dir.Write("project/migration/change.sql", Change);
        dir.Write("project/migration/schema.sql", Schema);
        dir.Write("project/migration/.migplan", OutputFolder.MarkerText);
        dir.Write("project/.migplan", OutputFolder.MarkerText);
        Directory.CreateDirectory(dir.Combine("elsewhere"));
        string target = outDir == "." ? dir.Combine("project") : dir.Combine("project", outDir);
        var before = GoldenDiff.Files(dir.Path);

        var result = await CliRunner.RunAsync(dir.Combine("elsewhere"), "plan", dir.Combine("project", "migration"), "--out", target);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"--out {target}: holds the input {dir.Combine("project", "migration")}; migplan never replaces a folder holding its inputs\n", result.StdErr);
        Assert.Equal(before, GoldenDiff.Files(dir.Path));
    }

    [Fact]
    public async Task FolderInsideTheInputFolder_IsUsed_AndReplacedByTheNextRun()
    {
        using var dir = new TempDirectory("migplan-out-safety");
        dir.Write("migration/change.sql", Change);
        dir.Write("migration/schema.sql", Schema);

        var first = await CliRunner.RunAsync(dir.Path, "plan", "migration", "--out", "migration/plan");
        var second = await CliRunner.RunAsync(dir.Path, "plan", "migration", "--out", "migration/plan");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["change.sql", "plan", "schema.sql"], Entries(dir.Combine("migration")));
    }

    [Fact]
    public async Task FolderHoldingTheSchemaFile_IsRefused()
    {
        using var dir = Inputs();
        dir.Write("ddl/schema.sql", Schema);
        dir.Write("ddl/.migplan", OutputFolder.MarkerText);

        var result = await CliRunner.RunAsync(dir.Path, "plan", "change.sql", "--schema", "ddl/schema.sql", "--out", "ddl");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("--out ddl: holds the input ddl/schema.sql; migplan never replaces a folder holding its inputs\n", result.StdErr);
        Assert.Equal([".migplan", "schema.sql"], GoldenDiff.Files(dir.Combine("ddl")));
    }

    [Fact]
    public void RootFolder_IsRefused_FromThePathAlone()
    {
        var folder = OutputFolder.Resolve("/", [], out string? error);

        Assert.Null(folder);
        Assert.Equal("--out /: is the root folder; migplan never replaces it", error);
    }

    [Fact]
    public async Task ExistingFile_IsRefused_Exit2_NamingIt()
    {
        using var dir = Inputs();
        dir.Write("out", "a file\n");

        var result = await Plan(dir.Path, "out");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("--out out: is a file, not a folder\n", result.StdErr);
        Assert.Equal("a file\n", File.ReadAllText(dir.Combine("out")));
    }

    [Fact]
    public async Task PathUnderAFile_IsRefused_Exit2_NamingTheFile()
    {
        using var dir = Inputs();
        dir.Write("notes", "a file\n");

        var result = await Plan(dir.Path, "notes/plans/out");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"--out notes/plans/out: {dir.Combine("notes")} is a file, not a folder\n", result.StdErr);
        Assert.Equal(["change.sql", "notes", "schema.sql"], Entries(dir.Path));
    }

    [Fact]
    public async Task UnwritableParent_IsRefused_Exit2_NamingThePath()
    {
        using var dir = Inputs();
        string parent;
        if (Environment.IsPrivilegedProcess)
        {
            // root writes anywhere a permission bit would stop others: /sys refuses even root.
            Assert.SkipUnless(Directory.Exists("/sys/kernel"), "no /sys to stand for an unwritable folder");
            parent = "/sys";
        }
        else if (!OperatingSystem.IsWindows())
        {
            parent = dir.Combine("readonly");
            Directory.CreateDirectory(parent);
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        else
        {
            Assert.Skip("no Unix permission bits to make a folder unwritable");
            return;
        }

        string outDir = Path.Combine(parent, "migplan-out");
        var result = await Plan(dir.Path, outDir);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"--out {outDir}: cannot write the plan there: ", result.StdErr, StringComparison.Ordinal);
        Assert.False(Path.Exists(outDir));
    }

    [Fact]
    public async Task SymbolicLink_IsRefused_AndItsTargetLeftUntouched()
    {
        using var dir = Inputs();
        dir.Write("target/.migplan", OutputFolder.MarkerText);
        dir.Write("target/keep.txt", "keep\n");
        File.CreateSymbolicLink(dir.Combine("out"), dir.Combine("target"));

        var result = await Plan(dir.Path, "out");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("--out out: is a symbolic link; name the folder itself\n", result.StdErr);
        Assert.Equal([".migplan", "keep.txt"], GoldenDiff.Files(dir.Combine("target")));
    }

    [Fact]
    public async Task EmptyPath_IsRefused_Exit2()
    {
        using var dir = Inputs();

        var result = await Plan(dir.Path, string.Empty);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("--out: the path is empty\n", result.StdErr);
    }

    [Fact]
    public async Task PlanFolderWrittenBefore_IsReplaced_AndOnlyItsOwnLeftoversAreCleanedUp()
    {
        using var dir = Inputs();
        var first = await Plan(dir.Path, "out");
        Assert.True(first.ExitCode == 0, first.ToString());
        dir.Write(".out.migplan-tmp-999999/sql/01_half.sql", "half\n");
        dir.Write(".out.migplan-old-999998/.migplan", OutputFolder.MarkerText);
        dir.Write(".out.migplan-lock", string.Empty);
        dir.Write(".out.migplan-tmp-mine/keep.txt", "not ours: no process id\n");
        dir.Write(".other.migplan-tmp-1/keep.txt", "not ours: another output folder\n");

        var second = await Plan(dir.Path, "out");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal([".other.migplan-tmp-1", ".out.migplan-tmp-mine", "change.sql", "out", "schema.sql"], Entries(dir.Path));
    }

    [Fact]
    public async Task RunKilledBetweenItsTwoRenames_TheNextRunMovesTheOldPlanBack()
    {
        using var dir = Inputs();
        var first = await Plan(dir.Path, "out");
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = GoldenDiff.Files(dir.Combine("out")).ToDictionary(f => f, f => File.ReadAllText(dir.Combine("out", f)));
        Directory.Move(dir.Combine("out"), dir.Combine(".out.migplan-old-4242"));
        dir.Write(".out.migplan-tmp-4242/migration-plan.md", "half-written\n");
        var folder = OutputFolder.Resolve(dir.Combine("out"), [], out string? error);
        Assert.True(folder is not null, error);

        FolderReplacement.RecoverAndClean(folder);

        Assert.Equal(["change.sql", "out", "schema.sql"], Entries(dir.Path));
        Assert.Equal(before, GoldenDiff.Files(dir.Combine("out")).ToDictionary(f => f, f => File.ReadAllText(dir.Combine("out", f))));
    }

    private static Task<CliResult> Plan(string workingDirectory, string outDir) =>
        CliRunner.RunAsync(workingDirectory, "plan", "change.sql", "--schema", "schema.sql", "--out", outDir);

    private static TempDirectory Inputs()
    {
        var dir = new TempDirectory("migplan-out-safety");
        dir.Write("schema.sql", Schema);
        dir.Write("change.sql", Change);
        return dir;
    }

    internal static List<string> Entries(string path) =>
        [.. Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
}
