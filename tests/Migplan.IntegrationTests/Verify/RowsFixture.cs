using System.Text.Json;
using Migplan.IntegrationTests.Support;
using Migplan.Rendering.Messages;
using Migplan.Verify;

namespace Migplan.IntegrationTests.Verify;

/// <summary>Helpers of the synthetic rows tests: fill a database, read its stats.json, compare rows.</summary>
internal static class RowsFixture
{
    public static async Task<SyntheticRowsResult> FillAsync(ScratchDatabase db, SyntheticRowsOptions options, CancellationToken ct)
    {
        await using var connection = await db.OpenSessionAsync(ct);
        return await SyntheticRows.FillAsync(connection, options, ct);
    }

    /// <summary>Every problem of the result in English, one per line: the assertion message when a fill falls short.</summary>
    public static string Describe(SyntheticRowsResult result) =>
        string.Join('\n', result.Tables.Select(t => $"{t.Table.Key}: {t.Inserted}/{t.Target} {t.Basis}"
            + string.Concat(t.Notes.Concat(t.Problems).Select(m => "\n  " + English.Of(m)))));

    /// <summary>The rows of stats.json's <c>tables</c>, by <c>schema.table</c>.</summary>
    public static Dictionary<string, long> StatsRows(string statsJson)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(statsJson));
        return json.RootElement.GetProperty("tables").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("rows").GetInt64(), StringComparer.Ordinal);
    }

    /// <summary>A checksum of a table's rows, in a fixed order.</summary>
    public static Task<string> ChecksumAsync(ScratchDatabase db, string table, CancellationToken ct) =>
        db.ScalarAsync<string>($"SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), 'empty') FROM {table} t", ct);

    public static Task<long> CountAsync(ScratchDatabase db, string sql, CancellationToken ct) => db.ScalarAsync<long>(sql, ct);
}
