using System.Collections.Immutable;
using Npgsql;

namespace Migplan.Verify.Rows;

/// <summary>The statements of one table's fill: its referenced tables' counts, the rows it holds already, its INSERTs.</summary>
internal static class TableInserts
{
    /// <summary>How many INSERTs a filtered fill runs at most, each on the next candidates, before it reports the table short.</summary>
    private const int FilteredRounds = 5;

    private static readonly ImmutableArray<FillAttempt> Attempts = [FillAttempt.Plain, FillAttempt.Checked, FillAttempt.CheckedNulls];

    /// <summary>
    /// Tries the plain INSERT, then filtered by the CHECKs, then with NULL in the columns they read; the first the server
    /// accepts stands. A filtered INSERT that found too few rows goes on with the next candidates, up to
    /// <see cref="FilteredRounds"/> times. Returns the first series number no INSERT used.
    /// </summary>
    public static async Task<long> InsertAsync(NpgsqlConnection connection, FillRecipe recipe, long rows, long start, TableFillBuilder fill, CancellationToken ct)
    {
        PostgresException? first = null;
        PostgresException? last = null;
        foreach (var attempt in Attempts)
        {
            try
            {
                fill.Inserted = await ExecuteAsync(connection, FillStatement.Insert(recipe, rows, start, attempt), ct).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                first ??= e;
                last = e;
                continue;
            }

            if (first is not null)
            {
                fill.Notes.Add(attempt == FillAttempt.Checked
                    ? Message.Of("rows.note.check-fallback", MessageArg.Name(recipe.Table.Name), MessageArg.Text($"{first.MessageText} (SQLSTATE {first.SqlState})"))
                    : Message.Of("rows.note.check-nulls", MessageArg.Name(recipe.Table.Name)));
            }

            long used = FillStatement.Candidates(recipe, rows, attempt);
            long next = start + used;
            for (int round = 1; round < FilteredRounds && fill.Inserted > 0 && fill.Inserted < rows && FillStatement.Filters(recipe, attempt); round++)
            {
                // The next candidates in proportion to the share of rows the filters let through so far (with a margin).
                long missing = rows - fill.Inserted;
                double share = Math.Max((double)fill.Inserted / used, 1e-4);
                long candidates = (long)Math.Min(Math.Ceiling(missing / share * 1.5) + 16, missing * 10_000.0);
                int added = await ExecuteAsync(connection, FillStatement.Insert(recipe, missing, next, attempt, candidates), ct).ConfigureAwait(false);
                next += candidates;
                used += candidates;
                fill.Inserted += added;
                if (added == 0)
                {
                    break;
                }
            }

            if (fill.Inserted < rows)
            {
                fill.Short(Message.Of("rows.reason.filtered"));
            }

            return next;
        }

        fill.Short(Message.Of("rows.reason.server-error", MessageArg.Text(last!.MessageText), MessageArg.Text(last.SqlState)));
        return start + FillStatement.Candidates(recipe, rows, FillAttempt.CheckedNulls);
    }

    /// <summary>
    /// For a table that holds rows already: how many, and a series start past them and past the largest value of each of
    /// its distinct integer columns; (null, null) for an empty table.
    /// </summary>
    public static async Task<(long? Existing, long? Start)> AfterExistingRowsAsync(NpgsqlConnection connection, FillRecipe recipe, CancellationToken ct)
    {
        var maxima = recipe.Columns
            .Where(c => c.Distinct && c.Column.BaseName is "int2" or "int4" or "int8" or "numeric")
            .Select(c => $", coalesce(max({c.Column.Id.Quoted})::numeric, 0)");
        await using var command = new NpgsqlCommand($"SELECT count(*)::numeric{string.Concat(maxima)} FROM ONLY {recipe.Table.Name.Quoted}", connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        decimal existing = reader.GetDecimal(0);
        if (existing == 0)
        {
            return (null, null);
        }

        decimal largest = existing;
        for (int i = 1; i < reader.FieldCount; i++)
        {
            largest = Math.Max(largest, reader.GetDecimal(i));
        }

        return ((long)existing, (long)Math.Min(largest + 1, long.MaxValue / 2));
    }

    public static async Task<Dictionary<string, long>> ParentCountsAsync(
        NpgsqlConnection connection, RowsCatalog catalog, RowsTable table, FillOrder order, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var fk in table.ForeignKeys.Where(fk => !order.Deferred.Contains((table.Oid, fk.Name))))
        {
            string notNull = string.Join(" AND ", fk.ReferencedColumns.Select(c => new Sql.Identifier(c).Quoted + " IS NOT NULL"));
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {catalog.ByOid[fk.Referenced].Name.Quoted} WHERE {notNull}", connection);
            counts[fk.Name] = (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false) ?? 0L);
        }

        return counts;
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
