using System.Collections.Immutable;
using Migplan.Verify.Rows;
using Npgsql;

namespace Migplan.Verify;

/// <summary>
/// Fills a scratch database's tables with synthetic rows that its constraints accept (types, NOT NULL, CHECK, UNIQUE,
/// foreign keys, partition bounds), generated on the server by one set-based INSERT per table, in foreign key order, the
/// same rows for the same seed. Every table it could not fill, or filled only in part, says why (see docs/verify-rows.md).
/// The connection must be open and outside a transaction block: each statement commits on its own.
/// </summary>
public static class SyntheticRows
{
    public static async Task<SyntheticRowsResult> FillAsync(NpgsqlConnection connection, SyntheticRowsOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.LargestTableRows);

        var catalog = await RowsCatalog.ReadAsync(connection, ct).ConfigureAwait(false);

        // The numbered keys of a referenced table join in memory (a million keys spill a default work_mem to disk).
        await TableInserts.ExecuteAsync(connection, "SET work_mem = '256MB'", ct).ConfigureAwait(false);
        bool replica = options.CheckForeignKeysAfterwards && await TrySetAsync(connection, "SET session_replication_role = replica", ct).ConfigureAwait(false);
        try
        {
            var result = await FillAsync(connection, catalog, options, ct).ConfigureAwait(false);
            if (!replica)
            {
                return result;
            }

            await TableInserts.ExecuteAsync(connection, "RESET session_replication_role", ct).ConfigureAwait(false);
            replica = false;
            return await CheckForeignKeysAsync(connection, catalog, result, ct).ConfigureAwait(false);
        }
        finally
        {
            await TrySetAsync(connection, "RESET work_mem", CancellationToken.None).ConfigureAwait(false);
            if (replica)
            {
                await TrySetAsync(connection, "RESET session_replication_role", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<SyntheticRowsResult> FillAsync(NpgsqlConnection connection, RowsCatalog catalog, SyntheticRowsOptions options, CancellationToken ct)
    {
        var targets = RowTargets.For(catalog, options);
        var order = FillOrder.Of(catalog);
        var fills = new Dictionary<uint, TableFillBuilder>();
        var starts = new Dictionary<uint, long>();

        foreach (var foreign in catalog.Fillable.Where(t => t.IsForeign))
        {
            var fill = Start(foreign, targets);
            fill.Short(Message.Of("rows.reason.foreign-table"));
            fills[foreign.Oid] = fill;
        }

        foreach (var table in order.Tables)
        {
            var fill = Start(table, targets);
            fills[table.Oid] = fill;
            if (order.Unfillable.TryGetValue(table.Oid, out var cycle))
            {
                fill.Short(Message.Of("rows.reason.cycle", MessageArg.Name(cycle.Name)));
                continue;
            }

            var root = catalog.Root(table);
            long start = starts.GetValueOrDefault(root.Oid, 1);
            long salt = Salt(options.Seed, table.Name.Key);
            var counts = await TableInserts.ParentCountsAsync(connection, catalog, table, order, ct).ConfigureAwait(false);
            var recipe = FillRecipes.For(catalog, table, order, counts, start, salt);
            if (recipe.Problem is null && await TableInserts.AfterExistingRowsAsync(connection, recipe, ct).ConfigureAwait(false) is ({ } existing, { } after))
            {
                // Rows the schema script wrote itself: the new series starts past their keys, so distinct values do not collide.
                fill.Notes.Add(Message.Of("rows.note.existing-rows", MessageArg.Name(table.Name), MessageArg.Count(existing)));
                start = Math.Max(start, after);
                recipe = FillRecipes.For(catalog, table, order, counts, start, salt);
            }

            fill.Notes.AddRange(recipe.Notes);
            if (recipe.Problem is { } problem)
            {
                fill.Short(problem);
                continue;
            }

            long rows = fill.Target;
            Message? cap = null;
            if (recipe.UniqueKeyCapacity is { } capacity && capacity < rows)
            {
                rows = capacity;
                cap = Message.Of("rows.reason.unique-keys", MessageArg.Count(capacity));
            }

            if (rows > 0)
            {
                starts[root.Oid] = await TableInserts.InsertAsync(connection, recipe, rows, start, fill, ct).ConfigureAwait(false);
            }

            if (cap is not null && fill.Problems.Count == 0)
            {
                fill.Short(cap);
            }
        }

        foreach (var (tableOid, fkName) in order.Deferred.OrderBy(d => d.Table).ThenBy(d => d.ForeignKey, StringComparer.Ordinal))
        {
            if (!fills.TryGetValue(tableOid, out var fill) || fill.Inserted == 0)
            {
                continue;
            }

            var table = catalog.ByOid[tableOid];
            var fk = table.ForeignKeys.First(f => f.Name == fkName);
            var referenced = catalog.ByOid[fk.Referenced].Name;
            try
            {
                await TableInserts.ExecuteAsync(connection, AfterFill.DeferredKey(table, fk, referenced, Salt(options.Seed, table.Name.Key + "/" + fkName)), ct).ConfigureAwait(false);
                fill.Notes.Add(Message.Of("rows.note.deferred-key", MessageArg.Name(table.Name), MessageArg.Name(fkName)));
            }
            catch (PostgresException e)
            {
                fill.Problems.Add(Message.Of("rows.deferred-key-failed", MessageArg.Name(table.Name), MessageArg.Name(fkName), MessageArg.Text(e.MessageText), MessageArg.Text(e.SqlState)));
            }
        }

        foreach (var sequence in catalog.Sequences)
        {
            try
            {
                await TableInserts.ExecuteAsync(connection, AfterFill.Sequence(sequence), ct).ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                var owner = catalog.Tables.First(t => t.Name.Equals(sequence.Table));
                if (fills.TryGetValue(owner.Oid, out var fill))
                {
                    fill.Problems.Add(Message.Of("rows.sequence-failed", MessageArg.Name(sequence.Table), MessageArg.Name(sequence.Sequence), MessageArg.Name(sequence.Column), MessageArg.Text(e.MessageText), MessageArg.Text(e.SqlState)));
                }
            }
        }

        var ordered = catalog.Fillable.Where(t => t.IsForeign).Select(t => t.Oid).Concat(order.Tables.Select(t => t.Oid));
        return new SyntheticRowsResult([.. ordered.Select(oid => fills[oid].Build())]);
    }

    /// <summary>Checks every foreign key of every table that got rows with one anti-join; a row without its referenced row is a problem of its table.</summary>
    private static async Task<SyntheticRowsResult> CheckForeignKeysAsync(NpgsqlConnection connection, RowsCatalog catalog, SyntheticRowsResult result, CancellationToken ct)
    {
        var tables = ImmutableArray.CreateBuilder<TableFill>();
        foreach (var fill in result.Tables)
        {
            var table = catalog.Tables.First(t => t.Name.Equals(fill.Table));
            var problems = fill.Problems.ToBuilder();
            foreach (var fk in fill.Inserted == 0 ? [] : table.ForeignKeys)
            {
                await using var command = new NpgsqlCommand(AfterFill.Orphans(table, fk, catalog.ByOid[fk.Referenced].Name), connection) { CommandTimeout = 0 };
                long orphans = (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false) ?? 0L);
                if (orphans > 0)
                {
                    problems.Add(Message.Of("rows.foreign-key-broken", MessageArg.Name(table.Name), MessageArg.Count(orphans), MessageArg.Name(fk.Name)));
                }
            }

            tables.Add(problems.Count == fill.Problems.Length ? fill : fill with { Problems = problems.ToImmutable() });
        }

        return new SyntheticRowsResult(tables.ToImmutable());
    }

    /// <summary>Runs a SET or RESET; false when the server refuses it (or, when resetting after a failure, the connection is gone).</summary>
    private static async Task<bool> TrySetAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        try
        {
            await TableInserts.ExecuteAsync(connection, sql, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    private static TableFillBuilder Start(RowsTable table, Dictionary<uint, (long Rows, RowCountBasis Basis)> targets)
    {
        var (rows, basis) = targets[table.Oid];
        var fill = new TableFillBuilder(table, rows, basis);
        switch (basis)
        {
            case RowCountBasis.DefaultRows:
                fill.Notes.Add(Message.Of("rows.note.default-count", MessageArg.Name(table.Name), MessageArg.Count(rows)));
                break;
            case RowCountBasis.NoEstimates:
                fill.Notes.Add(Message.Of("rows.note.no-estimates", MessageArg.Name(table.Name), MessageArg.Count(rows)));
                break;
            default:
                break;
        }

        return fill;
    }

    /// <summary>The salt of a table's values: the seed and the table's name, the same on every machine (FNV-1a, not string.GetHashCode).</summary>
    private static long Salt(int seed, string key)
    {
        ulong hash = 14695981039346656037UL ^ (uint)seed;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)(hash & 0x0000_FFFF_FFFF_FFFFUL);
    }
}
