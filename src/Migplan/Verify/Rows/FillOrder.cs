using System.Collections.Immutable;

namespace Migplan.Verify.Rows;

/// <summary>
/// The order tables are filled in: every table after the tables its foreign keys reference. A foreign key back to the
/// table itself, or one closing a cycle whose columns are all nullable, is deferred: its columns are NULL at first and
/// set by an UPDATE once every table is filled. A cycle of NOT NULL foreign keys cannot be filled: its tables are
/// reported (<see cref="Unfillable"/>).
/// </summary>
internal sealed record FillOrder(
    ImmutableArray<RowsTable> Tables,
    ImmutableHashSet<(uint Table, string ForeignKey)> Deferred,
    ImmutableDictionary<uint, RowsForeignKey> Unfillable)
{
    public static FillOrder Of(RowsCatalog catalog)
    {
        var pending = catalog.Fillable.Where(t => !t.IsForeign).ToDictionary(t => t.Oid);
        var deferred = ImmutableHashSet.CreateBuilder<(uint, string)>();
        var unfillable = ImmutableDictionary.CreateBuilder<uint, RowsForeignKey>();
        var order = ImmutableArray.CreateBuilder<RowsTable>();

        foreach (var table in pending.Values)
        {
            foreach (var fk in table.ForeignKeys.Where(fk => catalog.LeavesOf(fk.Referenced).Any(l => l.Oid == table.Oid)))
            {
                if (Nullable(table, fk))
                {
                    deferred.Add((table.Oid, fk.Name));
                }
                else
                {
                    unfillable[table.Oid] = fk;
                }
            }
        }

        while (pending.Count > 0)
        {
            var ready = pending.Values.Where(t => Waits(catalog, t, pending, deferred).Count == 0).OrderBy(t => t.Name.Key, StringComparer.Ordinal).ToList();
            if (ready.Count > 0)
            {
                foreach (var t in ready)
                {
                    order.Add(t);
                    pending.Remove(t.Oid);
                }

                continue;
            }

            // A cycle: break it at the first table whose waiting foreign keys are all nullable, or give up on one.
            var stuck = pending.Values.OrderBy(t => t.Name.Key, StringComparer.Ordinal).ToList();
            var breakable = stuck.FirstOrDefault(t => Waits(catalog, t, pending, deferred).All(fk => Nullable(t, fk)));
            if (breakable is not null)
            {
                foreach (var fk in Waits(catalog, breakable, pending, deferred))
                {
                    deferred.Add((breakable.Oid, fk.Name));
                }

                continue;
            }

            var first = stuck[0];
            unfillable[first.Oid] = Waits(catalog, first, pending, deferred).First(fk => !Nullable(first, fk));
            order.Add(first);
            pending.Remove(first.Oid);
        }

        return new FillOrder(order.ToImmutable(), deferred.ToImmutable(), unfillable.ToImmutable());
    }

    /// <summary>True when every column of the foreign key may be NULL (a NULL column satisfies it).</summary>
    public static bool Nullable(RowsTable table, RowsForeignKey fk) =>
        fk.Columns.All(c => table.Column(c) is { NotNull: false });

    private static List<RowsForeignKey> Waits(
        RowsCatalog catalog, RowsTable table, Dictionary<uint, RowsTable> pending, ImmutableHashSet<(uint, string)>.Builder deferred) =>
        [.. table.ForeignKeys.Where(fk => !deferred.Contains((table.Oid, fk.Name))
            && catalog.LeavesOf(fk.Referenced).Any(l => l.Oid != table.Oid && pending.ContainsKey(l.Oid)))];
}
