using System.Globalization;
using Migplan.Schema;

namespace Migplan.Live;

/// <summary>
/// Sizes from the live server: rows from pg_class.reltuples, the heap from pg_relation_size, indexes from
/// pg_indexes_size. A table never analysed nor vacuumed (reltuples = -1) falls back to the statistics
/// collector's n_live_tup, else to its heap size at <see cref="FallbackRowBytes"/> bytes a row, and is named
/// in the Assumptions. A partitioned table counts its partitions' rows and sizes (its own are zero).
/// </summary>
internal static class LiveStats
{
    public const int FallbackRowBytes = 200;

    public static Dictionary<string, TableStats> Of(IReadOnlyList<LiveTable> tables, List<string> neverAnalysed)
    {
        var children = new Dictionary<string, List<LiveTable>>(StringComparer.Ordinal);
        foreach (var t in tables.Where(t => t.IsPartition && t.Parents.Count == 1))
        {
            string parent = t.Parents[0];
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(t);
        }

        var result = new Dictionary<string, TableStats>(StringComparer.Ordinal);
        foreach (var t in tables)
        {
            result[t.Schema + "." + t.Name] = Stats(t, children, neverAnalysed, depth: 0);
        }

        return result;
    }

    private static TableStats Stats(LiveTable t, Dictionary<string, List<LiveTable>> children, List<string> neverAnalysed, int depth)
    {
        if (t.Partitioned && depth < 32)
        {
            var parts = children.GetValueOrDefault(QuotedName(t)) ?? [];
            var stats = parts.Select(p => Stats(p, children, neverAnalysed, depth + 1)).ToList();
            return new TableStats(stats.Sum(s => s.Rows), stats.Sum(s => s.HeapBytes ?? 0), stats.Sum(s => s.IndexBytes ?? 0), SizeSource.LiveServer)
            {
                Note = parts.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"the sum of its {parts.Count} partition(s)"),
            };
        }

        if (t.RelTuples >= 0)
        {
            return new TableStats((long)Math.Round(t.RelTuples), t.HeapBytes, t.IndexBytes, SizeSource.LiveServer);
        }

        string key = t.Schema + "." + t.Name;
        if (t.LiveTuples is > 0)
        {
            neverAnalysed.Add($"{key} (rows from n_live_tup)");
            return new TableStats(t.LiveTuples.Value, t.HeapBytes, t.IndexBytes, SizeSource.LiveServer) { Note = "never analysed: rows from n_live_tup" };
        }

        neverAnalysed.Add(string.Create(CultureInfo.InvariantCulture, $"{key} (rows from its heap size at {FallbackRowBytes} bytes a row)"));
        return new TableStats(t.HeapBytes / FallbackRowBytes, t.HeapBytes, t.IndexBytes, SizeSource.LiveServer)
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"never analysed: rows from the heap size at {FallbackRowBytes} bytes a row"),
        };
    }

    /// <summary>The name as regclass::text writes it with an empty search_path (how partitions name their parent).</summary>
    private static string QuotedName(LiveTable t) =>
        new Sql.QualifiedName(new Sql.Identifier(t.Schema), new Sql.Identifier(t.Name)).Quoted;
}
