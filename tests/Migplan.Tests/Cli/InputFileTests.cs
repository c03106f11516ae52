using System.Diagnostics;
using System.Text;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Cli;

/// <summary>
/// Inputs are read only from regular files of at most 256 MiB, in valid UTF-8: a FIFO, a device, a directory
/// named like a file or a file too large is refused from its kind or size before it is opened, and invalid
/// UTF-8 is refused at its first bad byte (<c>file:line:column</c>), as PostgreSQL would refuse the file.
/// Every refusal is exit 2, a message naming the path, and no plan folder.
/// </summary>
public sealed class InputFileTests
{
    private const string Schema = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n";
    private const string Change = "ALTER TABLE users ADD COLUMN nickname text;\n";
    private const string NotRegular = "not a regular file: migplan reads inputs only from regular files";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifo_AsAChangeFile_IsRefusedWithoutBeingOpened()
    {
        using var dir = Inputs();
        await MakeFifoAsync(dir.Combine("pipe.sql"));

        var result = await Plan(dir.Path, "pipe.sql", "--schema", "schema.sql");

        AssertRefused(dir, result, $"pipe.sql: is a FIFO (named pipe), {NotRegular}");
    }

    [Fact]
    public async Task Fifo_InAnInputFolder_IsRefused_NotSkipped()
    {
        using var dir = Inputs();
        dir.Write("migration/change.sql", Change);
        dir.Write("migration/schema.sql", Schema);
        await MakeFifoAsync(dir.Combine("migration", "more.sql"));

        var result = await Plan(dir.Path, "migration");

        AssertRefused(dir, result, $"migration/more.sql: is a FIFO (named pipe), {NotRegular}");
    }

    [Fact]
    public async Task DevZero_AsTheSchema_IsRefused()
    {
        using var dir = Inputs();

        var result = await Plan(dir.Path, "change.sql", "--schema", "/dev/zero");

        AssertRefused(dir, result, $"/dev/zero: is a character device, {NotRegular}");
    }

    [Fact]
    public async Task DevZero_AsTheStats_IsRefused()
    {
        using var dir = Inputs();

        var result = await Plan(dir.Path, "change.sql", "--schema", "schema.sql", "--stats", "/dev/zero");

        AssertRefused(dir, result, $"/dev/zero: is a character device, {NotRegular}");
    }

    [Fact]
    public async Task LinkToDevZero_NamedLikeAChangeFile_IsRefused()
    {
        using var dir = Inputs();
        File.CreateSymbolicLink(dir.Combine("zero.sql"), "/dev/zero");

        var result = await Plan(dir.Path, "zero.sql", "--schema", "schema.sql");

        AssertRefused(dir, result, $"zero.sql: is a character device, {NotRegular}");
    }

    [Theory]
    [InlineData("x.sql", "--schema", "schema.sql")]
    [InlineData("change.sql", "--schema", "x.sql")]
    [InlineData("x.md", "--schema", "schema.sql")]
    public async Task DirectoryNamedLikeAnInputFile_IsRefused(string change, string option, string value)
    {
        using var dir = Inputs();
        string named = change == "change.sql" ? value : change;
        dir.Write($"{named}/inside.sql", Change);

        var result = await Plan(dir.Path, change, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{named}: is a directory, not a file\n", result.StdErr);
        Assert.False(Directory.Exists(dir.Combine("out")));
    }

    [Fact]
    public async Task DirectoryNamedLikeAChangeFile_InAnInputFolder_IsRefused_NotSkipped()
    {
        using var dir = Inputs();
        dir.Write("migration/change.sql", Change);
        dir.Write("migration/schema.sql", Schema);
        dir.Write("migration/old.sql/inside.sql", Change);

        var result = await Plan(dir.Path, "migration");

        AssertRefused(dir, result, "migration/old.sql: is a directory, not a file");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, 2, 31, "0xFF")]
    [InlineData(new byte[] { 0xC3 }, 2, 31, "0xC3")] // a lead byte at the end of the file
    [InlineData(new byte[] { 0xC0, 0xAF }, 2, 31, "0xC0")] // an overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 2, 31, "0xED")] // a UTF-16 surrogate
    public async Task InvalidUtf8_IsRefusedAtItsFirstBadByte_WithLineAndColumn(byte[] bad, int line, int column, string shown)
    {
        using var dir = Inputs();

        // Line 2 starts with "-- é€😀 " (the column counts UTF-16 code units: é, € one each, 😀 two) then SQL.
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("ALTER TABLE users ADD COLUMN a text;\r\n-- é€😀 ALTER TABLE users ADD "));
        bytes.AddRange(bad);
        File.WriteAllBytes(dir.Combine("bad.sql"), [.. bytes]);

        var result = await Plan(dir.Path, "bad.sql", "--schema", "schema.sql");

        AssertRefused(dir, result, $"bad.sql:{line}:{column}: invalid UTF-8 (byte {shown}): PostgreSQL rejects the file too; save it as UTF-8");
    }

    [Fact]
    public async Task InvalidUtf8_InAMarkdownArtifact_IsReportedAtTheLineOfTheFile()
    {
        using var dir = Inputs();
        File.WriteAllBytes(dir.Combine("design.md"), [.. Encoding.UTF8.GetBytes("# Design\n\nSome text \u2014 here.\n\n```sql\nSELECT 'x"), 0xFE, .. Encoding.UTF8.GetBytes("';\n```\n")]);

        var result = await Plan(dir.Path, "design.md", "--schema", "schema.sql");

        AssertRefused(dir, result, "design.md:6:10: invalid UTF-8 (byte 0xFE): PostgreSQL rejects the file too; save it as UTF-8");
    }

    [Fact]
    public async Task Utf8ByteOrderMark_IsAccepted()
    {
        using var dir = Inputs();
        File.WriteAllBytes(dir.Combine("bom.sql"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Change)]);

        var result = await Plan(dir.Path, "bom.sql", "--schema", "schema.sql");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task FileAboveTheSizeLimit_IsRefusedFromItsSize()
    {
        using var dir = Inputs();
        using (var sparse = new FileStream(dir.Combine("huge.sql"), FileMode.CreateNew))
        {
            sparse.SetLength((256L * 1024 * 1024) + 1);
        }

        var result = await Plan(dir.Path, "huge.sql", "--schema", "schema.sql");

        AssertRefused(dir, result, "huge.sql: is 268,435,457 bytes, larger than the 256 MiB an input may be");
    }

    private static Task<CliResult> Plan(string workingDirectory, params string[] args) =>
        CliRunner.RunAsync(workingDirectory, ["plan", .. args, "--out", "out"]);

    private static void AssertRefused(TempDirectory dir, CliResult result, string message)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(message + "\n", result.StdErr);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.False(Path.Exists(dir.Combine("out")), "an output folder was written");
    }

    private static async Task MakeFifoAsync(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("cannot start mkfifo");
        await mkfifo.WaitForExitAsync(Ct);
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static TempDirectory Inputs()
    {
        var dir = new TempDirectory("migplan-input-file");
        dir.Write("schema.sql", Schema);
        dir.Write("change.sql", Change);
        return dir;
    }
}
