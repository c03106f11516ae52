using System.Diagnostics;
using Migplan.Output;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Output;

/// <summary>The libc calls behind the input and output checks, on the machine's own file systems.</summary>
public sealed class LinuxFilesTests
{
    [Fact]
    public async Task Stat_TellsEachKind_WithoutOpeningTheFile()
    {
        Assert.SkipUnless(LinuxFiles.Supported, "Linux only");
        using var dir = new TempDirectory("migplan-linuxfiles");
        string file = dir.Write("a.sql", "SELECT 1;\n");
        string fifo = dir.Combine("pipe");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        File.CreateSymbolicLink(dir.Combine("link"), file);

        Assert.Equal(new FileFacts(FileKind.Regular, 10, LinuxFiles.Stat(file).Device, LinuxFiles.Stat(file).Inode), LinuxFiles.Stat(file));
        Assert.Equal(FileKind.Directory, LinuxFiles.Stat(dir.Path).Kind);
        Assert.Equal(FileKind.Fifo, LinuxFiles.Stat(fifo).Kind);
        Assert.Equal(FileKind.CharacterDevice, LinuxFiles.Stat("/dev/null").Kind);
        Assert.Equal(FileKind.SymbolicLink, LinuxFiles.Stat(dir.Combine("link"), followLinks: false).Kind);
        Assert.Equal(FileKind.Regular, LinuxFiles.Stat(dir.Combine("link")).Kind);
        Assert.Equal(FileKind.Missing, LinuxFiles.Stat(dir.Combine("none")).Kind);
        Assert.Equal(FileKind.Missing, LinuxFiles.Stat(dir.Combine("a.sql", "under-a-file")).Kind);
    }

    [Fact]
    public void Stat_OfAnOpenFile_IsTheFileAtItsPath()
    {
        Assert.SkipUnless(LinuxFiles.Supported, "Linux only");
        using var dir = new TempDirectory("migplan-linuxfiles");
        string file = dir.Write("a", "x");
        using var stream = new FileStream(file, FileMode.Open);

        var open = LinuxFiles.Stat(stream.SafeFileHandle);

        Assert.Equal(LinuxFiles.Stat(file), open);
    }

    [Fact]
    public void TryExchange_SwapsTwoFolders_OrSaysItCannot()
    {
        Assert.SkipUnless(LinuxFiles.Supported, "Linux only");
        using var dir = new TempDirectory("migplan-linuxfiles");
        dir.Write("old/plan.txt", "old\n");
        dir.Write("new/plan.txt", "new\n");

        if (!LinuxFiles.TryExchange(dir.Combine("new"), dir.Combine("old")))
        {
            Assert.Skip("this file system does not support RENAME_EXCHANGE: the two-rename fallback is used");
        }

        Assert.Equal("new\n", File.ReadAllText(dir.Combine("old", "plan.txt")));
        Assert.Equal("old\n", File.ReadAllText(dir.Combine("new", "plan.txt")));
    }

    [Fact]
    public void RealPath_ResolvesEveryLink()
    {
        Assert.SkipUnless(LinuxFiles.Supported, "Linux only");
        using var dir = new TempDirectory("migplan-linuxfiles");
        Directory.CreateDirectory(dir.Combine("real", "inner"));
        File.CreateSymbolicLink(dir.Combine("link"), dir.Combine("real"));

        Assert.Equal(LinuxFiles.RealPath(dir.Combine("real", "inner")), LinuxFiles.RealPath(dir.Combine("link", "inner")));
        Assert.Null(LinuxFiles.RealPath(dir.Combine("missing")));
    }
}
