using System.Text.Json;
using Migplan.Sql;

namespace Migplan.Schema;

/// <summary>
/// Reads <c>{"tables": {"public.users": {"rows": 12000000, "bytes": 2400000000}}}</c>: <c>bytes</c> (or
/// <c>heapBytes</c>) is the heap size, pg_relation_size; <c>indexBytes</c> and <c>totalBytes</c> are optional.
/// A name without a schema means the default schema.
/// </summary>
public static class StatsLoader
{
    public static IReadOnlyDictionary<string, TableStats> Parse(string path, string json, string defaultSchema, List<string> errors)
    {
        var result = new Dictionary<string, TableStats>(StringComparer.Ordinal);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            errors.Add(FormattableString.Invariant($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: invalid JSON: {FirstSentence(e.Message)}"));
            return result;
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: expected an object with a \"tables\" object, like {{\"tables\": {{\"public.users\": {{\"rows\": 12000000, \"bytes\": 2400000000}}}}}}");
                return result;
            }

            foreach (var table in tables.EnumerateObject())
            {
                string key = table.Name.Contains('.', StringComparison.Ordinal) ? table.Name : defaultSchema + "." + table.Name;
                if (Sizes(path, table, errors) is { } stats)
                {
                    result[key] = stats;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// One table's numbers: <c>rows</c> (required); the heap as <c>bytes</c> or <c>heapBytes</c> (the same
    /// thing, pg_relation_size); <c>indexBytes</c> (pg_indexes_size); <c>totalBytes</c> (heap + indexes +
    /// TOAST, pg_total_relation_size), from which the heap is derived when it is not given.
    /// </summary>
    private static TableStats? Sizes(string path, JsonProperty table, List<string> errors)
    {
        int before = errors.Count;
        long? rows = ReadCount(path, table, "rows", errors);
        if (rows is null && errors.Count == before)
        {
            errors.Add($"{path}: table \"{table.Name}\" has no \"rows\" number");
        }

        long? bytes = ReadCount(path, table, "bytes", errors);
        long? heap = ReadCount(path, table, "heapBytes", errors);
        long? indexes = ReadCount(path, table, "indexBytes", errors);
        long? total = ReadCount(path, table, "totalBytes", errors);
        if (bytes is not null && heap is not null && bytes != heap)
        {
            errors.Add($"{path}: table \"{table.Name}\": \"bytes\" and \"heapBytes\" both give the heap size and differ ({bytes} and {heap}): give one");
        }

        if (total is not null && indexes is not null && total < indexes)
        {
            errors.Add($"{path}: table \"{table.Name}\": \"totalBytes\" ({total}) is smaller than \"indexBytes\" ({indexes})");
        }

        if (errors.Count > before)
        {
            return null;
        }

        heap ??= bytes;
        string? note = null;
        if (heap is null && total is not null)
        {
            heap = indexes is null ? total : total - indexes;
            note = indexes is null
                ? "heap size taken from totalBytes, which also counts indexes and TOAST (estimates run high)"
                : "heap size derived as totalBytes - indexBytes (TOAST counted with the heap)";
        }

        return new TableStats(rows!.Value, heap, indexes, SizeSource.StatsFile) { Note = note };
    }

    /// <summary>A non-negative integer field, or null when absent (an error when present but not such a number).</summary>
    private static long? ReadCount(string path, JsonProperty table, string field, List<string> errors)
    {
        if (table.Value.ValueKind != JsonValueKind.Object)
        {
            if (field == "rows")
            {
                errors.Add($"{path}: table \"{table.Name}\" must be an object like {{\"rows\": 12000000, \"bytes\": 2400000000}}");
            }

            return null;
        }

        if (!table.Value.TryGetProperty(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long n) || n < 0)
        {
            errors.Add($"{path}: table \"{table.Name}\": \"{field}\" must be a non-negative integer");
            return null;
        }

        return n;
    }

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        return i < 0 ? message : message[..i];
    }

    /// <summary>Attaches stats to the catalog's tables; returns the names in stats that match no table.</summary>
    public static IEnumerable<string> Attach(Catalog catalog, IReadOnlyDictionary<string, TableStats> stats)
    {
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in catalog.Tables)
        {
            if (stats.TryGetValue(table.Name.Key, out var s))
            {
                table.Stats = s;
                matched.Add(table.Name.Key);
            }
        }

        return stats.Keys.Where(k => !matched.Contains(k)).Order(StringComparer.Ordinal);
    }
}
