using System.Text;
using Migplan.Output;
using Migplan.Tests.Golden;

namespace Migplan.Tests.Output;

/// <summary>The script files' writer: the bytes a StreamWriter with UTF-8 (no BOM) would write, through a reused buffer.</summary>
public sealed class Utf8FileWriterTests
{
    [Fact]
    public void Writes_TheSameBytesAsAStreamWriter_AcrossBufferBoundariesAndSplitSurrogatePairs()
    {
        using var dir = new TempDirectory("migplan-utf8writer");
        var buffer = new byte[1024];
        string text = string.Concat(Enumerable.Repeat("SELECT 'é€😀' AS x; -- ünïcödé\n", 200));
        string lone = "a\uD800b\uDC00c"; // lone surrogates: replaced, as by the StreamWriter

        string ours = dir.Combine("ours.sql");
        using (var w = new Utf8FileWriter(ours, buffer))
        {
            foreach (char c in text[..100])
            {
                w.Write(c); // a surrogate pair written one char at a time
            }

            w.Write(text[100..]);
            w.Write(lone.ToCharArray(), 0, lone.Length);
        }

        string theirs = dir.Combine("theirs.sql");
        using (var w = new StreamWriter(theirs, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            w.Write(text);
            w.Write(lone);
        }

        Assert.Equal(File.ReadAllBytes(theirs), File.ReadAllBytes(ours));
    }

    [Fact]
    public void Reusing_TheBuffer_ForAShorterFile_LeavesNothingOfTheLongerOne()
    {
        using var dir = new TempDirectory("migplan-utf8writer");
        var buffer = new byte[1024];
        using (var w = new Utf8FileWriter(dir.Combine("long.sql"), buffer))
        {
            w.Write(new string('x', 5000));
        }

        using (var w = new Utf8FileWriter(dir.Combine("short.sql"), buffer))
        {
            w.Write("SELECT 1;\n");
        }

        Assert.Equal("SELECT 1;\n", File.ReadAllText(dir.Combine("short.sql")));
        Assert.Equal(5000, new FileInfo(dir.Combine("long.sql")).Length);
    }
}
