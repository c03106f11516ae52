using System.Text.Json;
using Migplan.Sql;

namespace Migplan.Schema;

/// <summary>
/// Reads <c>{"tables": {"public.users": {"rows": 12000000, "bytes": 2400000000}}}</c>.
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
                long rows = ReadCount(path, table, "rows", errors);
                long bytes = ReadCount(path, table, "bytes", errors);
                string key = table.Name.Contains('.', StringComparison.Ordinal) ? table.Name : defaultSchema + "." + table.Name;
                result[key] = new TableStats(rows, bytes);
            }
        }

        return result;
    }

    private static long ReadCount(string path, JsonProperty table, string field, List<string> errors)
    {
        if (table.Value.ValueKind != JsonValueKind.Object || !table.Value.TryGetProperty(field, out var value))
        {
            if (field == "bytes")
            {
                return -1; // optional: estimated from rows
            }

            errors.Add($"{path}: table \"{table.Name}\" has no \"{field}\" number");
            return 0;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long n) || n < 0)
        {
            errors.Add($"{path}: table \"{table.Name}\": \"{field}\" must be a non-negative integer");
            return 0;
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
