using System.Collections.Immutable;
using Migplan.Sql;

namespace Migplan.Verify.Rows;

/// <summary>Works out a table's <see cref="FillRecipe"/> from the catalog and its referenced tables' row counts.</summary>
internal static class FillRecipes
{
    /// <summary>The series number's name in the generated SQL.</summary>
    public const string G = "migplan_rows_g";

    public static FillRecipe For(
        RowsCatalog catalog, RowsTable table, FillOrder order, IReadOnlyDictionary<string, long> parentCounts, long start, long salt)
    {
        var notes = ImmutableArray.CreateBuilder<Message>();
        var fkColumns = new Dictionary<string, (RowsForeignKey Fk, int Position)>(StringComparer.Ordinal);
        foreach (var fk in table.ForeignKeys)
        {
            for (int i = 0; i < fk.Columns.Length; i++)
            {
                fkColumns.TryAdd(fk.Columns[i], (fk, i));
            }
        }

        // Unique sets: their non-key columns are distinct; a set made only of foreign key columns numbers its keys in mixed radix.
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var radix = new List<RowsForeignKey>();
        foreach (var unique in table.Uniques)
        {
            var own = unique.Where(c => !fkColumns.ContainsKey(c)).ToList();
            if (own.Count > 0)
            {
                // One distinct column makes the set distinct; the others keep their usual spread (a date stays in its years).
                if (!own.Any(distinct.Contains))
                {
                    distinct.Add(own.OrderBy(c => DistinctRank(table.Column(c))).First());
                }

                continue;
            }

            foreach (var fk in table.ForeignKeys.Where(fk => fk.Columns.Any(unique.Contains) && !radix.Contains(fk)))
            {
                radix.Add(fk);
            }
        }

        var keys = ImmutableArray.CreateBuilder<KeySource>();
        var keyOf = new Dictionary<string, KeySource>(StringComparer.Ordinal);
        string index = $"({G} - {start})";
        long divisor = 1;
        long? capacity = null;
        foreach (var fk in table.ForeignKeys)
        {
            if (order.Deferred.Contains((table.Oid, fk.Name)) || !fk.Columns.All(c => fkColumns[c].Fk == fk))
            {
                continue;
            }

            long count = parentCounts.TryGetValue(fk.Name, out long c) ? c : 0;
            bool nullable = FillOrder.Nullable(table, fk);
            var referenced = catalog.ByOid[fk.Referenced].Name;
            if (count == 0)
            {
                if (!nullable)
                {
                    return Failed(table, Message.Of("rows.reason.parent-empty", MessageArg.Name(fk.Name), MessageArg.Name(referenced)));
                }

                notes.Add(Message.Of("rows.note.parent-empty", MessageArg.Name(table.Name), MessageArg.Name(fk.Name), MessageArg.Name(referenced)));
                continue;
            }

            string map;
            if (radix.Contains(fk))
            {
                map = $"({index} / {divisor}) % {count} + 1";
                divisor = divisor > long.MaxValue / count ? long.MaxValue : divisor * count;
                capacity = divisor;
            }
            else
            {
                map = $"{ValueSql.Pick(G, salt + 31 * (keys.Count + 1), count)} + 1";
            }

            var key = new KeySource(keys.Count, fk, referenced, count, map, nullable && !radix.Contains(fk));
            keys.Add(key);
            foreach (var column in fk.Columns)
            {
                keyOf[column] = key;
            }
        }

        var parent = table.Parent is { } p ? catalog.ByOid[p] : null;
        var columns = ImmutableArray.CreateBuilder<ColumnValue>();
        foreach (var column in table.Columns.Where(c => !c.FilledByServer))
        {
            bool isDistinct = distinct.Contains(column.Name);
            long columnSalt = salt + 1_000_003L * column.AttNum;
            if (keyOf.TryGetValue(column.Name, out var key))
            {
                int position = key.ForeignKey.Columns.IndexOf(column.Name);
                columns.Add(new ColumnValue(column, ValueSource.ForeignKey, $"migplan_k{key.Index}.c{position}", false));
            }
            else if (fkColumns.ContainsKey(column.Name))
            {
                columns.Add(new ColumnValue(column, ValueSource.Null, "NULL", false));
            }
            else if ((parent is null ? null : PartitionBounds.KeyValue(table, parent, column, isDistinct, G, columnSalt)) is { } bounded)
            {
                columns.Add(new ColumnValue(column, ValueSource.Generated, bounded, isDistinct));
            }
            else if (ValueSql.For(column, isDistinct, G, columnSalt) is { } value)
            {
                bool sometimesNull = !column.NotNull && !isDistinct;
                columns.Add(new ColumnValue(
                    column,
                    ValueSource.Generated,
                    sometimesNull ? $"CASE WHEN {ValueSql.Pick(G, columnSalt + 7, 10)} = 0 THEN NULL ELSE {value} END" : value,
                    isDistinct));
            }
            else if (column.Default is not null || !column.NotNull)
            {
                notes.Add(Message.Of("rows.note.unknown-type", MessageArg.Name(table.Name), MessageArg.Name(column.Name), MessageArg.Code(column.Type)));
            }
            else
            {
                return Failed(table, Message.Of("rows.reason.unknown-type", MessageArg.Name(column.Name), MessageArg.Code(column.Type)));
            }
        }

        return new FillRecipe(table, columns.ToImmutable(), keys.ToImmutable(), start, capacity, notes.ToImmutable(), null);
    }

    /// <summary>Which column of a unique set best carries distinct values: keys and text first, then times, then the rest.</summary>
    private static int DistinctRank(RowsColumn? column) => column switch
    {
        null => 9,
        { BaseName: "int4" or "int8" or "numeric" or "uuid" } or { BaseCategory: 'S' } => 0,
        { BaseName: "date" or "timestamp" or "timestamptz" or "interval" } => 1,
        { BaseName: "bool" } or { BaseCategory: 'E' } => 3,
        _ => 2,
    };

    private static FillRecipe Failed(RowsTable table, Message problem) => new(table, [], [], 0, null, [], problem);
}
