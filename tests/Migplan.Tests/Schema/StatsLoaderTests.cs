using Migplan.Schema;

namespace Migplan.Tests.Schema;

/// <summary>stats.json's size keys: bytes and heapBytes are the heap; indexBytes; totalBytes from which the heap is derived.</summary>
public sealed class StatsLoaderTests
{
    private static (IReadOnlyDictionary<string, TableStats> Stats, List<string> Errors) Load(string tableJson)
    {
        var errors = new List<string>();
        var stats = StatsLoader.Parse("stats.json", "{\"tables\": {\"users\": " + tableJson + "}}", "public", errors);
        return (stats, errors);
    }

    [Fact]
    public void Bytes_IsTheHeapSize_AndIndexBytesIsKept()
    {
        var (stats, errors) = Load("{\"rows\": 10, \"bytes\": 8192, \"indexBytes\": 16384}");
        Assert.Empty(errors);
        Assert.Equal(new TableStats(10, 8192, 16384, SizeSource.StatsFile), stats["public.users"]);
        Assert.Equal(8192, stats["public.users"].Bytes);
    }

    [Fact]
    public void HeapBytes_IsAcceptedLikeBytes_AndBothEqualIsFine()
    {
        Assert.Equal(4096, Load("{\"rows\": 1, \"heapBytes\": 4096}").Stats["public.users"].HeapBytes);
        Assert.Empty(Load("{\"rows\": 1, \"heapBytes\": 4096, \"bytes\": 4096}").Errors);
    }

    [Fact]
    public void BytesAndHeapBytes_Differing_IsAnError()
    {
        var (_, errors) = Load("{\"rows\": 1, \"heapBytes\": 4096, \"bytes\": 8192}");
        Assert.Contains(errors, e => e.Contains("\"bytes\" and \"heapBytes\" both give the heap size and differ", StringComparison.Ordinal));
    }

    [Fact]
    public void TotalBytes_WithIndexBytes_GivesTheHeapAsTheDifference()
    {
        var s = Load("{\"rows\": 1, \"totalBytes\": 10000, \"indexBytes\": 3000}").Stats["public.users"];
        Assert.Equal((7000L, 3000L), (s.HeapBytes!.Value, s.IndexBytes!.Value));
        Assert.Contains("totalBytes - indexBytes", s.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void TotalBytes_Alone_IsUsedAsTheHeap_WithANote()
    {
        var s = Load("{\"rows\": 1, \"totalBytes\": 10000}").Stats["public.users"];
        Assert.Equal(10000, s.HeapBytes);
        Assert.Null(s.IndexBytes);
        Assert.Contains("estimates run high", s.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void TotalBytes_SmallerThanIndexBytes_IsAnError()
    {
        Assert.Contains(Load("{\"rows\": 1, \"totalBytes\": 10, \"indexBytes\": 3000}").Errors, e => e.Contains("smaller than", StringComparison.Ordinal));
    }

    [Fact]
    public void NoBytes_LeavesTheHeapUnknown()
    {
        var s = Load("{\"rows\": 5}").Stats["public.users"];
        Assert.Null(s.HeapBytes);
        Assert.Equal(-1, s.Bytes);
    }

    [Theory]
    [InlineData("{\"bytes\": 5}", "has no \"rows\" number")]
    [InlineData("{\"rows\": -1}", "\"rows\" must be a non-negative integer")]
    [InlineData("{\"rows\": 1, \"indexBytes\": \"x\"}", "\"indexBytes\" must be a non-negative integer")]
    [InlineData("7", "must be an object")]
    public void BadNumbers_AreErrors(string json, string expected)
    {
        Assert.Contains(Load(json).Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }
}
